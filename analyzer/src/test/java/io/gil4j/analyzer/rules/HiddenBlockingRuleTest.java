package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class HiddenBlockingRuleTest {
    @ParameterizedTest(name = "{0} revocations ({1}) in 10 s at 5 ms -> {2}")
    @CsvSource({
            "0, BLOCKED, OK",
            "3, BLOCKED, INFO",
            "12, NO_CPU_PROGRESS, WARNING",     // >= 10
            "400, NO_CPU_PROGRESS, CRITICAL",   // 400 x 5 ms = 2 s = 20% of wall
    })
    void gradesRevocations(int count, String state, Severity expected) {
        RunModel m = Synth.run().config("gil", 5 * MS).stats("holder", 10_000 * MS, 5000 * MS, 0, 0)
                .revokes("holder", state, count).build();
        RuleResult r = Rules.evaluate(new HiddenBlockingRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        assertThat(r.numbers()).containsEntry("revocations", (long) count);
        if (count > 0) {
            assertThat(r.message()).contains(state).contains("holder");
        }
    }

    @ParameterizedTest(name = "{0} revocations in {1} ms at 5 ms -> {2}")
    @CsvSource({
            "10, 20000, WARNING",   // exactly MANY, 0.5/s
            "9, 20000, INFO",
            "5, 5000, WARNING",     // exactly one a second
            "4, 5000, INFO",
            "200, 10000, CRITICAL", // 200 x 5 ms = exactly 10% of wall
            "199, 10000, WARNING",
    })
    void eachThresholdAtAndJustBelow(int count, long wallMs, Severity expected) {
        RunModel m = Synth.run().config("gil", 5 * MS).stats("holder", wallMs * MS, wallMs * MS / 2, 0, 0)
                .stats("bystander", wallMs * MS, wallMs * MS / 4, 0, 0).revokes("holder", "WAITING", count).build();
        RuleResult r = Rules.evaluate(new HiddenBlockingRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        assertThat(r.numbers()).containsEntry("holderState.WAITING", (long) count)
                .containsEntry("estimatedDelayNanos", count * 5 * MS);
        assertThat(r.message()).contains("holders: holder (" + count + ")").doesNotContain("bystander")
                .contains("holder states: WAITING " + count);
    }
}
