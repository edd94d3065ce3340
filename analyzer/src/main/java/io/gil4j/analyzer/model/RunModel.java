package io.gil4j.analyzer.model;

import io.gil4j.analyzer.read.RunConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of one streaming pass over one or more recordings: what the GIL did, in total and per
 * thread. Several recordings are treated as several runs of the same program: wall times and counters
 * add up, threads stay separate (keyed by run and thread id).
 *
 * <p>{@code declaredEvents}: the gil event types the recordings' metadata declares, with or without
 * events; rules use it to tell "no such events happened" from "not recorded".
 *
 * <p>{@code revocationLatency}: per gil.Revoke that carries it, how long waiters were kept from the
 * stuck holder (at most); empty for recordings without the field.
 *
 * <p>Guarantees: {@code total} is the sum of the threads' {@link TimeShares}; {@code utilization} is
 * total held / wall and {@code meanWaiters} total wait / wall (Little's law); per-thread and total
 * shares add up to 1. Counters prefer gil.Stats (exact, cumulative) and fall back to event counts.
 * Maps keyed by strings from the recording are bounded (rare keys fold into {@code "(other)"}).
 */
public record RunModel(List<RunInfo> runs, Set<String> declaredEvents, RunConfig config, long wallNanos, TimeShares total,
                       double utilization, double meanWaiters, long acquisitions, long switches,
                       long dropRequests, long revocations, Map<String, Long> eventCounts,
                       Distribution waits, Map<String, Distribution> waitsByReason,
                       Distribution holds, Map<String, Long> holdsByEndReason,
                       long overdueHolds, long overdueHoldNanos, long overdueHoldsWithCheckpoints,
                       Map<String, Long> releasesByKind, Distribution operations,
                       Map<String, Long> operationsByMethod, Map<String, Long> revocationsByHolderState,
                       Distribution revocationLatency,
                       List<WaitStack> topWaitStacks, List<ThreadModel> threads, LossEstimate estimate,
                       long instrumentationErrors, List<String> instrumentationErrorSamples) {

    /** Number of events of that name in all runs (0 when absent). */
    public long count(String eventName) {
        return eventCounts.getOrDefault(eventName, 0L);
    }

    public boolean has(String eventName) {
        return count(eventName) > 0;
    }

    /** True when the recordings declare the event type (in their metadata) or contain such events. */
    public boolean knows(String eventName) {
        return has(eventName) || declaredEvents.contains(eventName);
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public double switchesPerSecond() {
        return wallNanos <= 0 ? 0 : switches / wallSeconds();
    }

    public long intervalNanos() {
        return config.effectiveIntervalNanos();
    }

    public String mode() {
        return config.effectiveMode();
    }

    /** Threads with at least the given class. */
    public List<ThreadModel> threadsOf(ThreadClass c) {
        return threads.stream().filter(t -> t.classification().threadClass() == c).toList();
    }
}
