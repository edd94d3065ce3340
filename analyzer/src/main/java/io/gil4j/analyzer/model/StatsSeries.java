package io.gil4j.analyzer.model;

import java.util.Arrays;

/**
 * A thread's gil.Stats samples over time (event time, cumulative wall, cumulative held), bounded to
 * {@link #MAX} samples by dropping every other one when full (the series stays cumulative, so dropping
 * samples only coarsens the interpolation). Samples may arrive unordered; {@link #sorted()} sorts.
 */
final class StatsSeries {
    static final int MAX = 4096;
    private long[] time = new long[8];
    private long[] wall = new long[8];
    private long[] held = new long[8];
    private int size;

    void add(long t, long w, long h) {
        if (size == MAX) {
            int k = 0;
            for (int i = 0; i < size; i += 2) {
                time[k] = time[i];
                wall[k] = wall[i];
                held[k] = held[i];
                k++;
            }
            size = k;
        }
        if (size == time.length) {
            int n = Math.min(MAX, size * 2);
            time = Arrays.copyOf(time, n);
            wall = Arrays.copyOf(wall, n);
            held = Arrays.copyOf(held, n);
        }
        time[size] = t;
        wall[size] = w;
        held[size] = h;
        size++;
    }

    int size() {
        return size;
    }

    /**
     * Points (time, cumulative held), sorted by time, starting with (first sample time - its wall, 0):
     * the moment the thread first entered instrumented code.
     */
    long[][] sorted() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(time[a], time[b]));
        long[][] pts = new long[size + 1][];
        long firstTime = size == 0 ? 0 : time[idx[0]] - wall[idx[0]];
        pts[0] = new long[] {firstTime, 0};
        long maxHeld = 0;
        for (int i = 0; i < size; i++) {
            maxHeld = Math.max(maxHeld, held[idx[i]]); // cumulative: never decreases, even in damaged files
            pts[i + 1] = new long[] {time[idx[i]], maxHeld};
        }
        return pts;
    }

    /** Earliest time the thread was in instrumented code according to its samples. */
    long startTime() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, time[i] - wall[i]);
        }
        return min;
    }
}
