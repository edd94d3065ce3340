package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class GilSaturationRuleTest {
    @ParameterizedTest(name = "{0}: held {1}+{2}, wait {3}+{4} of 1000 ms -> {5}")
    @CsvSource({
            "gil, 495, 495, 495, 495, CRITICAL",  // two CPU threads: always one holds, one waits
            "gil, 450, 450, 200, 200, WARNING",   // 90% busy, 0.4 waiters
            "gil, 900, 0, 0, 0, INFO",            // one busy thread, no queue
            "gil, 300, 300, 100, 100, OK",
            "off, 1000, 1000, 0, 0, WARNING",     // demand of 2 cores under mode=off
            "off, 400, 400, 0, 0, OK",
            // at each threshold and just below it
            "gil, 475, 475, 375, 375, CRITICAL", // utilization 0.95, waiters 0.75
            "gil, 475, 475, 374, 375, WARNING",
            "gil, 474, 475, 375, 375, WARNING",
            "gil, 425, 425, 125, 125, WARNING",  // 0.85, 0.25
            "gil, 425, 425, 124, 125, INFO",
            "gil, 424, 425, 400, 400, OK",
            "off, 500, 500, 0, 0, OK",            // demand of exactly one GIL
            "off, 501, 500, 0, 0, WARNING",
    })
    void severityFollowsUtilizationAndWaiters(String mode, long h1, long h2, long w1, long w2, Severity expected) {
        RunModel m = Synth.run().config(mode, 5 * MS).stats("a", 1000 * MS, h1 * MS, w1 * MS, 0)
                .stats("b", 1000 * MS, h2 * MS, w2 * MS, 0).build();
        RuleResult r = Rules.evaluate(new GilSaturationRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        assertThat(r.numbers()).containsKeys("utilization", "meanWaiters");
        assertThat((double) r.numbers().get("utilization")).isEqualTo((h1 + h2) / 1000.0);
    }

    @org.junit.jupiter.api.Test
    void notApplicableWithoutStats() {
        RunModel m = Synth.run().config("gil", 5 * MS).holds("a", "exit", 3, MS, 0).build();
        // the synthetic run declares every type; a model that knows no Stats is simulated by the engine check
        assertThat(new GilSaturationRule().requiredEvents()).containsExactly("gil.Stats");
        assertThat(m.knows("gil.Stats")).isTrue();
    }
}
