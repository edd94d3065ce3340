package io.gil4j.analyzer.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "held {0} ms, wait {1} ms, released {2} ms -> {3}")
    @CsvSource({
            "900, 0, 100, CPU_BOUND",
            "700, 0, 300, CPU_BOUND",
            "690, 0, 310, MIXED",
            "500, 900, 500, MIXED",
            "310, 0, 690, MIXED",
            "300, 0, 700, IO_BOUND",
            // a convoyed I/O thread waits a lot: still I/O-bound, waiting is imposed by others
            "20, 500, 400, IO_BOUND",
            "0, 0, 0, UNKNOWN",
    })
    void classifiesByHeldShareOfDemand(long held, long wait, long released, ThreadClass expected) {
        TimeShares t = new TimeShares(2000 * MS, held * MS, wait * MS, released * MS,
                2000 * MS - (held + wait + released) * MS, released * MS, 0, 0, 0, 0);
        Classification c = Classifier.classify(t);
        assertThat(c.threadClass()).isEqualTo(expected);
        assertThat(c.reason()).isNotBlank();
    }

    @org.junit.jupiter.api.Test
    void theSharesBesideTheClassAreOfInstrumentedTime() {
        // held 600, wait 200, released 200 of 1000 ms in instrumented code
        Classification c = Classifier.classify(new TimeShares(2000 * MS, 600 * MS, 200 * MS, 200 * MS, 1000 * MS,
                200 * MS, 0, 0, 0, 0));
        assertThat(c.demandHeldShare()).isEqualTo(0.75);
        assertThat(c.heldWaitShare()).isEqualTo(0.8);
        assertThat(c.releasedShare()).isEqualTo(0.2);
        assertThat(c.reason()).isEqualTo("held is 75% of held + released (>= 70%)");
    }

    @org.junit.jupiter.api.Test
    void oneMillisecondOfDemandIsEnoughToTell() {
        TimeShares atLimit = new TimeShares(10 * MS, Classifier.MIN_DEMAND_NANOS, 0, 0, 10 * MS - Classifier.MIN_DEMAND_NANOS,
                0, 0, 0, 0, 0);
        assertThat(Classifier.classify(atLimit).threadClass()).isEqualTo(ThreadClass.CPU_BOUND);
        TimeShares below = new TimeShares(10 * MS, Classifier.MIN_DEMAND_NANOS - 1, 5 * MS, 0, 0, 0, 0, 0, 0, 0);
        Classification c = Classifier.classify(below);
        assertThat(c.threadClass()).isEqualTo(ThreadClass.UNKNOWN);
        assertThat(c.heldWaitShare()).as("the shares are still given").isGreaterThan(0.99);
    }
}
