package io.gil4j.analyzer.predict;

import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.predict.DemandCollector.Run;
import io.gil4j.analyzer.predict.DemandCollector.ThreadSamples;
import io.gil4j.analyzer.predict.DemandCollector.TimedSample;
import io.gil4j.analyzer.read.RecordingValidator;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StatsSample;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * A prediction's demand from an ordinary JFR recording, made without gil4j: what each thread would
 * have held had the classes matching {@code include} run under the GIL, in {@code gil.Stats} form, so
 * that {@link Predictor} replays it like a {@code mode=off} recording (docs/design.md section 6).
 *
 * <p>Per thread and window of {@value #WINDOW_MILLIS} ms: held time is its execution samples
 * ({@code jdk.ExecutionSample}) whose stack has a frame of an included class, each worth one sampling
 * period; released time is the JDK's blocking events (park, sleep, wait, monitor enter, socket and file
 * I/O) whose stack has such a frame, each one a release; the rest of its life is time outside. A held
 * sample after one that was not, with no release between them, is an entry from outside (an
 * acquisition).
 *
 * <p>Assumptions and guarantees: JFR samples a thread only while it runs Java code (whether or not a
 * core runs it, as gil4j counts held time), at most five threads per period (JDK 17 to 25), so with more
 * threads in Java at once their held time is undercounted; a warning says so. A share from a few
 * samples is pulled toward a wider one ({@link #shrunkShare}), so one stray sample cannot zero a
 * thread. Blocking shorter than the events' thresholds (10-20 ms in JFR's own settings) is not
 * recorded: that time counts as outside, which is right for the demand, but its releases are not
 * counted, and convoys (one GIL take per short read) go unpredicted; a warning names the thresholds.
 * Memory grows with samples and events kept per thread (16 bytes each), not with the rest of the
 * recording.
 */
final class PlainRecordingDemand {
    private PlainRecordingDemand() { }

    static final long WINDOW_MILLIS = 100;
    /** The mode a prediction names for recordings made without gil4j. */
    static final String MODE = "none";
    private static final long WINDOW_NANOS = WINDOW_MILLIS * 1_000_000L;
    private static final String SAMPLE = "jdk.ExecutionSample";
    /** The JDK's blocking events and the kind of release each stands for (0 I/O, 1 sleep, 2 lock, 3 wait). */
    private static final Map<String, Integer> BLOCKING = Map.of(
            "jdk.SocketRead", 0, "jdk.SocketWrite", 0, "jdk.FileRead", 0, "jdk.FileWrite", 0,
            "jdk.ThreadSleep", 1, "jdk.ThreadPark", 2, "jdk.JavaMonitorEnter", 2, "jdk.JavaMonitorWait", 3);
    /** The kind of a blocking call made outside included code (a pool thread waiting for a task). */
    private static final int OUTSIDE = 4;
    /** How many samples a wider share counts for in a narrower one ({@link #shrunkShare}). */
    static final int PRIOR_SAMPLES = 2;
    /** JFR's sampler takes at most this many threads in Java code per period. */
    private static final int SAMPLED_PER_PERIOD = 5;

    /** What one thread did: samples (time, held or not) and blocking calls from included code. */
    static final class Trace {
        final String name;
        long[] sampleTimes = new long[64];
        boolean[] sampleHeld = new boolean[64];
        int samples;
        long[] blocks = new long[48]; // start, end, kind
        int blockCount;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        long threadEnd = Long.MIN_VALUE;
        long threadStart = Long.MIN_VALUE;
        boolean included;
        /** Per sample, whether it fell inside one of the thread's recorded blocking calls (set once sorted). */
        boolean[] inBlock;

        Trace(String name) {
            this.name = name;
        }

        void sample(long time, boolean held) {
            if (samples == sampleTimes.length) {
                sampleTimes = Arrays.copyOf(sampleTimes, samples * 2);
                sampleHeld = Arrays.copyOf(sampleHeld, samples * 2);
            }
            sampleTimes[samples] = time;
            sampleHeld[samples++] = held;
            if (held) included = true;
        }

        void block(long startNanos, long endNanos, int kind) {
            if (3 * blockCount + 3 > blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
            blocks[3 * blockCount] = startNanos;
            blocks[3 * blockCount + 1] = endNanos;
            blocks[3 * blockCount + 2] = kind;
            blockCount++;
            if (kind != OUTSIDE) included = true;
        }
    }

    /**
     * Reads one recording into a run whose threads carry cumulative samples at every window's end.
     *
     * @param warnings gets what makes this prediction rougher than one from a gil4j recording
     */
    static Run read(Path file, ClassPatterns include, Set<String> warnings) throws AnalyzerException {
        RecordingValidator.validate(file);
        Map<Long, Trace> traces = new LinkedHashMap<>();
        Map<Long, String> typeNames = new HashMap<>();
        Map<String, Boolean> frameCache = new HashMap<>();
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] periodNanos = {-1};
        int[] cores = {0};
        Map<String, Long> thresholds = new HashMap<>();
        // Samples per millisecond, for the warning below; bounded (a chunk's events come nearly in time order).
        Map<Long, Integer> perRound = new HashMap<>();
        boolean[] fullRound = {false};
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setOrdered(false);
            stream.onMetadata(m -> {
                for (EventType t : m.getEventTypes()) typeNames.put(t.getId(), t.getName());
            });
            stream.onEvent(SAMPLE, e -> {
                long time = extend(span, e);
                RecordedThread t = e.getThread("sampledThread");
                if (t == null) return;
                trace(traces, t).sample(time, includes(e.getStackTrace(), include, frameCache));
                if (perRound.merge(time / 1_000_000L, 1, Integer::sum) >= SAMPLED_PER_PERIOD) fullRound[0] = true;
                if (perRound.size() > 10_000) perRound.clear();
            });
            // A native method called from included code, outside any recorded blocking call, holds the GIL
            // as the agent has it (only the JDK's blocking points release it).
            stream.onEvent("jdk.NativeMethodSample", e -> {
                long time = extend(span, e);
                RecordedThread t = e.getThread("sampledThread");
                if (t != null) trace(traces, t).sample(time, includes(e.getStackTrace(), include, frameCache));
            });
            stream.onEvent("jdk.ThreadStart", e -> {
                long time = extend(span, e);
                RecordedThread t = e.getThread("thread");
                if (t != null) trace(traces, t).threadStart = time;
            });
            stream.onEvent("jdk.ThreadEnd", e -> {
                long time = extend(span, e);
                RecordedThread t = e.getThread("thread");
                if (t != null) trace(traces, t).threadEnd = time;
            });
            stream.onEvent("jdk.ActiveSetting", e -> {
                extend(span, e);
                String setting = e.getString("name");
                String of = typeNames.get(e.getLong("id"));
                if (SAMPLE.equals(of) && "period".equals(setting)) periodNanos[0] = durationNanos(e.getString("value"));
                if (of != null && BLOCKING.containsKey(of) && "threshold".equals(setting)) {
                    thresholds.put(of, durationNanos(e.getString("value")));
                }
            });
            stream.onEvent("jdk.CPUInformation", e -> {
                extend(span, e);
                cores[0] = e.getInt("hwThreads");
            });
            for (Map.Entry<String, Integer> b : BLOCKING.entrySet()) {
                int kind = b.getValue();
                stream.onEvent(b.getKey(), e -> {
                    long time = extend(span, e);
                    RecordedThread t = e.getThread();
                    if (t == null) return;
                    boolean in = includes(e.getStackTrace(), include, frameCache);
                    trace(traces, t).block(time, nanos(e.getEndTime()), in ? kind : OUTSIDE);
                });
            }
            stream.start();
        } catch (Throwable t) { // the JDK parser on corrupt bytes: IOException, runtime exceptions, OOM on huge sizes
            throw new AnalyzerException(file, "corrupt recording (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")");
        }
        for (Trace t : traces.values()) prepare(t);
        long period = periodNanos[0] > 0 ? periodNanos[0] : inferPeriod(traces.values());
        if (period <= 0) {
            throw new AnalyzerException(file, "no execution samples (jdk.ExecutionSample) of the included classes;"
                    + " record with method sampling on (settings=profile or settings=default) and check --include");
        }
        if (traces.values().stream().noneMatch(t -> t.included)) {
            throw new AnalyzerException(file, "no execution samples or blocking events in the included classes ("
                    + include + ")");
        }
        if (fullRound[0]) {
            warnings.add("JFR sampled " + SAMPLED_PER_PERIOD + " threads at once (its most per period): with more threads"
                    + " running Java code at once, their held time is undercounted and the loss underpredicted");
        }
        String withThreshold = thresholds.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .sorted().map(n -> n + " " + thresholds.get(n) / 1_000_000.0 + " ms")
                .collect(java.util.stream.Collectors.joining(", "));
        if (!withThreshold.isEmpty()) {
            warnings.add("blocking shorter than its event's threshold was not recorded (" + withThreshold + "): those"
                    + " releases are not counted, so convoys (one take of the GIL per short read) are underpredicted;"
                    + " record with a threshold of 0 ms for the events the program's threads block in");
        }
        RunConfig config = new RunConfig(true, MODE, RunConfig.DEFAULT_INTERVAL_NANOS, 0, include.toString(), null,
                null, null, -1, -1, -1, WINDOW_NANOS, null, null, cores[0], null, null);
        Run run = new Run(file);
        run.config = config;
        long id = 0;
        long held = 0;
        long sampled = 0;
        for (Trace t : traces.values()) {
            if (!t.included) continue;
            for (int i = 0; i < t.samples; i++) {
                if (t.inBlock[i]) continue;
                sampled++;
                if (t.sampleHeld[i]) held++;
            }
        }
        double share = sampled == 0 ? 1 : held / (double) sampled;
        for (Trace t : traces.values()) {
            if (t.included) run.threads.put(id++, windows(t, period, span[0], span[1], share));
        }
        return run;
    }

    private static Trace trace(Map<Long, Trace> traces, RecordedThread t) {
        return traces.computeIfAbsent(t.getId(), k -> new Trace(t.getJavaName() != null ? t.getJavaName()
                : t.getOSName() != null ? t.getOSName() : "<thread " + k + ">"));
    }

    /** True if a frame of the stack belongs to an included class (the answer per method cached). */
    private static boolean includes(RecordedStackTrace stack, ClassPatterns include, Map<String, Boolean> cache) {
        if (stack == null) return false;
        for (RecordedFrame f : stack.getFrames()) {
            if (f.getMethod() == null || f.getMethod().getType() == null) continue;
            String type = f.getMethod().getType().getName();
            if (type != null && cache.computeIfAbsent(type, include::matches)) return true;
        }
        return false;
    }

    /** Widens the recording's span to the event; returns its start. */
    private static long extend(long[] span, RecordedEvent e) {
        long start = nanos(e.getStartTime());
        span[0] = Math.min(span[0], start);
        span[1] = Math.max(span[1], nanos(e.getEndTime()));
        return start;
    }

    /**
     * The thread's life as cumulative totals at the end of each window. Its time not blocked in a recorded
     * call is split between held and not by its samples in the window (held ones among all, Java and
     * native; the thread's share over the run where the window has none, and that of all included
     * threads where the thread has no sample at all: a short-lived thread): JFR's sampler skips threads often (two
     * threads busy all the time were each sampled in a third to all of the periods), so the samples tell
     * a share, not a time. A thread blocks in one call at a time, so its blocking calls, sorted by start,
     * do not overlap.
     */
    static ThreadSamples windows(Trace t, long period, long from, long to, double allThreadsShare) {
        boolean[] inBlock = t.inBlock;
        long first = Long.MAX_VALUE;
        for (int i = 0; i < t.samples; i++) {
            if (!inBlock[i] && t.sampleHeld[i]) {
                first = t.sampleTimes[i] - period / 2;
                break;
            }
        }
        for (int k = 0; k < t.blockCount; k++) {
            if (t.blocks[3 * k + 2] != OUTSIDE) {
                first = Math.min(first, t.blocks[3 * k]);
                break;
            }
        }
        // From its start where JFR saw it (time before its first included work is split like the rest).
        if (t.threadStart != Long.MIN_VALUE) first = Math.min(first, t.threadStart);
        long start = Math.max(from, first);
        long end = t.threadEnd != Long.MIN_VALUE ? Math.min(to, Math.max(start, t.threadEnd)) : to;
        // The run's share counts the samples the windows below count, from the start on: a thread seen
        // before its first included work (main, started before the recording, sampled in its set-up) and
        // then only inside blocking calls would otherwise get its set-up's share, none held, for all of it.
        int heldSamples = 0;
        int freeSamples = 0;
        for (int i = 0; i < t.samples; i++) {
            if (inBlock[i] || t.sampleTimes[i] < start) continue;
            freeSamples++;
            if (t.sampleHeld[i]) heldSamples++;
        }
        double runShare = shrunkShare(heldSamples, freeSamples, allThreadsShare);
        ThreadSamples out = new ThreadSamples(t.name);
        int s = 0;
        int k = 0;
        int endCursor = 0;
        long acquisitions = 0;
        long releases = 0;
        long[] blockedClosed = new long[5];
        long[] blockedBefore = new long[5];
        long wallBefore = 0;
        double held = 0;
        boolean lastHeld = false;
        for (long windowEnd = from + WINDOW_NANOS; ; windowEnd += WINDOW_NANOS) {
            long at = Math.min(windowEnd, to);
            if (at > start) {
                int inWindow = 0;
                int heldInWindow = 0;
                for (; s < t.samples && t.sampleTimes[s] <= at; s++) {
                    // Blocking calls that ended before this sample: coming back from one is a release's re-take.
                    boolean returned = false;
                    for (; endCursor < t.blockCount && t.blocks[3 * endCursor + 1] <= t.sampleTimes[s]; endCursor++) {
                        returned |= t.blocks[3 * endCursor + 2] != OUTSIDE;
                    }
                    if (t.sampleTimes[s] < start || inBlock[s]) continue;
                    inWindow++;
                    if (t.sampleHeld[s]) {
                        heldInWindow++;
                        if (!lastHeld && !returned) acquisitions++;
                    }
                    lastHeld = t.sampleHeld[s];
                }
                for (; k < t.blockCount && t.blocks[3 * k + 1] <= at; k++) {
                    int kind = (int) t.blocks[3 * k + 2];
                    if (kind != OUTSIDE) releases++;
                    blockedClosed[kind] += Math.max(0, t.blocks[3 * k + 1] - Math.max(start, t.blocks[3 * k]));
                }
                long[] blocked = blockedClosed.clone();
                boolean open = false;
                if (k < t.blockCount && t.blocks[3 * k] < at) {
                    int kind = (int) t.blocks[3 * k + 2];
                    open = kind != OUTSIDE;
                    blocked[kind] += Math.max(0, at - Math.max(start, t.blocks[3 * k]));
                }
                long wall = Math.max(0, Math.min(at, end) - start);
                long released = blocked[0] + blocked[1] + blocked[2] + blocked[3];
                long blockedNow = Math.min(wall, released + blocked[OUTSIDE]);
                long blockedThen = Math.min(wallBefore, blockedBefore[0] + blockedBefore[1] + blockedBefore[2]
                        + blockedBefore[3] + blockedBefore[OUTSIDE]);
                long free = Math.max(0, (wall - blockedNow) - (wallBefore - blockedThen));
                double share = shrunkShare(heldInWindow, inWindow, runShare);
                held += free * share;
                long heldNow = Math.max(0, Math.min((long) held, wall - Math.min(wall, released)));
                long outside = Math.max(0, wall - heldNow - Math.min(wall, released));
                // Held time seen only through the shares (no held sample yet) still began with a take.
                if (heldNow > 0 && acquisitions == 0) acquisitions = 1;
                out.samples.add(new TimedSample(at, new StatsSample(wall, heldNow, 0, Math.min(wall, released), outside,
                        blocked[0], blocked[1], blocked[2], blocked[3], 0, acquisitions, 0, 0, 0,
                        releases + (open ? 1 : 0), -1)));
                wallBefore = wall;
                blockedBefore = blocked;
            }
            if (at >= to || at >= end) break;
        }
        return out;
    }

    /**
     * A held share from a thread's own samples, pulled toward a wider share by {@value #PRIOR_SAMPLES}
     * samples' worth: the thread's share over the run for a window, all included threads' for the run.
     * With a handful of samples a share is noise. A thread that
     * spends nearly all its time in recorded blocking calls is sampled outside them once or twice a run, and
     * JFR's timestamps are not exact: in a convoy's recording the I/O thread's one such sample was its
     * launcher's, before {@code main} ran, stamped after the first socket read began. Taken alone it made
     * the thread's share 0, its held time 0, and a thread that holds nothing never takes the GIL in the
     * replay: the convoy went unpredicted (0.0% where it is 99.7%) in about one recording in eight.
     */
    static double shrunkShare(int heldSamples, int samples, double widerShare) {
        return (heldSamples + PRIOR_SAMPLES * widerShare) / (samples + PRIOR_SAMPLES);
    }

    /** Sorts a thread's samples and blocking calls by time and marks the samples taken inside the calls. */
    static void prepare(Trace t) {
        sortByTime(t);
        t.inBlock = samplesInBlocks(t);
    }

    /**
     * Which samples fall inside a recorded blocking call: a native sample in a socket read, say. They
     * say nothing of how the thread's time outside blocking calls divides.
     */
    private static boolean[] samplesInBlocks(Trace t) {
        boolean[] in = new boolean[t.samples];
        int k = 0;
        for (int i = 0; i < t.samples; i++) {
            long time = t.sampleTimes[i];
            while (k < t.blockCount && t.blocks[3 * k + 1] < time) k++;
            in[i] = k < t.blockCount && t.blocks[3 * k] <= time;
        }
        return in;
    }

    private static void sortByTime(Trace t) {
        long[][] blocks = new long[t.blockCount][];
        for (int k = 0; k < t.blockCount; k++) blocks[k] = Arrays.copyOfRange(t.blocks, 3 * k, 3 * k + 3);
        Arrays.sort(blocks, (a, b) -> Long.compare(a[0], b[0]));
        for (int k = 0; k < t.blockCount; k++) System.arraycopy(blocks[k], 0, t.blocks, 3 * k, 3);
        boolean sorted = true;
        for (int i = 1; i < t.samples && sorted; i++) sorted = t.sampleTimes[i - 1] <= t.sampleTimes[i];
        if (sorted) return;
        Integer[] order = new Integer[t.samples];
        for (int i = 0; i < t.samples; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(t.sampleTimes[a], t.sampleTimes[b]));
        long[] times = new long[t.samples];
        boolean[] held = new boolean[t.samples];
        for (int i = 0; i < t.samples; i++) {
            times[i] = t.sampleTimes[order[i]];
            held[i] = t.sampleHeld[order[i]];
        }
        t.sampleTimes = times;
        t.sampleHeld = held;
    }

    /** The sampling period from the samples themselves: the median gap between a thread's successive samples. */
    private static long inferPeriod(Iterable<Trace> traces) {
        List<Long> gaps = new ArrayList<>();
        for (Trace t : traces) {
            for (int i = 1; i < t.samples; i++) {
                long gap = t.sampleTimes[i] - t.sampleTimes[i - 1];
                if (gap > 0) gaps.add(gap);
            }
        }
        if (gaps.isEmpty()) return -1;
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** A JFR setting's duration ("20 ms", "10 s", "0 ns"), or -1 for anything else ("off", "everyChunk"). */
    static long durationNanos(String value) {
        if (value == null) return -1;
        String[] p = value.trim().split("\\s+");
        if (p.length != 2) return -1;
        long n;
        try {
            n = Long.parseLong(p[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
        return switch (p[1]) {
            case "ns" -> n;
            case "us" -> n * 1_000L;
            case "ms" -> n * 1_000_000L;
            case "s" -> n * 1_000_000_000L;
            case "m" -> n * 60_000_000_000L;
            default -> -1;
        };
    }
}
