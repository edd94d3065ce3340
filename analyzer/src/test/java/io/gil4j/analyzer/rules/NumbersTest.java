package io.gil4j.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Numbers}: how rule messages write numbers, whatever the default locale. */
class NumbersTest {
    @Test
    void formatsForMessagesAndRoundsForTheNumbersMap() {
        assertThat(Numbers.pct(0.1234)).isEqualTo("12.3%");
        assertThat(Numbers.ms(5_373_951)).isEqualTo("5.37 ms");
        assertThat(Numbers.num(1.0749)).isEqualTo("1.07");
        assertThat(Numbers.round(0.123456)).isEqualTo(0.1235);
        assertThat(Numbers.round(Double.POSITIVE_INFINITY)).as("JSON has no infinity").isZero();
        assertThat(Numbers.round(Double.NaN)).isZero();
    }
}
