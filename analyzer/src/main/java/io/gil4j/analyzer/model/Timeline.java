package io.gil4j.analyzer.model;

import java.util.List;

/**
 * A bounded sample of a thread's held / waiting / released intervals, sorted by start. Built from the
 * thresholded gil.Hold, gil.Wait and gil.Release events, so it is a lower bound on activity; segments
 * shorter than {@code droppedBelowNanos} were dropped to stay within the memory bound
 * ({@code droppedSegments} of them).
 */
public record Timeline(List<Segment> segments, long droppedBelowNanos, long droppedSegments) {
    public static final Timeline EMPTY = new Timeline(List.of(), 0, 0);
}
