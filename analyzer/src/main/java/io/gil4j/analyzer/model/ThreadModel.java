package io.gil4j.analyzer.model;

/**
 * Everything the analyzer knows about one thread of one run.
 *
 * @param run            index of the recording in {@link RunModel#runs()}
 * @param fromStats      true when {@code time} comes from the thread's last gil.Stats (exact counters);
 *                       false when reconstructed from thresholded events (a lower bound)
 * @param time           where the thread's wall time went
 * @param switches       acquisitions that took the GIL from another thread (Stats)
 * @param dropRequests   drops this thread honoured on request (Stats; else gil.DropRequest naming it)
 * @param revocations    times the safety net took the GIL from it (Stats; else gil.Revoke naming it)
 * @param overdueHolds   gil.Hold events ended by drop-request/revoked, >= 3 intervals, <= 1 checkpoint
 */
public record ThreadModel(int run, long threadId, String name, boolean fromStats, TimeShares time,
                          long acquisitions, long switches, long dropRequests, long revocations,
                          long waitEvents, long waitEventNanos, long maxWaitNanos,
                          long holdEvents, long holdEventNanos, long maxHoldNanos,
                          long overdueHolds, long overdueHoldNanos, long releaseEvents, long operations,
                          Classification classification, Timeline timeline) {
}
