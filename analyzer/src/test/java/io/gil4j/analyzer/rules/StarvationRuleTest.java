package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class StarvationRuleTest {
    @ParameterizedTest(name = "victim held {0} wait {1}, hog held {2} (of 1000 ms) -> {3}")
    @CsvSource({
            "20, 900, 950, CRITICAL",
            "80, 400, 900, WARNING",
            "200, 400, 900, OK",    // waits only 2x what it holds
            "20, 100, 900, OK",     // waits only 10% of its time
            "20, 900, 300, OK",     // nobody else holds much: it is not being starved by others
            // each threshold, at and just below: wait/held 4, wait share 25%, others hold 50%, severe at 10 and 50%
            "100, 400, 900, WARNING",
            "101, 400, 900, OK",
            "50, 250, 900, WARNING",
            "50, 249, 900, OK",
            "100, 400, 500, WARNING",
            "100, 400, 499, OK",
            "50, 500, 900, CRITICAL",
            "51, 500, 900, WARNING",
            "60, 499, 900, WARNING",
    })
    void detectsThreadsThatWaitFarMoreThanTheyHold(long held, long wait, long hogHeld, Severity expected) {
        RunModel m = Synth.run().config("gil", 5 * MS).stats("victim", 1000 * MS, held * MS, wait * MS, 0)
                .stats("hog", 1000 * MS, hogHeld * MS, 10 * MS, 0).build();
        RuleResult r = Rules.evaluate(new StarvationRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        if (expected != Severity.OK) {
            assertThat(r.numbers()).containsEntry("worstThread", "victim");
        }
    }

    @org.junit.jupiter.api.Test
    void aThreadKnownOnlyFromEventsIsNeverJudged() {
        // waits and holds seen only through thresholded events: its totals are lower bounds, so no verdict
        RunModel m = Synth.run().config("gil", 5 * MS).waits("victim", "switch", 100, 9 * MS)
                .holds("victim", "exit", 10, MS, 1).stats("hog", 1000 * MS, 950 * MS, 10 * MS, 0).build();
        assertThat(Rules.evaluate(new StarvationRule(), m).severity()).isEqualTo(Severity.OK);
    }
}
