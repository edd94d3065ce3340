package io.gil4j.analyzer.model;

import java.util.List;

/**
 * Computes the {@link LossEstimate} of one run from its threads' gil.Stats series (docs/design.md section 6).
 * The grid runs from the run's start to its end in steps of the stats period (widened so that there are
 * at most {@link #MAX_INTERVALS} intervals); each thread's cumulative held time is interpolated linearly
 * between its samples, 0 before it started, flat after its last sample.
 */
final class LossEstimator {
    static final int MAX_INTERVALS = 100_000;

    private LossEstimator() {
    }

    static LossEstimate estimate(long runStart, long runEnd, long totalHeld, List<ThreadAccumulator> threads,
                                 long periodNanos, String basis) {
        long wall = Math.max(0, runEnd - runStart);
        boolean series = threads.stream().anyMatch(t -> t.series.size() >= 2);
        if (!series || wall == 0) {
            return LossEstimate.of(wall, totalHeld, Math.max(wall, totalHeld), 1, basis);
        }
        long step = Math.max(periodNanos, 1);
        long n = (wall + step - 1) / step;
        if (n > MAX_INTERVALS) {
            step = (wall + MAX_INTERVALS - 1) / MAX_INTERVALS;
            n = (wall + step - 1) / step;
        }
        int intervals = (int) n;
        double[] cumHeld = new double[intervals + 1];
        for (ThreadAccumulator t : threads) {
            if (t.series.size() == 0) {
                continue;
            }
            long[][] pts = t.series.sorted();
            int j = 0;
            for (int k = 0; k <= intervals; k++) {
                long g = Math.min(runEnd, runStart + k * step);
                while (j + 1 < pts.length && pts[j + 1][0] <= g) {
                    j++;
                }
                cumHeld[k] += interpolate(pts, j, g);
            }
        }
        double refined = 0;
        for (int k = 0; k < intervals; k++) {
            long g0 = runStart + k * step;
            long g1 = Math.min(runEnd, g0 + step);
            double dw = g1 - g0;
            double dh = Math.max(0, cumHeld[k + 1] - cumHeld[k]);
            refined += Math.max(dw, dh);
        }
        // Held time not covered by the series (threads without Stats) is added as demand at the end.
        double covered = cumHeld[intervals];
        double uncovered = Math.max(0, totalHeld - covered);
        return LossEstimate.of(wall, totalHeld, Math.round(refined + uncovered), intervals, basis);
    }

    /** Cumulative held at time g, with pts[j] the last point at or before g (or the first point). */
    private static double interpolate(long[][] pts, int j, long g) {
        if (g <= pts[0][0]) {
            return 0;
        }
        if (j + 1 >= pts.length) {
            return pts[pts.length - 1][1];
        }
        long t0 = pts[j][0];
        long t1 = pts[j + 1][0];
        if (t1 <= t0) {
            return pts[j + 1][1];
        }
        double f = (double) (g - t0) / (t1 - t0);
        return pts[j][1] + f * (pts[j + 1][1] - pts[j][1]);
    }
}
