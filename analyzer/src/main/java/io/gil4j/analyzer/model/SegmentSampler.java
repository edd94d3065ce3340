package io.gil4j.analyzer.model;

import java.util.Arrays;

/**
 * Keeps a bounded, coalesced sample of one thread's timeline segments while events stream by.
 *
 * <p>Bound: at most {@link Budget#perThreadCap()} segments (20,000 by default, less when many threads
 * share the global budget). Coalescing: a segment that continues the previous one in the same state
 * (gap no longer than the current resolution) extends it. When full, the resolution doubles and
 * segments shorter than it are dropped: on a screen-wide timeline they would be sub-pixel anyway, so
 * the sample keeps what a viewer can see (when all are equally long, every other one is dropped).
 * Events may arrive out of order; the {@link Timeline} sorts.
 */
public final class SegmentSampler {
    /** Shared memory bound across all threads of an analysis. */
    public static final class Budget {
        private final int maxTotal;
        private final int maxPerThread;
        private int samplers;

        public Budget(int maxTotal, int maxPerThread) {
            this.maxTotal = maxTotal;
            this.maxPerThread = maxPerThread;
        }

        public static Budget defaults() {
            return new Budget(2_000_000, 20_000);
        }

        int perThreadCap() {
            return Math.min(maxPerThread, Math.max(256, maxTotal / Math.max(1, samplers)));
        }
    }

    private static final long MIN_RESOLUTION_NANOS = 1_000L;

    private final Budget budget;
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private byte[] states = new byte[64];
    private int size;
    private long resolution;
    private long dropped;

    public SegmentSampler(Budget budget) {
        this.budget = budget;
        budget.samplers++;
    }

    public void add(long start, long duration, SegmentState state) {
        if (duration < resolution) {
            dropped++;
            return;
        }
        long end = start + duration;
        byte s = (byte) state.ordinal();
        if (size > 0 && states[size - 1] == s && start >= starts[size - 1] && start - ends[size - 1] <= resolution) {
            ends[size - 1] = Math.max(ends[size - 1], end);
            return;
        }
        int cap = budget.perThreadCap();
        if (size >= cap) {
            compact(cap);
            if (duration < resolution) {
                dropped++;
                return;
            }
        }
        if (size == starts.length) {
            int n = Math.min(Math.max(64, size * 2), Math.max(cap, size + 1));
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            states = Arrays.copyOf(states, n);
        }
        starts[size] = start;
        ends[size] = end;
        states[size] = s;
        size++;
    }

    /**
     * Doubles the resolution until at most half the cap is used; when every remaining segment is as long
     * as the next resolution (so raising it would drop them all), keeps every other segment instead.
     */
    private void compact(int cap) {
        while (size > cap / 2) {
            long next = Math.max(MIN_RESOLUTION_NANOS, resolution * 2);
            long longest = 0;
            for (int i = 0; i < size; i++) {
                longest = Math.max(longest, ends[i] - starts[i]);
            }
            if (next > longest) {
                decimate();
                return;
            }
            resolution = next;
            int w = 0;
            for (int r = 0; r < size; r++) {
                if (ends[r] - starts[r] >= resolution) {
                    move(r, w++);
                } else {
                    dropped++;
                }
            }
            size = w;
        }
    }

    private void decimate() {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (r % 2 == 0) {
                move(r, w++);
            } else {
                dropped++;
            }
        }
        size = w;
    }

    private void move(int from, int to) {
        starts[to] = starts[from];
        ends[to] = ends[from];
        states[to] = states[from];
    }

    public Timeline timeline() {
        return new Timeline(starts, ends, states, size, resolution, dropped);
    }
}
