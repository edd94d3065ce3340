package io.gil4j.testkit.work;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoRoundTripsTest {
    private static final long WINDOW = 100_000_000L; // 100 ms

    @Test
    void quantileIsTheNearestRankWindowAsARatePerSecond() {
        long[] counts = {44, 10, 12, 60, 11, 50, 9, 48}; // sorted: 9 10 11 12 44 48 50 60
        assertThat(EchoRoundTrips.quantileRate(counts, 0.25, WINDOW)).isEqualTo(100.0); // 2nd of 8: 10
        assertThat(EchoRoundTrips.quantileRate(counts, 0.5, WINDOW)).isEqualTo(120.0); // 4th: 12
        assertThat(EchoRoundTrips.quantileRate(counts, 0.0, WINDOW)).isEqualTo(90.0);
        assertThat(EchoRoundTrips.quantileRate(counts, 1.0, WINDOW)).isEqualTo(600.0);
        assertThat(EchoRoundTrips.medianRate(counts, WINDOW)).isEqualTo(280.0); // (12 + 44) / 2
    }

    @Test
    void burstsInHalfTheWindowsMoveTheMedianButNotTheLowerQuartile() {
        long[] steady = {10, 11, 10, 12, 10, 11, 10, 12};
        long[] half = {10, 11, 10, 12, 60, 70, 80, 90};
        assertThat(EchoRoundTrips.quantileRate(half, 0.25, WINDOW)).isEqualTo(EchoRoundTrips.quantileRate(steady, 0.25, WINDOW));
        assertThat(EchoRoundTrips.medianRate(half, WINDOW)).isGreaterThan(3 * EchoRoundTrips.medianRate(steady, WINDOW));
    }
}
