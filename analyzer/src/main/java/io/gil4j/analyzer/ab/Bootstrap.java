package io.gil4j.analyzer.ab;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * 95% confidence intervals over runs by the bootstrap percentile method: the runs of each arm are
 * resampled with replacement, independently, {@link #RESAMPLES} times, the statistic computed on each
 * resample, and the 2.5th and 97.5th percentiles taken. For the throughput loss the statistic is
 * 1 - mean(B) / mean(A), the ratio of means that Kalibera and Jones recommend reporting with an
 * interval. Seeded: the same runs give the same interval.
 *
 * <p>With two or three runs per arm the interval is wide and itself uncertain; it is still the honest
 * answer to "could this difference be noise?".
 */
final class Bootstrap {
    private Bootstrap() { }

    static final int RESAMPLES = 2000;

    /** An estimate and its interval. */
    public record Interval(double estimate, double low, double high) {
        boolean contains(double v) {
            return low <= v && v <= high;
        }
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.length == 0 ? Double.NaN : s / xs.length;
    }

    /** 1 - mean(b) / mean(a), with its interval. */
    static Interval loss(double[] a, double[] b, long seed) {
        double estimate = 1 - mean(b) / mean(a);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            stats[i] = 1 - mean(resample(b, random)) / mean(resample(a, random));
        }
        return interval(estimate, stats);
    }

    /** mean(xs), with its interval. */
    static Interval mean(double[] xs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) stats[i] = mean(resample(xs, random));
        return interval(mean(xs), stats);
    }

    private static double[] resample(double[] xs, SplittableRandom random) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) out[i] = xs[random.nextInt(xs.length)];
        return out;
    }

    private static Interval interval(double estimate, double[] stats) {
        double[] finite = Arrays.stream(stats).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) return new Interval(estimate, Double.NaN, Double.NaN);
        return new Interval(estimate, finite[(int) Math.floor(0.025 * (finite.length - 1))],
                finite[(int) Math.ceil(0.975 * (finite.length - 1))]);
    }
}
