package io.gil4j.analyzer.model;

/**
 * Where a thread's (or all threads') wall time went: held, waiting for the GIL, released around a
 * blocking point (split by kind), outside instrumented code. Nanoseconds.
 *
 * <p>Shares are fractions of {@link #accounted()} = held + wait + released + outside, which the agent
 * guarantees equals wall; dividing by the sum (not by {@code wallNanos}) keeps the shares adding up
 * to exactly 1 even when a damaged recording's counters do not.
 */
public record TimeShares(long wallNanos, long heldNanos, long waitNanos, long releasedNanos, long outsideNanos,
                         long releasedIoNanos, long releasedSleepNanos, long releasedLockNanos,
                         long releasedWaitNanos, long releasedUserNanos) {

    public static final TimeShares ZERO = new TimeShares(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public long accounted() {
        return heldNanos + waitNanos + releasedNanos + outsideNanos;
    }

    /** Time inside instrumented code: held + wait + released. */
    public long instrumentedNanos() {
        return heldNanos + waitNanos + releasedNanos;
    }

    public double share(long part) {
        long d = accounted();
        return d <= 0 ? 0.0 : (double) part / d;
    }

    public double heldShare() {
        return share(heldNanos);
    }

    public double waitShare() {
        return share(waitNanos);
    }

    public double releasedShare() {
        return share(releasedNanos);
    }

    public double outsideShare() {
        return share(outsideNanos);
    }

    public TimeShares plus(TimeShares o) {
        return new TimeShares(wallNanos + o.wallNanos, heldNanos + o.heldNanos, waitNanos + o.waitNanos,
                releasedNanos + o.releasedNanos, outsideNanos + o.outsideNanos, releasedIoNanos + o.releasedIoNanos,
                releasedSleepNanos + o.releasedSleepNanos, releasedLockNanos + o.releasedLockNanos,
                releasedWaitNanos + o.releasedWaitNanos, releasedUserNanos + o.releasedUserNanos);
    }
}
