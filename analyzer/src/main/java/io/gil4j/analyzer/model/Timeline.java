package io.gil4j.analyzer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded sample of a thread's held / waiting / released intervals, sorted by start. Built from the
 * thresholded gil.Hold, gil.Wait and gil.Release events, so it is a lower bound on activity; segments
 * shorter than {@code droppedBelowNanos} were dropped to stay within the memory bound
 * ({@code droppedSegments} of them).
 *
 * <p>The segments are kept as primitive arrays and turned into {@link Segment}s only when asked for
 * (the HTML timeline): the text and JSON reports never need them, and building and sorting tens of
 * thousands of records in not yet compiled code cost ~50 ms of a ~0.4 s report (BENCH-report-speed.md).
 */
public final class Timeline {
    public static final Timeline EMPTY = new Timeline(List.of(), 0, 0);

    private final long droppedBelowNanos;
    private final long droppedSegments;
    private long[] starts;
    private long[] ends;
    private byte[] states;
    private List<Segment> segments;

    public Timeline(List<Segment> segments, long droppedBelowNanos, long droppedSegments) {
        this.segments = List.copyOf(segments);
        this.droppedBelowNanos = droppedBelowNanos;
        this.droppedSegments = droppedSegments;
    }

    /** Segments as parallel arrays (copied), in any order; states are {@link SegmentState} ordinals. */
    Timeline(long[] starts, long[] ends, byte[] states, int size, long droppedBelowNanos, long droppedSegments) {
        this.starts = Arrays.copyOf(starts, size);
        this.ends = Arrays.copyOf(ends, size);
        this.states = Arrays.copyOf(states, size);
        this.droppedBelowNanos = droppedBelowNanos;
        this.droppedSegments = droppedSegments;
    }

    /** The segments sorted by start (a stable sort: equal starts keep the order they were added in). */
    public synchronized List<Segment> segments() {
        if (segments == null) {
            SegmentState[] all = SegmentState.values();
            List<Segment> out = new ArrayList<>(starts.length);
            boolean sorted = true;
            for (int i = 0; i < starts.length; i++) {
                out.add(new Segment(starts[i], ends[i], all[states[i]]));
                sorted &= i == 0 || starts[i - 1] <= starts[i];
            }
            if (!sorted) {
                out.sort((a, b) -> Long.compare(a.start(), b.start()));
            }
            segments = List.copyOf(out);
            starts = null;
            ends = null;
            states = null;
        }
        return segments;
    }

    public long droppedBelowNanos() {
        return droppedBelowNanos;
    }

    public long droppedSegments() {
        return droppedSegments;
    }

    @Override
    public String toString() {
        return "Timeline[segments=" + segments() + ", droppedBelowNanos=" + droppedBelowNanos + ", droppedSegments="
                + droppedSegments + "]";
    }
}
