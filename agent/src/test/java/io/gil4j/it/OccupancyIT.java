package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutual exclusion through real instrumented bytecode, compiled by C2: the occupancy oracle
 * ({@code work.Occupancy}) never sees a second thread inside a checkpoint-free stretch of instrumented
 * code under {@code gil} or {@code legacy}, while the same program without the agent does (the control,
 * in the same test, shows the oracle can see overlap).
 */
class OccupancyIT {
    private static final String MAIN = "io.gil4j.it.work.Occupancy";

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void noTwoThreadsAreEverInsideInstrumentedCodeAtOnce(String java) throws Exception {
        ChildJvm.Result none = Jvm.run(java, null, MAIN, 60, "4", "2").ok();
        ChildJvm.Result gil = Jvm.run(java, Jvm.INCLUDE + ",mode=gil,interval=1ms", MAIN, 60, "4", "2").ok();
        ChildJvm.Result legacy = Jvm.run(java, Jvm.INCLUDE + ",mode=legacy", MAIN, 60, "4", "2").ok();
        System.out.printf("%s: overlaps / calls without the agent %.0f / %.0f, gil %.0f / %.0f, legacy %.0f / %.0f%n", java,
                none.number("overlaps"), none.number("calls"), gil.number("overlaps"), gil.number("calls"),
                legacy.number("overlaps"), legacy.number("calls"));
        assertThat(none.number("overlaps")).as("control: overlaps without the agent").isPositive();
        assertThat(gil.number("calls")).as("calls under gil").isGreaterThan(1_000_000);
        assertThat(gil.number("overlaps")).as("overlaps under gil").isZero();
        assertThat(legacy.number("calls")).as("calls under legacy").isGreaterThan(100_000);
        assertThat(legacy.number("overlaps")).as("overlaps under legacy").isZero();
    }
}
