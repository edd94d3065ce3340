package io.gil4j.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link Distribution}: percentiles within HdrHistogram's 3 digits, zeros when empty, copies not views. */
class DistributionTest {
    @Test
    void summarizesOneToAThousand() {
        Histogram h = Distribution.newHistogram();
        for (long v = 1; v <= 1000; v++) h.recordValue(v);
        Distribution d = new Distribution(h);
        assertThat(d.count()).isEqualTo(1000);
        assertThat(d.p50()).isEqualTo(500);
        assertThat(d.p90()).isEqualTo(900);
        assertThat(d.p99()).isEqualTo(990);
        assertThat(d.p999()).isEqualTo(999);
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(1000);
        assertThat(d.mean()).isCloseTo(500.5, within(0.5));
        assertThat(d.countAtOrAbove(901)).isEqualTo(100);
        assertThat(d.countAtOrAbove(1000)).isEqualTo(1);
        assertThat(d.countAtOrAbove(1001)).isZero();
    }

    @Test
    void anEmptyDistributionIsAllZeros() {
        Distribution d = Distribution.empty();
        assertThat(d.count()).isZero();
        assertThat(d.p50()).isZero();
        assertThat(d.p999()).isZero();
        assertThat(d.min()).isZero();
        assertThat(d.max()).isZero();
        assertThat(d.mean()).isZero();
        assertThat(d.countAtOrAbove(0)).isZero();
    }

    @Test
    void itOwnsItsHistogramAndHandsOutCopies() {
        Histogram h = Distribution.newHistogram();
        h.recordValue(5);
        Distribution d = new Distribution(h);
        h.recordValue(7);
        assertThat(d.count()).as("a copy of the source").isEqualTo(1);
        d.histogram().recordValue(9);
        assertThat(d.count()).as("histogram() is a copy").isEqualTo(1);
    }

    @Test
    void theHistogramResizesForAnyDuration() {
        Histogram h = Distribution.newHistogram();
        h.recordValue(1);
        h.recordValue(3_600_000_000_000L); // an hour in nanoseconds
        assertThat(new Distribution(h).max()).isGreaterThanOrEqualTo(3_600_000_000_000L);
    }
}
