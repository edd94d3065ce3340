package io.gil4j.analyzer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mix file: parsing with file:line errors, and the weighted order every arm and run shares. */
class LoadMixTest {
    @Test
    void followsTheWeightsInASmoothOrder() throws Exception {
        LoadMix m = LoadMix.parse("mix", List.of("# comment", "", "3 /a", "1 /b"));
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 8; i++) order.append(m.next() == 0 ? 'a' : 'b');
        assertThat(order.toString()).isEqualTo("aabaaaba");
    }

    @Test
    void badLinesNameTheirFileAndLine() {
        assertThatThrownBy(() -> LoadMix.parse("m.txt", List.of("1 /ok", "x /cpu"))).isInstanceOf(IOException.class)
                .hasMessage("m.txt:2: the weight must be a whole number, got 'x'");
        assertThatThrownBy(() -> LoadMix.parse("m.txt", List.of("1 cpu"))).hasMessageContaining("m.txt:1: the path must start with '/'");
        assertThatThrownBy(() -> LoadMix.parse("m.txt", List.of("0 /cpu"))).hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> LoadMix.parse("m.txt", List.of("1 /a /b"))).hasMessageContaining("expected 'WEIGHT PATH'");
        assertThatThrownBy(() -> LoadMix.parse("m.txt", List.of("# nothing"))).hasMessageContaining("no endpoints");
    }
}
