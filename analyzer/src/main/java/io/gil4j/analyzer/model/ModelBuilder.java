package io.gil4j.analyzer.model;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.HoldEndReasons;
import io.gil4j.analyzer.read.GilEventSink;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StackKey;
import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates streamed gil events into a {@link RunModel}: per-thread accumulators, HdrHistograms and
 * bounded maps only, so memory depends on the number of threads and distinct stacks, not on the number
 * of events. Usable directly (unit tests feed it synthetic events) or through the recording reader.
 * Not thread-safe; one instance per analysis.
 */
public final class ModelBuilder implements GilEventSink {
    /** A hold is overdue when it ran this many switch intervals before a drop-request/revocation ended it. */
    public static final int OVERDUE_INTERVALS = 3;
    private static final int MAX_STACKS = 50_000;
    private static final int TOP_STACKS = 10;

    private final SegmentSampler.Budget budget = SegmentSampler.Budget.defaults();
    private final List<RunInfo> runs = new ArrayList<>();
    private final List<ThreadAccumulator> finished = new ArrayList<>();
    private final List<LossEstimate> estimates = new ArrayList<>();
    /** Events per type, indexed like {@link GilEventNames#ALL} (a map lookup per event cost too much). */
    private final long[] eventCounts = new long[GilEventNames.ALL.size()];
    private static final int WAIT = GilEventNames.ALL.indexOf(GilEventNames.WAIT);
    private static final int HOLD = GilEventNames.ALL.indexOf(GilEventNames.HOLD);
    private static final int RELEASE = GilEventNames.ALL.indexOf(GilEventNames.RELEASE);
    private static final int DROP_REQUEST = GilEventNames.ALL.indexOf(GilEventNames.DROP_REQUEST);
    private static final int REVOKE = GilEventNames.ALL.indexOf(GilEventNames.REVOKE);
    private static final int STATS = GilEventNames.ALL.indexOf(GilEventNames.STATS);
    private static final int CONFIG = GilEventNames.ALL.indexOf(GilEventNames.CONFIG);
    private static final int OPERATION = GilEventNames.ALL.indexOf(GilEventNames.OPERATION);
    private static final int INSTRUMENTATION_ERROR = GilEventNames.ALL.indexOf(GilEventNames.INSTRUMENTATION_ERROR);
    private final java.util.Set<String> declared = new java.util.TreeSet<>();
    private final Histogram waits = Distribution.newHistogram();
    private final Map<String, Histogram> waitsByReason = new LinkedHashMap<>();
    private final BoundedCounts waitReasons = new BoundedCounts(16);
    private final Histogram holds = Distribution.newHistogram();
    private final BoundedCounts holdEndReasons = new BoundedCounts(16);
    private final BoundedCounts releaseKinds = new BoundedCounts(16);
    private final Histogram operations = Distribution.newHistogram();
    private final Histogram revocationLatency = Distribution.newHistogram();
    private final BoundedCounts operationMethods = new BoundedCounts(1000);
    private final BoundedCounts revokeStates = new BoundedCounts(16);
    private final Map<StackKey, long[]> stacks = new HashMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private long overdueHolds, overdueHoldNanos, overdueWithCheckpoints, instrumentationErrors;

    // state of the run being read
    private Path file;
    private Map<Long, ThreadAccumulator> threads;
    private RunConfig config;
    private long runStart, runEnd, runEvents;
    /** A hold ended on request that came before gil.Config: judged once the interval is known. */
    private record PendingHold(long duration, long checkpoints, long threadId) { }

    private List<PendingHold> pendingHolds;
    private List<OrphanStats.Orphan> orphanStats; // gil.Stats without gilThread (written after the thread died)
    private ThreadRef lastRef;
    private ThreadAccumulator lastAcc;
    private String lastReason;
    private Histogram lastReasonHistogram;
    private StackKey lastStack;
    private long[] lastStackCounts;

    public ModelBuilder() {
    }

    @Override
    public void beginRun(Path f) {
        file = f;
        threads = new LinkedHashMap<>();
        lastRef = null;
        lastAcc = null;
        config = null;
        runStart = Long.MAX_VALUE;
        runEnd = Long.MIN_VALUE;
        runEvents = 0;
        pendingHolds = new ArrayList<>();
        orphanStats = new ArrayList<>();
    }

    @Override
    public void declaredEventTypes(java.util.Set<String> names) {
        declared.addAll(names);
    }

    private ThreadAccumulator thread(ThreadRef ref) {
        // JFR writes per-thread buffers, so consecutive events usually come from the same thread
        if (ref == lastRef) {
            return lastAcc;
        }
        ThreadAccumulator a = threads.get(ref.id());
        if (a == null) {
            a = newThread(ref);
        } else {
            a.rename(ref);
        }
        lastRef = ref;
        lastAcc = a;
        return a;
    }

    /** A thread seen for the first time (a method of its own: rare, and big once inlined). */
    private ThreadAccumulator newThread(ThreadRef ref) {
        ThreadAccumulator a = new ThreadAccumulator(runs.size(), ref, budget);
        threads.put(ref.id(), a);
        return a;
    }

    private void seen(int event, long start, long end) {
        eventCounts[event]++;
        runEvents++;
        runStart = Math.min(runStart, start);
        runEnd = Math.max(runEnd, end);
    }

    @Override
    public void waitEvent(ThreadRef t, long start, long duration, String reason, int waiters, StackKey stack) {
        seen(WAIT, start, start + duration);
        ThreadAccumulator a = thread(t);
        a.span(start, start + duration);
        a.waitEvents++;
        a.waitNanos += duration;
        a.maxWait = Math.max(a.maxWait, duration);
        a.timeline.add(start, duration, SegmentState.WAIT);
        waits.recordValue(duration);
        waitReasons.add(reason, 1);
        if (lastReasonHistogram == null || !java.util.Objects.equals(reason, lastReason)) {
            String key = waitReasons.keyFor(reason);
            lastReasonHistogram = waitsByReason.get(key);
            if (lastReasonHistogram == null) {
                lastReasonHistogram = Distribution.newHistogram();
                waitsByReason.put(key, lastReasonHistogram);
            }
            lastReason = reason;
        }
        lastReasonHistogram.recordValue(duration);
        long[] s = stack == lastStack ? lastStackCounts : stacks.get(stack);
        if (s == null) {
            StackKey key = stacks.size() < MAX_STACKS ? stack : new StackKey(List.of("(other stacks)"));
            s = stacks.get(key);
            if (s == null) {
                s = new long[2];
                stacks.put(key, s);
            }
        }
        lastStack = stack;
        lastStackCounts = s;
        s[0]++;
        s[1] += duration;
    }

    @Override
    public void holdEvent(ThreadRef t, long start, long duration, String endReason, long checkpoints) {
        seen(HOLD, start, start + duration);
        ThreadAccumulator a = thread(t);
        a.span(start, start + duration);
        a.holdEvents++;
        a.holdNanos += duration;
        a.maxHold = Math.max(a.maxHold, duration);
        a.timeline.add(start, duration, SegmentState.HELD);
        holds.recordValue(duration);
        holdEndReasons.add(endReason, 1);
        if (HoldEndReasons.DROP_REQUEST.equals(endReason) || HoldEndReasons.REVOKED.equals(endReason)) {
            if (config != null || pendingHolds.size() >= 1_000_000) {
                judgeHold(a, duration, checkpoints);
            } else {
                pendingHolds.add(new PendingHold(duration, checkpoints, a.id));
            }
        }
    }

    /** Counts a drop-ended hold as overdue when it lasted >= OVERDUE_INTERVALS switch intervals. */
    private void judgeHold(ThreadAccumulator a, long duration, long checkpoints) {
        long interval = (config != null ? config : RunConfig.DEFAULTS).effectiveIntervalNanos();
        if (duration < OVERDUE_INTERVALS * interval) {
            return;
        }
        if (checkpoints > 1) {
            overdueWithCheckpoints++; // passed checkpoints yet did not drop: e.g. inside <clinit>
            return;
        }
        a.overdueHolds++;
        a.overdueHoldNanos += duration;
        overdueHolds++;
        overdueHoldNanos += duration;
    }

    private void judgePending() {
        for (PendingHold p : pendingHolds) {
            judgeHold(threads.get(p.threadId()), p.duration(), p.checkpoints());
        }
        pendingHolds.clear();
    }

    @Override
    public void releaseEvent(ThreadRef t, long start, long duration, String blockingPoint, String kind) {
        seen(RELEASE, start, start + duration);
        ThreadAccumulator a = thread(t);
        a.span(start, start + duration);
        SegmentState state = SegmentState.ofReleaseKind(kind);
        a.releaseEvents++;
        a.releaseNanos += duration;
        a.releaseByKind[state.ordinal()] += duration;
        a.timeline.add(start, duration, state);
        releaseKinds.add(kind, 1);
    }

    @Override
    public void dropRequestEvent(ThreadRef waiter, long time, ThreadRef holder) {
        seen(DROP_REQUEST, time, time);
        thread(holder).dropRequested++;
    }

    @Override
    public void revokeEvent(ThreadRef t, long time, ThreadRef holder, String holderState, long latencyNanos) {
        seen(REVOKE, time, time);
        if (latencyNanos >= 0) revocationLatency.recordValue(latencyNanos);
        thread(holder).revoked++;
        revokeStates.add(holderState, 1);
    }

    @Override
    public void statsEvent(long time, ThreadRef gilThread, StatsSample sample) {
        seen(STATS, time - sample.wallNanos(), time);
        if (gilThread.id() == ThreadRef.UNKNOWN.id()) {
            orphanStats.add(new OrphanStats.Orphan(time, sample)); // matched to its thread in endRun
        } else {
            thread(gilThread).stats(time, sample);
        }
    }

    @Override
    public void configEvent(long time, RunConfig c) {
        seen(CONFIG, time, time);
        if (config == null) {
            config = c;
            judgePending();
        }
    }

    @Override
    public void operationEvent(ThreadRef t, long start, long duration, String method) {
        seen(OPERATION, start, start + duration);
        ThreadAccumulator a = thread(t);
        a.operations++;
        operations.recordValue(duration);
        operationMethods.add(method, 1);
    }

    @Override
    public void instrumentationErrorEvent(long time, String className, String message) {
        seen(INSTRUMENTATION_ERROR, time, time);
        instrumentationErrors++;
        if (errorSamples.size() < 20) {
            errorSamples.add(className + ": " + message);
        }
    }

    @Override
    public void endRun() {
        judgePending();
        OrphanStats.assign(orphanStats, List.copyOf(threads.values()),
                k -> thread(new ThreadRef(Long.MIN_VALUE + k, "<exited thread " + k + ">")));
        RunConfig c = config != null ? config : RunConfig.DEFAULTS;
        if (runStart == Long.MAX_VALUE) {
            runStart = 0;
            runEnd = 0;
        }
        long wall = Math.max(0, runEnd - runStart);
        List<ThreadAccumulator> list = new ArrayList<>(threads.values());
        long held = 0;
        boolean stats = false;
        for (ThreadAccumulator a : list) {
            held += a.time().heldNanos();
            stats |= a.lastStats != null;
        }
        estimates.add(LossEstimator.estimate(runStart, runEnd, held, list, c.effectiveStatsPeriodNanos(),
                stats ? "stats" : "events"));
        runs.add(new RunInfo(file, runStart, runEnd, wall, c, runEvents));
        finished.addAll(list);
        threads = null;
    }

    /** The model of all runs ended so far. */
    public RunModel build() {
        List<ThreadModel> models = new ArrayList<>();
        TimeShares total = TimeShares.ZERO;
        long acquisitions = 0, switches = 0, drops = 0, revocations = 0;
        for (ThreadAccumulator a : finished) {
            ThreadModel m = a.toModel();
            models.add(m);
            total = total.plus(m.time());
            acquisitions += m.acquisitions();
            switches += m.switches();
            drops += m.dropRequests();
            revocations += m.revocations();
        }
        // Without Stats, drop requests and revocations come from their events.
        drops = Math.max(drops, eventCounts[DROP_REQUEST]);
        revocations = Math.max(revocations, eventCounts[REVOKE]);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < eventCounts.length; i++) {
            counts.put(GilEventNames.ALL.get(i), eventCounts[i]);
        }
        long wall = runs.stream().mapToLong(RunInfo::wallNanos).sum();
        RunConfig config = runs.stream().map(RunInfo::config).filter(RunConfig::present).findFirst()
                .orElse(RunConfig.DEFAULTS);
        Map<String, Distribution> byReason = new LinkedHashMap<>();
        waitReasons.toMap().keySet().forEach(k -> byReason.put(k, new Distribution(waitsByReason.get(k))));
        LossEstimate estimate = estimates.stream().reduce(LossEstimate::plus)
                .orElse(LossEstimate.of(0, 0, 0, 0, "none"));
        return new RunModel(List.copyOf(runs), java.util.Set.copyOf(declared), config, wall, total,
                wall == 0 ? 0 : (double) total.heldNanos() / wall, wall == 0 ? 0 : (double) total.waitNanos() / wall,
                acquisitions, switches, drops, revocations, Collections.unmodifiableMap(counts),
                new Distribution(waits), Collections.unmodifiableMap(byReason), new Distribution(holds),
                holdEndReasons.toMap(), overdueHolds, overdueHoldNanos, overdueWithCheckpoints, releaseKinds.toMap(),
                new Distribution(operations), operationMethods.toMap(), revokeStates.toMap(),
                new Distribution(revocationLatency), topStacks(),
                List.copyOf(models), estimate, instrumentationErrors, List.copyOf(errorSamples));
    }

    private List<WaitStack> topStacks() {
        return stacks.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(TOP_STACKS)
                .map(e -> new WaitStack(e.getKey().frames(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }
}
