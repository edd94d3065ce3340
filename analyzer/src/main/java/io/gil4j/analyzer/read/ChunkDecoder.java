package io.gil4j.analyzer.read;

import io.gil4j.analyzer.read.ChunkMetadata.Field;
import io.gil4j.analyzer.read.ChunkMetadata.Type;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the gil events of one JFR chunk (format 1.x/2.x as JDK 11+ writes it) straight from its bytes,
 * without {@code jdk.jfr.consumer}: the JDK's parser builds a RecordedEvent with boxed values for every
 * event and costs more than twice {@code jfr summary} on its own (see BENCH-report-speed.md).
 *
 * <p>What it reads: the chunk's metadata ({@link ChunkMetadata}), the constant pools on the header's
 * checkpoint chain ({@link ConstantPools}), then every event in file order, through a window that slides
 * over the chunk ({@link ChunkInput}), so memory does not grow with the chunk. The framing checks of
 * {@link RecordingValidator} (sizes tile the chunk) are done on the same walk; gil events are decoded,
 * all others only framed. Hold, release and wait events go through an {@link EventBatch}, the rest
 * through {@link EventValues}; both give the values the JDK's RecordedEvent would.
 *
 * <p>Robustness: every read is bounded by the event (or checkpoint, or metadata) it belongs to, counts
 * are checked against the bytes left, nesting is limited, the checkpoint chain may not loop. Anything
 * that does not fit throws {@link Corrupt} with a one-line reason; no input makes it loop forever.
 */
final class ChunkDecoder {
    /** The chunk's bytes do not decode; the message is one line. */
    static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** Bytes of the event stream loaded at a time (an event larger than this is loaded whole). */
    static final int WINDOW = 256 * 1024;
    private static final int SMALL_IDS = 4096;

    private final GilEventSink sink;
    private final ChunkInput in;
    private final long startNanos;
    private final long startTicks;
    private final double divisor;
    private final int metadataOffset;
    private final int constantPoolOffset;
    private final ChunkMetadata previousMetadata;
    private final int window;
    private ChunkMetadata metadata;
    private ConstantPools pools;
    private EventValues values;
    private EventBatch batch;

    /** Gil type names declared by this chunk's metadata (event types only). */
    Set<String> declared = Set.of();
    long gilEvents;

    /**
     * {@code buffer}: reused from chunk to chunk ({@link #buffer()} gives it back, maybe grown);
     * {@code previousMetadata}: the last chunk's ({@link #metadata()}), reused when this chunk's is the same.
     */
    ChunkDecoder(GilEventSink sink, FileChannel channel, RecordingValidator.Chunk chunk, byte[] buffer,
                 ChunkMetadata previousMetadata, int window) throws IOException {
        this.sink = sink;
        this.window = Math.max(window, 2 * ChunkInput.MAX_VARINT); // the framing varints must fit
        this.previousMetadata = previousMetadata;
        this.in = new ChunkInput(channel, chunk.start(), chunk.size(), chunk.where(), buffer);
        in.load(0, RecordingValidator.HEADER_SIZE); // checked by RecordingValidator.chunks
        byte[] h = in.b;
        this.constantPoolOffset = (int) ChunkInput.headerLong(h, 16);
        this.metadataOffset = (int) ChunkInput.headerLong(h, 24);
        this.startNanos = ChunkInput.headerLong(h, 32);
        this.startTicks = ChunkInput.headerLong(h, 48);
        // the JDK's TimeConverter: integer division, then as a double
        this.divisor = ChunkInput.headerLong(h, 56) / 1_000_000_000L;
    }

    byte[] buffer() {
        return in.b;
    }

    ChunkMetadata metadata() {
        return metadata;
    }

    /** Reads metadata and constant pools, then walks and decodes every event of the chunk. */
    void decode() throws Corrupt, IOException {
        metadata = ChunkMetadata.read(in, metadataOffset, previousMetadata);
        declared = metadata.declared;
        pools = new ConstantPools(in, metadata);
        pools.read(constantPoolOffset);
        values = new EventValues(sink, pools, divisor);
        batch = new EventBatch(sink, pools);
        walkEvents(metadata);
    }

    private void walkEvents(ChunkMetadata metadata) throws Corrupt, IOException {
        for (Type t : metadata.types.values()) {
            if (t.isGilEvent() && t.fields.length > 0) {
                EventPlan plan = new EventPlan(t);
                plans.put(t.id, plan);
                if (t.id >= 0 && t.id < SMALL_IDS) {
                    plansById[(int) t.id] = plan;
                }
            }
        }
        window(RecordingValidator.HEADER_SIZE, 0);
        int p = RecordingValidator.HEADER_SIZE;
        // Three calls, three compile units (see EventBatch): this loop turns only once per batch, so the JIT
        // compiles decodeRun and flush separately instead of inlining both (and the model) into one.
        while (p < in.chunkSize) {
            p = decodeRun(p);
            batch.flush();
            if (unbatched != null) {
                values.deliver(unbatched);
                unbatched = null;
            }
        }
    }

    private final Map<Long, EventPlan> plans = new HashMap<>();
    private final EventPlan[] plansById = new EventPlan[SMALL_IDS];
    private long lastType = Long.MIN_VALUE;
    private EventPlan lastPlan;
    /** A decoded event that decodeRun left for {@link EventValues} (after the batch before it). */
    private EventPlan unbatched;

    /**
     * Frames the events from chunk offset p and decodes the gil ones, until the batch is full, an event
     * that is not batched was decoded (left in {@link #unbatched}) or the chunk ends; returns the offset
     * of the next event.
     */
    private int decodeRun(int p) throws Corrupt, IOException {
        ChunkInput in = this.in;
        int chunkSize = in.chunkSize;
        while (p < chunkSize) {
            int at = p - in.loadedFrom;
            if (in.loaded - at < 2 * ChunkInput.MAX_VARINT && in.loadedFrom + in.loaded < chunkSize) {
                window(p, 0); // the two framing varints must be in the window (or the chunk must end)
                at = 0;
            }
            in.pos = at;
            in.limit = in.loaded;
            long eventSize = frameLong();
            long typeId = eventSize > 0 ? frameLong() : -1;
            if (eventSize <= 0 || eventSize > chunkSize - p || typeId < 0) {
                throw new Corrupt("bad event framing at byte " + (in.chunkStart + p) + in.where);
            }
            EventPlan plan = typeId == lastType ? lastPlan : plan(typeId);
            int next = p + (int) eventSize;
            if (plan != null) {
                if (at + eventSize > in.loaded) { // the event's end is past the window: move it here
                    int header = in.pos - at;
                    window(p, (int) eventSize);
                    at = 0;
                    in.pos = header;
                }
                in.limit = at + (int) eventSize;
                gilEvents++;
                if (plan.batched) {
                    if (decodeBatched(plan)) {
                        return next;
                    }
                } else {
                    decodeFields(plan);
                    unbatched = plan;
                    return next;
                }
            }
            p = next;
        }
        return p;
    }

    private EventPlan plan(long typeId) {
        EventPlan plan = typeId < SMALL_IDS ? plansById[(int) typeId] : plans.get(typeId);
        lastType = typeId;
        lastPlan = plan;
        return plan;
    }

    /** Loads the event stream from chunk offset p: a window, or at least {@code need} bytes. */
    private void window(int p, int need) throws IOException {
        in.load(p, Math.min(in.chunkSize - p, Math.max(window, need)));
    }

    /** A framing varint: -1 instead of an exception when it runs past the chunk (the validator's rule). */
    private long frameLong() {
        try {
            return in.readLong();
        } catch (Corrupt e) {
            return -1;
        }
    }

    private long timestamp(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / divisor);
    }

    /**
     * Decodes an event of a batched plan straight into the batch (each field by its role, no copy
     * through the plan); true when the batch is full.
     */
    private boolean decodeBatched(EventPlan plan) throws Corrupt {
        ChunkInput in = this.in;
        long start = in.readLong();
        long end = start;
        if (plan.hasDuration) {
            end = start + in.readLong();
        }
        long startNanos = timestamp(start);
        long endNanos = timestamp(end);
        long thread = 0, stack = 0, number = 0;
        String s1 = null, s2 = null;
        byte[] layout = plan.layout;
        byte[] role = plan.role;
        for (int i = plan.first; i < layout.length; i++) {
            if (layout[i] == EventPlan.L_STRING) { // a batched plan has only strings, pool keys and integers
                String s = plan.readString(i, in, pools);
                if (role[i] == EventPlan.R_STRING1) {
                    s1 = s;
                } else if (role[i] == EventPlan.R_STRING2) {
                    s2 = s;
                }
            } else {
                long v = in.readLong();
                switch (role[i]) {
                    case EventPlan.R_THREAD -> thread = v;
                    case EventPlan.R_STACK -> stack = v;
                    case EventPlan.R_NUMBER -> number = v;
                    default -> { }
                }
            }
        }
        return batch.add(plan, startNanos, EventValues.duration(startNanos, endNanos), thread, stack, number, s1, s2);
    }

    /** Decodes the current event's fields into its plan. */
    private void decodeFields(EventPlan plan) throws Corrupt {
        ChunkInput in = this.in;
        long start = in.readLong();
        long end = start;
        if (plan.hasDuration) {
            end = start + in.readLong();
        }
        plan.startNanos = timestamp(start);
        plan.endNanos = timestamp(end); // no shortcut for end == start: a branch C2 would see as never taken
        byte[] layout = plan.layout;
        Field[] fields = plan.type.fields;
        for (int i = plan.first; i < layout.length; i++) {
            switch (layout[i]) {
                case EventPlan.L_REF, EventPlan.L_VARINT -> plan.longs[i] = in.readLong();
                case EventPlan.L_STRING -> plan.values[i] = plan.readString(i, in, pools);
                default -> plan.values[i] = pools.readValue(fields[i], 0);
            }
        }
    }
}
