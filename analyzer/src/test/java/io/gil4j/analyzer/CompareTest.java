package io.gil4j.analyzer;

import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.model.ThreadClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A/B math on recordings: A runs two CPU-bound threads in parallel for 1 s (mode=off, demand 2 s), B
 * serializes them over 2 s. Measured loss 50%, estimated from A 50%, difference ~0.
 */
class CompareTest {
    private static ClassLoss cls(Comparison c, ThreadClass k) {
        return c.byClass().stream().filter(l -> l.threadClass() == k).findFirst().orElseThrow();
    }

    @Test
    void lossFromOperations() throws Exception {
        Comparison c = Analyzer.compare(List.of(RecordedScenarios.offWithOps()), List.of(RecordedScenarios.gilWithOps()));
        assertThat(c.a().throughputBasis()).isEqualTo("operations");
        assertThat(c.a().operations()).isEqualTo(200);
        assertThat(c.b().operations()).isEqualTo(200);
        assertThat(c.a().throughput()).isCloseTo(200 / (c.a().wallNanos() / 1e9), within(1e-6));
        assertThat(c.throughputLoss()).isCloseTo(0.5, within(0.02));
        assertThat(c.throughputLoss()).isCloseTo(1 - c.b().throughput() / c.a().throughput(), within(1e-12));
        assertThat(cls(c, ThreadClass.CPU_BOUND).loss()).isCloseTo(0.5, within(0.02));
        assertThat(cls(c, ThreadClass.IO_BOUND).loss()).isNull();
        assertThat(c.estimateFromA().simpleLoss()).isCloseTo(0.5, within(0.02));
        assertThat(c.estimateError()).isCloseTo(0.0, within(0.03));
        assertThat(c.estimateError()).isEqualTo(c.throughputLoss() - c.estimateFromA().refinedLoss());
        assertThat(c.b().latency().count()).isEqualTo(200);
        assertThat(c.b().latency().p50()).isPositive();
    }

    @Test
    void lossFromWallTimeWithoutOperations() throws Exception {
        Comparison c = Analyzer.compare(List.of(RecordedScenarios.offPlain()), List.of(RecordedScenarios.gilPlain()));
        assertThat(c.a().throughputBasis()).isEqualTo("wall-time");
        assertThat(c.throughputLoss()).isCloseTo(0.5, within(0.02));
        // per class without operations: 1 / time in instrumented code (A: 1 s held; B: 1 s held + 0.99 s wait)
        assertThat(cls(c, ThreadClass.CPU_BOUND).loss()).isCloseTo(1 - 1000.0 / 1990, within(1e-9));
        assertThat(c.estimateError()).isCloseTo(0.0, within(0.03));
    }

    @Test
    void severalRunsPerSide() throws Exception {
        Comparison one = Analyzer.compare(List.of(RecordedScenarios.offPlain()), List.of(RecordedScenarios.gilPlain()));
        Comparison two = Analyzer.compare(List.of(RecordedScenarios.offPlain(), RecordedScenarios.offPlain()),
                List.of(RecordedScenarios.gilPlain()));
        assertThat(two.a().throughput()).isCloseTo(one.a().throughput(), within(1e-9));
        assertThat(two.throughputLoss()).isCloseTo(one.throughputLoss(), within(1e-9));
    }
}
