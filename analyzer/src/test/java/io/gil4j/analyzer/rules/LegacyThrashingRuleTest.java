package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class LegacyThrashingRuleTest {
    @ParameterizedTest(name = "mode {0}: held {1}, wait {2} ms, {3} switches and acquisitions per thread -> {4}")
    @CsvSource({
            "legacy, 480, 500, 5000, CRITICAL",
            "legacy, 480, 300, 1000, WARNING",
            "legacy, 900, 50, 5000, OK",        // little waiting
            "legacy, 480, 500, 50, OK",         // few release-and-retake cycles: no thrash
            "gil, 480, 500, 5000, NOT_APPLICABLE",
            // each threshold, at and just below: wait/held 1 and 2000 cycles per second held; 0.5 and
            // min(500, two per interval) = 400 at 5 ms
            "legacy, 500, 500, 1000, CRITICAL",
            "legacy, 500, 500, 999, WARNING",
            "legacy, 500, 499, 1000, WARNING",
            "legacy, 500, 250, 200, WARNING",
            "legacy, 500, 250, 199, OK",
            "legacy, 500, 249, 200, OK",
    })
    void detectsThrashing(String mode, long held, long wait, long switches, Severity expected) {
        RunModel m = Synth.run().config(mode, 5 * MS)
                .stats("a", 1000 * MS, held * MS, wait * MS, 0, switches, switches)
                .stats("b", 1000 * MS, held * MS, wait * MS, 0, switches, switches).build();
        RuleResult r = Rules.evaluate(new LegacyThrashingRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        if (expected != Severity.NOT_APPLICABLE) {
            assertThat(r.numbers()).containsEntry("heldNanos", 2 * held * MS).containsEntry("waitNanos", 2 * wait * MS);
            assertThat((double) r.numbers().get("contentionPerHeldSecond")).isEqualTo(Numbers.round(switches * 1000.0 / held));
        }
    }
}
