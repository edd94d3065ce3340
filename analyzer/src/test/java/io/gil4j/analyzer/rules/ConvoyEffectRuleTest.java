package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class ConvoyEffectRuleTest {
    @ParameterizedTest(name = "{0} io-return waits of {1} us at a 5 ms interval -> {2}")
    @CsvSource({
            "200, 5000, CRITICAL",
            "200, 4000, CRITICAL",
            "50, 5000, WARNING",
            "200, 3000, WARNING",
            "200, 1000, INFO",
            "5, 5000, INFO",
            "0, 0, OK",
            // the count thresholds, at and just below
            "100, 5000, CRITICAL",
            "99, 5000, WARNING",
            "20, 5000, WARNING",
            "19, 5000, INFO",
    })
    void firesWhenIoReturnsWaitAboutOneInterval(int count, long micros, Severity expected) {
        RunModel m = Synth.run().config("gil", 5 * MS).waits("io", "io-return", count, micros * 1000)
                .waits("cpu", "switch", 10, 5 * MS).build();
        RuleResult r = Rules.evaluate(new ConvoyEffectRule(), m);
        assertThat(r.severity()).isEqualTo(expected);
        assertThat(r.numbers()).containsEntry("ioReturnWaits", (long) count).containsEntry("intervalNanos", 5 * MS);
        String what = count + " returns from I/O waited for the GIL";
        if (count > 0) assertThat(r.message()).startsWith(expected == Severity.WARNING ? "Likely: " + what : what);
    }

    @Test
    void usesTheRecordedInterval() {
        // 1 ms waits are a convoy at a 1 ms interval, not at 5 ms
        RunModel at1 = Synth.run().config("gil", MS).waits("io", "io-return", 200, MS).build();
        RunModel at5 = Synth.run().config("gil", 5 * MS).waits("io", "io-return", 200, MS).build();
        assertThat(Rules.evaluate(new ConvoyEffectRule(), at1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(Rules.evaluate(new ConvoyEffectRule(), at5).severity()).isEqualTo(Severity.INFO);
    }
}
