package io.gil4j.analyzer.predict;

import io.gil4j.analyzer.read.GilEventSink;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StackKey;
import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps what a prediction needs from recordings: each thread's {@code gil.Stats} samples, its
 * {@code gil.Operation} counts per method, and each run's configuration. Memory grows with threads
 * times samples (one per thread per stats period), not with the number of events, except for the
 * operations' times, kept for a closed loop only (two longs per operation).
 */
final class DemandCollector implements GilEventSink {

    /** A sample and when it was taken (epoch nanoseconds). */
    record TimedSample(long time, StatsSample totals) { }

    /** One thread of one run: its samples (time, totals), operations by method, and each operation's start and duration. */
    static final class ThreadSamples {
        final String name;
        final List<TimedSample> samples = new ArrayList<>();
        final Map<String, Long> operations = new HashMap<>();
        /** Start and duration of each operation, in pairs, in the order recorded (two longs each: no boxing at millions of operations). */
        long[] operationTimes = new long[16];
        int operationCount;

        /** Sorts the operations by their end (JFR writes them as they end, so this is nearly always a no-op). */
        void sortOperationsByEnd() {
            boolean sorted = true;
            for (int k = 1; k < operationCount && sorted; k++) sorted = end(k - 1) <= end(k);
            if (sorted) return;
            Integer[] order = new Integer[operationCount];
            for (int k = 0; k < operationCount; k++) order[k] = k;
            Arrays.sort(order, (a, b) -> Long.compare(end(a), end(b)));
            long[] sortedTimes = new long[operationTimes.length];
            for (int k = 0; k < operationCount; k++) {
                sortedTimes[2 * k] = operationTimes[2 * order[k]];
                sortedTimes[2 * k + 1] = operationTimes[2 * order[k] + 1];
            }
            operationTimes = sortedTimes;
        }

        long end(int k) {
            return operationTimes[2 * k] + operationTimes[2 * k + 1];
        }

        long duration(int k) {
            return operationTimes[2 * k + 1];
        }

        void addOperation(long start, long duration) {
            if (2 * operationCount + 2 > operationTimes.length) operationTimes = Arrays.copyOf(operationTimes, operationTimes.length * 2);
            operationTimes[2 * operationCount] = start;
            operationTimes[2 * operationCount + 1] = Math.max(0, duration);
            operationCount++;
        }

        ThreadSamples(String name) {
            this.name = name;
        }
    }

    /** One recording. */
    static final class Run {
        final Path file;
        RunConfig config = RunConfig.DEFAULTS;
        final Map<Long, ThreadSamples> threads = new LinkedHashMap<>();

        Run(Path file) {
            this.file = file;
        }

        /**
         * Sorts each thread's samples by time and returns the run's first entry into instrumented code (a
         * sample's time less the wall time it totals), or Long.MAX_VALUE for a run without samples.
         */
        long sortSamplesAndFindFirstEntry() {
            long first = Long.MAX_VALUE;
            for (ThreadSamples t : threads.values()) {
                t.samples.sort(Comparator.comparingLong(TimedSample::time));
                for (TimedSample s : t.samples) first = Math.min(first, s.time() - s.totals().wallNanos());
            }
            return first;
        }
    }

    final List<Run> runs = new ArrayList<>();
    private Run current;
    /** Whether each operation's start and duration is kept (16 bytes each), which only the closed loop needs. */
    private final boolean keepOperationTimes;

    DemandCollector() {
        this(true);
    }

    DemandCollector(boolean keepOperationTimes) {
        this.keepOperationTimes = keepOperationTimes;
    }

    @Override
    public void beginRun(Path file) {
        current = new Run(file);
    }

    @Override
    public void endRun() {
        runs.add(current);
        current = null;
    }

    private ThreadSamples thread(ThreadRef t) {
        return current.threads.computeIfAbsent(t.id(), id -> new ThreadSamples(t.displayName()));
    }

    @Override
    public void statsEvent(long time, ThreadRef gilThread, StatsSample sample) {
        if (gilThread == ThreadRef.UNKNOWN) return;
        ThreadSamples t = thread(gilThread);
        t.samples.add(new TimedSample(time, sample));
    }

    @Override
    public void configEvent(long time, RunConfig config) {
        current.config = config;
    }

    @Override
    public void operationEvent(ThreadRef thread, long start, long duration, String method) {
        if (thread == ThreadRef.UNKNOWN) return;
        ThreadSamples t = thread(thread);
        t.operations.merge(method == null ? "" : method, 1L, Long::sum);
        if (keepOperationTimes) t.addOperation(start, duration);
    }

    @Override
    public void declaredEventTypes(Set<String> names) { }

    @Override
    public void waitEvent(ThreadRef thread, long start, long duration, String reason, int waiters, StackKey stack) { }

    @Override
    public void holdEvent(ThreadRef thread, long start, long duration, String endReason, long checkpoints) { }

    @Override
    public void releaseEvent(ThreadRef thread, long start, long duration, String blockingPoint, String kind) { }

    @Override
    public void dropRequestEvent(ThreadRef waiter, long time, ThreadRef holder) { }

    @Override
    public void revokeEvent(ThreadRef thread, long time, ThreadRef holder, String holderState, long latencyNanos) { }

    @Override
    public void instrumentationErrorEvent(long time, String className, String message) { }
}
