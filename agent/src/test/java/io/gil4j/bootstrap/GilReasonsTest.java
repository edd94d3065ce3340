package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The release kinds by name, as the agent's {@code release=} option reads them. */
class GilReasonsTest {

    @Test
    void everyKindIsFoundByItsNameAndNothingElseIs() {
        for (int k = 0; k < GilReasons.KIND_COUNT; k++) {
            assertThat(GilReasons.kindOf(GilReasons.kind(k))).isEqualTo(k);
        }
        assertThat(GilReasons.kindOf("user")).isEqualTo(GilReasons.KIND_USER);
        assertThat(GilReasons.kindOf("IO")).as("names are case-sensitive, as in events").isEqualTo(-1);
        assertThat(GilReasons.kindOf("disk")).isEqualTo(-1);
        assertThat(GilReasons.kindOf("")).isEqualTo(-1);
    }
}
