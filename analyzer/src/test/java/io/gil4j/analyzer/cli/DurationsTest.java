package io.gil4j.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    private static final long HOUR = 3_600_000_000_000L;

    @ParameterizedTest
    @CsvSource({"500us, 500000", "5ms, 5000000", "1.5s, 1500000000", "2m, 120000000000", "250ns, 250", " 10S , 10000000000"})
    void everyUnit(String text, long nanos) {
        assertThat(Durations.nanos("--x", text, 0, HOUR)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "ms", "-1s", "5 ms", "1h", "1e3ms"})
    void notADurationNamesTheOptionAndTheText(String text) {
        assertThatThrownBy(() -> Durations.nanos("--period", text, 0, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--period: expected a duration such as 500us, 5ms, 10s or 2m, got '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"50ms, '--period must be between 100ms and 1h, got ''50ms'''", "2h, ''", "61m, '--period must be between 100ms and 1h, got ''61m'''"})
    void outOfRangeSaysTheRange(String text, String message) {
        var thrown = assertThatThrownBy(() -> Durations.nanos("--period", text, 100_000_000L, HOUR))
                .isInstanceOf(IllegalArgumentException.class);
        if (!message.isEmpty()) thrown.hasMessage(message);
    }
}
