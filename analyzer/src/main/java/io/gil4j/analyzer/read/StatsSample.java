package io.gil4j.analyzer.read;

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
}
