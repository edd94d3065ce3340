package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Fields;
import io.gil4j.analyzer.read.ChunkMetadata.Field;
import io.gil4j.analyzer.read.ChunkMetadata.Type;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the events of one gil type are laid out in a chunk, and the decoded fields of the current event
 * (reused from event to event). Hold, release and wait events whose fields have the usual layout are
 * "batched": {@link ChunkDecoder} copies them into an {@link EventBatch}; every other event goes through
 * {@link EventValues}, which gives each field as the JDK's RecordedEvent would.
 */
final class EventPlan {
    static final byte L_REF = 0, L_VARINT = 1, L_STRING = 2, L_GENERIC = 3;
    static final int HOLD = GilEventNames.ALL.indexOf(GilEventNames.HOLD);
    static final int RELEASE = GilEventNames.ALL.indexOf(GilEventNames.RELEASE);
    static final int WAIT = GilEventNames.ALL.indexOf(GilEventNames.WAIT);
    private static final int STRING_CACHE = 8;

    final Type type;
    final String name;
    final boolean hasDuration;
    final int first; // index of the first field after startTime (and duration)
    final Object[] values;
    final long[] longs;
    final byte[] layout; // per field: how ChunkDecoder reads it (L_*)
    final int thread, stack, reason, endReason, checkpoints, waiters, kind, blockingPoint, code;
    /** Decoded into an {@link EventBatch}; see {@link #batchable}. */
    final boolean batched;
    /** Field indexes the batch takes its two strings and its number from (-1: none). */
    final int batchString1, batchString2, batchNumber;
    /** For the batch: the declared types of eventThread and stackTrace (null: none), the number's kind. */
    final Type threadType, stackType;
    final byte numberKind;
    /** Per field, what the batch takes it as (R_*): the decoder writes batched events straight into it. */
    final byte[] role;
    static final byte R_NONE = 0, R_THREAD = 1, R_STACK = 2, R_NUMBER = 3, R_STRING1 = 4, R_STRING2 = 5;
    long startNanos;
    long endNanos;

    // per string field: the last STRING_CACHE encodings and the Strings they decode to
    private final byte[][][] cachedBytes;
    private final byte[][] cachedEncoding;
    private final int[][] cachedCount;
    private final String[][] cachedStrings;
    private final int[] nextSlot;
    private final int[] lastHit;
    private final long[] lastKey;
    private final String[] lastKeyString;
    private char[] scratch = new char[64];

    EventPlan(Type type) {
        this.type = type;
        this.name = type.name;
        this.hasDuration = type.indexOf("duration") >= 0;
        this.first = hasDuration ? 2 : 1;
        int n = type.fields.length;
        this.values = new Object[n];
        this.longs = new long[n];
        this.layout = new byte[n];
        for (int k = 0; k < n; k++) {
            Field f = type.fields[k];
            byte kd = f.type.kind;
            layout[k] = f.array ? L_GENERIC : f.constantPool ? L_REF
                    : (kd == ChunkMetadata.LONG || kd == ChunkMetadata.INT || kd == ChunkMetadata.SHORT
                    || kd == ChunkMetadata.CHAR) ? L_VARINT
                    : kd == ChunkMetadata.STRING ? L_STRING : L_GENERIC;
        }
        this.cachedBytes = new byte[n][STRING_CACHE][];
        this.cachedEncoding = new byte[n][STRING_CACHE];
        this.cachedCount = new int[n][STRING_CACHE];
        this.cachedStrings = new String[n][STRING_CACHE];
        this.nextSlot = new int[n];
        this.lastHit = new int[n];
        this.lastKey = new long[n];
        this.lastKeyString = new String[n];
        this.thread = type.indexOf("eventThread");
        this.stack = type.indexOf("stackTrace");
        this.reason = type.indexOf(Fields.REASON);
        this.endReason = type.indexOf(Fields.END_REASON);
        this.checkpoints = type.indexOf(Fields.CHECKPOINTS);
        this.waiters = type.indexOf(Fields.WAITERS);
        this.kind = type.indexOf(Fields.KIND);
        this.blockingPoint = type.indexOf(Fields.BLOCKING_POINT);
        this.code = GilEventNames.ALL.indexOf(type.name);
        if (code == HOLD) {
            batchString1 = endReason;
            batchString2 = -1;
            batchNumber = checkpoints;
        } else if (code == RELEASE) {
            batchString1 = blockingPoint;
            batchString2 = kind;
            batchNumber = -1;
        } else {
            batchString1 = reason;
            batchString2 = -1;
            batchNumber = waiters;
        }
        this.batched = (code == HOLD || code == RELEASE || code == WAIT) && batchable();
        this.threadType = thread >= first ? type.fields[thread].type : null;
        this.stackType = stack >= first ? type.fields[stack].type : null;
        this.numberKind = batchNumber >= 0 ? type.fields[batchNumber].type.kind : ChunkMetadata.LONG;
        this.role = new byte[n];
        for (int k = first; k < n; k++) {
            role[k] = k == thread ? R_THREAD : k == stack ? R_STACK : k == batchNumber ? R_NUMBER
                    : k == batchString1 ? R_STRING1 : k == batchString2 ? R_STRING2 : R_NONE;
        }
    }

    /**
     * The layout the batch handles: a pooled event thread, the strings as strings, the number as an
     * integer, a pooled stack trace (or none) and nothing that needs the generic decoder. Any other
     * layout is legal JFR and goes through {@link EventValues} instead, with the same result.
     */
    private boolean batchable() {
        for (int i = first; i < layout.length; i++) {
            if (layout[i] == L_GENERIC) {
                return false;
            }
        }
        return thread >= first && layout[thread] == L_REF
                && (stack < first || layout[stack] == L_REF)
                && absentOr(batchString1, L_STRING) && absentOr(batchString2, L_STRING)
                && absentOr(batchNumber, L_VARINT);
    }

    private boolean absentOr(int field, byte expected) {
        return field < 0 || (field >= first && layout[field] == expected);
    }

    /** A decoded integer field as RecordedObject.getLong gives it (narrowed to its declared type). */
    long integer(int i) {
        return narrow(longs[i], type.fields[i].type.kind);
    }

    static long narrow(long v, byte kind) {
        return switch (kind) {
            case ChunkMetadata.INT -> (int) v;
            case ChunkMetadata.SHORT -> (short) v;
            case ChunkMetadata.CHAR -> (char) v;
            default -> v;
        };
    }

    /**
     * An event's string field. Events repeat a few strings per field (reason, kind, blocking point), so
     * each field remembers its last {@value #STRING_CACHE} encodings and returns the same String when the
     * encoded bytes match, instead of building a new one per event.
     */
    String readString(int i, ChunkInput in, ConstantPools pools) throws ChunkDecoder.Corrupt {
        byte encoding = in.pos < in.limit ? in.b[in.pos] : 0;
        if (encoding == 3 || encoding == 4 || encoding == 5) { // UTF-8, char array (JDK 17's choice), Latin-1
            in.pos++;
            int n = in.readCount("string length");
            // n chars are self-delimiting varints, n bytes are n bytes: equal bytes of the same n = same string
            byte[] b = in.b;
            int pos = in.pos;
            int left = in.limit - pos;
            byte[][] encoded = cachedBytes[i];
            int k = lastHit[i]; // the string this field had last time first: runs of one value are common
            for (int probe = 0; probe < STRING_CACHE; probe++, k = (k + 1) % STRING_CACHE) {
                byte[] enc = encoded[k];
                if (enc != null && enc.length <= left && cachedCount[i][k] == n && cachedEncoding[i][k] == encoding
                        && sameBytes(b, pos, enc)) {
                    in.pos = pos + enc.length;
                    lastHit[i] = k;
                    return cachedStrings[i][k];
                }
            }
            return decodeAndCache(i, encoding, n, in);
        }
        if (encoding == 2) { // string pool reference
            in.pos++;
            long key = in.readLong();
            if (lastKeyString[i] != null && lastKey[i] == key) {
                return lastKeyString[i];
            }
            Object o = pools.resolve(new ConstantPools.Ref(in.stringType, key));
            String str = o instanceof String x ? x : null;
            lastKey[i] = key;
            lastKeyString[i] = str;
            return str;
        }
        Object o = pools.resolve(in.readString());
        return o instanceof String x ? x : null;
    }

    /**
     * b[pos..] starts with enc (which the caller checked fits). A plain loop: these are a few bytes, and
     * Arrays.equals' vectorized mismatch cost more to compile than it saved here.
     */
    private static boolean sameBytes(byte[] b, int pos, byte[] enc) {
        for (int k = 0; k < enc.length; k++) {
            if (b[pos + k] != enc[k]) {
                return false;
            }
        }
        return true;
    }

    /** A string not among the field's last ones (rare: a method of its own keeps the hot path small). */
    private String decodeAndCache(int i, byte encoding, int n, ChunkInput in) throws ChunkDecoder.Corrupt {
        int from = in.pos;
        String str;
        if (encoding == 4) {
            if (scratch.length < n) {
                scratch = new char[Math.max(n, scratch.length * 2)];
            }
            char[] c = scratch;
            for (int k = 0; k < n; k++) {
                c[k] = (char) in.readLong();
            }
            str = new String(c, 0, n);
        } else {
            str = new String(in.b, from, n, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            in.pos = from + n;
        }
        int slot = nextSlot[i];
        nextSlot[i] = (slot + 1) % STRING_CACHE;
        cachedBytes[i][slot] = Arrays.copyOfRange(in.b, from, in.pos);
        cachedEncoding[i][slot] = encoding;
        cachedCount[i][slot] = n;
        cachedStrings[i][slot] = str;
        return str;
    }
}
