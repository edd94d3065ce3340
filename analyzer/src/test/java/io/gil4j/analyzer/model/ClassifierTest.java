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
}
