package io.gil4j.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link TimeShares}: shares of the accounted time (held + wait + released + outside), field-wise sums. */
class TimeSharesTest {
    @Test
    void sharesAreOfTheAccountedTime() {
        TimeShares t = new TimeShares(1000, 400, 300, 200, 100, 150, 50, 0, 0, 0);
        assertThat(t.accounted()).isEqualTo(1000);
        assertThat(t.instrumentedNanos()).isEqualTo(900);
        assertThat(t.heldShare()).isEqualTo(0.4);
        assertThat(t.waitShare()).isEqualTo(0.3);
        assertThat(t.releasedShare()).isEqualTo(0.2);
        assertThat(t.outsideShare()).isEqualTo(0.1);
        assertThat(TimeShares.ZERO.heldShare()).as("nothing accounted: 0, not NaN").isZero();
        assertThat(new TimeShares(0, 1, 0, 0, -1, 0, 0, 0, 0, 0).heldShare()).as("accounted 0").isZero();
    }

    @Test
    void plusAddsEachFieldToItself() {
        TimeShares a = new TimeShares(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        TimeShares b = new TimeShares(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
        assertThat(a.plus(b)).isEqualTo(new TimeShares(101, 202, 303, 404, 505, 606, 707, 808, 909, 1010));
    }
}
