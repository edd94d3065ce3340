package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class UninstrumentedHoldRuleTest {
    @ParameterizedTest(name = "{0} normal holds, {1} holds of {2} ms ({3}, {4} checkpoints) -> {5}")
    @CsvSource({
            "100, 0, 0, drop-request, 1, OK",
            "100, 20, 20, drop-request, 1, WARNING",     // 20 of 120 overdue, 400 ms of 10 s wall
            "100, 20, 120, drop-request, 0, CRITICAL",   // longest hold 24 intervals
            "100, 5, 20, revoked, 1, INFO",              // 5 of 105: under 10%
            "100, 20, 20, drop-request, 7, OK",          // passed checkpoints: not uninstrumented code
            "100, 20, 20, blocking, 0, OK",              // not ended on request: nobody was waiting
            // each threshold, at and just below: 3 holds, 10% of holds ended on request, 10% of wall, 20 intervals
            "20, 3, 20, drop-request, 0, WARNING",
            "20, 2, 20, drop-request, 0, INFO",
            "27, 3, 20, drop-request, 0, WARNING",
            "28, 3, 20, drop-request, 0, INFO",
            "100, 20, 50, drop-request, 0, CRITICAL",    // 1000 ms of 10 s
            "100, 20, 49, drop-request, 0, WARNING",
            "100, 3, 100, drop-request, 0, CRITICAL",    // longest exactly 20 intervals
            "100, 3, 99, drop-request, 0, INFO",
    })
    void firesOnHoldsFarPastADropRequest(int normal, int longOnes, long longMs, String endReason, long checkpoints,
                                         Severity expected) {
        RunModel m = Synth.run().config("gil", 5 * MS).holds("cpu", "drop-request", normal, 5 * MS, 1)
                .holds("ext", endReason, longOnes, longMs * MS, checkpoints)
                .stats("cpu", 10_000 * MS, 5000 * MS, 0, 0).build();
        RuleResult r = Rules.evaluate(new UninstrumentedHoldRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        if (expected.compareTo(Severity.INFO) >= 0) {
            assertThat(r.message()).contains("threads: ext (" + longOnes + ", ").doesNotContain("cpu (");
        }
    }

    @org.junit.jupiter.api.Test
    void holdsSeenBeforeTheConfigAreJudgedWithItsInterval() {
        // 8 ms holds are overdue at a 1 ms interval (config arrives after the holds in the stream)
        RunModel m = Synth.run().holds("ext", "drop-request", 10, 8 * MS, 1).config("gil", MS).build();
        assertThat(m.overdueHolds()).isEqualTo(10);
    }
}
