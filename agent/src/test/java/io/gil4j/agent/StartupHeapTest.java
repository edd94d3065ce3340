package io.gil4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.agent.StartupHeap.Flags;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the start-up collection is made. What it does to the heap is StartupHeapIT's (a real JVM). */
class StartupHeapTest {

    @ParameterizedTest(name = "{index}: {7}")
    @CsvSource(delimiter = '|', value = {
        // enabled | attached | g1 | disableExplicit | explicitConcurrent | ratioWriteable | flags known | expected
        "true  | false | true  | false | false | true  | true  | ",
        "false | false | true  | false | false | true  | true  | settleHeap=false",
        "true  | true  | true  | false | false | true  | true  | attached to a running JVM",
        "true  | false | true  | false | false | true  | false | no HotSpot diagnostic bean",
        "true  | false | false | false | false | true  | true  | not G1",
        "true  | false | true  | true  | false | true  | true  | -XX:+DisableExplicitGC",
        "true  | false | true  | false | true  | true  | true  | -XX:+ExplicitGCInvokesConcurrent",
        "true  | false | true  | false | false | false | true  | MaxHeapFreeRatio is not writeable",
    })
    void collectsOnlyWhereItKeepsTheHeapAndMovesStartUpToTheOldGeneration(boolean enabled, boolean attached, boolean g1,
            boolean disableExplicit, boolean explicitConcurrent, boolean writeable, boolean known, String expected) {
        Flags f = known ? new Flags(g1, disableExplicit, explicitConcurrent, writeable) : null;
        assertThat(StartupHeap.skipReason(enabled, attached, f)).isEqualTo(expected);
    }
}
