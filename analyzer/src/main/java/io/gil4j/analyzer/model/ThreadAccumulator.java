package io.gil4j.analyzer.model;

import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;

/**
 * Mutable per-thread totals while a recording streams by; turned into an immutable {@link ThreadModel}
 * at the end. Keeps counters, the last (largest-wall) gil.Stats sample, a decimated Stats series for
 * the loss estimate and a bounded timeline sample: memory does not grow with the number of events.
 */
final class ThreadAccumulator {
    final int run;
    final long id;
    String name;
    StatsSample lastStats;
    final StatsSeries series = new StatsSeries();
    long firstEvent = Long.MAX_VALUE;
    long lastEvent = Long.MIN_VALUE;
    long waitEvents, waitNanos, maxWait;
    long holdEvents, holdNanos, maxHold, overdueHolds, overdueHoldNanos;
    long releaseEvents, releaseNanos;
    final long[] releaseByKind = new long[SegmentState.values().length];
    long operations, dropRequested, revoked;
    final SegmentSampler timeline;

    ThreadAccumulator(int run, ThreadRef ref, SegmentSampler.Budget budget) {
        this.run = run;
        this.id = ref.id();
        this.name = ref.displayName();
        this.timeline = new SegmentSampler(budget);
    }

    void rename(ThreadRef ref) {
        if (ref.name() != null) {
            name = ref.name();
        }
    }

    void span(long start, long end) {
        firstEvent = Math.min(firstEvent, start);
        lastEvent = Math.max(lastEvent, end);
    }

    void stats(long time, StatsSample s) {
        series.add(time, s.wallNanos(), s.heldNanos());
        if (lastStats == null || s.wallNanos() >= lastStats.wallNanos()) {
            lastStats = s;
        }
    }

    TimeShares time() {
        if (lastStats != null) {
            StatsSample s = lastStats;
            return new TimeShares(s.wallNanos(), s.heldNanos(), s.waitNanos(), s.releasedNanos(), s.outsideNanos(),
                    s.releasedIoNanos(), s.releasedSleepNanos(), s.releasedLockNanos(), s.releasedWaitNanos(),
                    s.releasedUserNanos());
        }
        // No Stats: reconstruct from thresholded events (a lower bound), outside = the rest of the span.
        long wall = lastEvent > firstEvent ? lastEvent - firstEvent : 0;
        long inside = holdNanos + waitNanos + releaseNanos;
        wall = Math.max(wall, inside);
        return new TimeShares(wall, holdNanos, waitNanos, releaseNanos, wall - inside,
                releaseByKind[SegmentState.RELEASED_IO.ordinal()], releaseByKind[SegmentState.RELEASED_SLEEP.ordinal()],
                releaseByKind[SegmentState.RELEASED_LOCK.ordinal()], releaseByKind[SegmentState.RELEASED_WAIT.ordinal()],
                releaseByKind[SegmentState.RELEASED_USER.ordinal()]);
    }

    ThreadModel toModel() {
        TimeShares t = time();
        StatsSample s = lastStats;
        return new ThreadModel(run, id, name, s != null, t,
                s != null ? s.acquisitions() : holdEvents,
                s != null ? s.switches() : 0,
                s != null ? s.dropRequests() : dropRequested,
                // Revoke events are never thresholded, and Stats count a revocation only once the thread
                // notices it: one that died first, or a sample older than the event, counts fewer.
                Math.max(s != null ? s.revocations() : 0, revoked),
                waitEvents, waitNanos, maxWait, holdEvents, holdNanos, maxHold, overdueHolds, overdueHoldNanos,
                releaseEvents, operations, Classifier.classify(t), timeline.timeline());
    }
}
