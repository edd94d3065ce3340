package io.gil4j.analyzer.model;

/** One interval of a thread's timeline, epoch nanoseconds, {@code end >= start}. */
public record Segment(long start, long end, SegmentState state) {
    public long duration() {
        return end - start;
    }
}
