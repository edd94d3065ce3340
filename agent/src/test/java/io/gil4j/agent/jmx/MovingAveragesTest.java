package io.gil4j.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The load-average arithmetic: a step from 0 to 1 reaches 1 - 1/e after each window. */
class MovingAveragesTest {
    @Test
    void aStepReachesOneMinusOneOverEAfterEachWindow() {
        MovingAverages m = new MovingAverages(5);
        m.add(0);
        for (int i = 0; i < 12; i++) m.add(1); // one minute of 5 s samples
        assertThat(m.oneMinute()).isCloseTo(1 - Math.exp(-1), within(1e-9));
        assertThat(m.fiveMinutes()).isCloseTo(1 - Math.exp(-0.2), within(1e-9));
        assertThat(m.fifteenMinutes()).isCloseTo(1 - Math.exp(-1.0 / 15), within(1e-9));
    }

    @Test
    void theFirstSampleIsTakenAsIs() {
        MovingAverages m = new MovingAverages(5);
        m.add(0.7);
        assertThat(m.oneMinute()).isEqualTo(0.7);
        assertThat(m.fifteenMinutes()).isEqualTo(0.7);
    }
}
