package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames.Fields;

/**
 * One {@code gil.Stats} sample: a thread's cumulative totals since it first entered instrumented code.
 * Values are taken as written; negative values from a corrupt file are clamped to 0 by the reader.
 * {@code releases} (times the thread let go around a blocking call) is -1 in recordings from agents
 * that did not count them; {@code cpuNanos} (the thread's CPU time since it started) is -1 where unknown.
 */
public record StatsSample(long wallNanos, long heldNanos, long waitNanos, long releasedNanos, long outsideNanos,
                          long releasedIoNanos, long releasedSleepNanos, long releasedLockNanos,
                          long releasedWaitNanos, long releasedUserNanos, long acquisitions, long switches,
                          long dropRequests, long revocations, long releases, long cpuNanos) {

    /** How a decoder reads one event's fields, by name ({@link Fields}). */
    public interface FieldReader {
        /** The field clamped to 0 or more; 0 where absent. */
        long positive(String field);

        /** A timespan field in nanoseconds; -1 where absent. */
        long timespan(String field);

        boolean has(String field);
    }

    /** The sample of one {@code gil.Stats} event, whichever decoder read it (the analyzer's, or JMC's in jmc-rules). */
    public static StatsSample of(FieldReader f) {
        return new StatsSample(f.positive(Fields.WALL_NANOS), f.positive(Fields.HELD_NANOS), f.positive(Fields.WAIT_NANOS),
                f.positive(Fields.RELEASED_NANOS), f.positive(Fields.OUTSIDE_NANOS), f.positive(Fields.RELEASED_IO_NANOS),
                f.positive(Fields.RELEASED_SLEEP_NANOS), f.positive(Fields.RELEASED_LOCK_NANOS), f.positive(Fields.RELEASED_WAIT_NANOS),
                f.positive(Fields.RELEASED_USER_NANOS), f.positive(Fields.ACQUISITIONS), f.positive(Fields.SWITCHES),
                f.positive(Fields.DROP_REQUESTS), f.positive(Fields.REVOCATIONS), f.has(Fields.RELEASES) ? f.positive(Fields.RELEASES) : -1,
                f.has(Fields.CPU_NANOS) ? f.timespan(Fields.CPU_NANOS) : -1);
    }

}
