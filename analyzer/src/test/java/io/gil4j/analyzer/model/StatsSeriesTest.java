package io.gil4j.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link StatsSeries}: a thread's cumulative held time over time, bounded, sorted, never decreasing. */
class StatsSeriesTest {
    @Test
    void pointsStartWhereTheThreadFirstEnteredAndAreSortedByTime() {
        StatsSeries s = new StatsSeries();
        s.add(300, 250, 120);
        s.add(100, 50, 40);
        s.add(200, 150, 90);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.startTime()).as("time - wall of the samples, the earliest").isEqualTo(50);
        long[][] p = s.sorted();
        assertThat(p).isDeepEqualTo(new long[][] {{50, 0}, {100, 40}, {200, 90}, {300, 120}});
    }

    @Test
    void heldNeverDecreasesEvenInADamagedFile() {
        StatsSeries s = new StatsSeries();
        s.add(100, 100, 80);
        s.add(200, 200, 60);
        assertThat(s.sorted()[2]).containsExactly(200, 80);
    }

    @Test
    void aFullSeriesKeepsEveryOtherSample() {
        StatsSeries s = new StatsSeries();
        for (int i = 0; i < StatsSeries.MAX; i++) s.add(i * 10L + 10, i * 10L + 10, i);
        assertThat(s.size()).isEqualTo(StatsSeries.MAX);
        s.add(StatsSeries.MAX * 10L + 10, StatsSeries.MAX * 10L + 10, StatsSeries.MAX);
        assertThat(s.size()).as("halved, then the new sample").isEqualTo(StatsSeries.MAX / 2 + 1);
        long[][] p = s.sorted();
        assertThat(p[1]).containsExactly(10, 0);
        assertThat(p[2]).as("every other one kept").containsExactly(30, 2);
        assertThat(p[p.length - 1]).containsExactly(StatsSeries.MAX * 10L + 10, StatsSeries.MAX);
        assertThat(new StatsSeries().startTime()).isEqualTo(Long.MAX_VALUE);
    }
}
