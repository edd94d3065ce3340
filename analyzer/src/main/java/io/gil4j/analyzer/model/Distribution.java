package io.gil4j.analyzer.model;

import org.HdrHistogram.Histogram;

/**
 * Summary of a distribution of durations (nanoseconds) backed by an HdrHistogram with 3 significant
 * digits. Percentiles are HdrHistogram's (value at percentile, equivalent-value rounding). The
 * histogram is a private copy; {@link #histogram()} returns another copy.
 */
public final class Distribution {
    private final Histogram histogram;

    public Distribution(Histogram source) {
        this.histogram = source.copy();
    }

    public static Distribution empty() {
        return new Distribution(newHistogram());
    }

    /** The histogram shape used everywhere in the analyzer: auto-resizing, 3 significant digits. */
    public static Histogram newHistogram() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public long percentile(double p) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(p);
    }

    public long p50() {
        return percentile(50);
    }

    public long p90() {
        return percentile(90);
    }

    public long p99() {
        return percentile(99);
    }

    public long p999() {
        return percentile(99.9);
    }

    public long max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    public long min() {
        return count() == 0 ? 0 : histogram.getMinValue();
    }

    public double mean() {
        return count() == 0 ? 0 : histogram.getMean();
    }

    /** Number of recorded values >= the given value (within the histogram's precision). */
    public long countAtOrAbove(long value) {
        if (count() == 0 || value > histogram.getMaxValue()) {
            return 0;
        }
        return histogram.getCountBetweenValues(value, histogram.getMaxValue());
    }

    public Histogram histogram() {
        return histogram.copy();
    }
}
