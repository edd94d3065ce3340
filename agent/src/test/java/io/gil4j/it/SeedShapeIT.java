package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed experiment's shape (DESIGN.md section 9) on a real JVM with the agent: CPU-bound work
 * split over two threads is no faster than one thread under the GIL, clearly faster without it; I/O-
 * bound work on two threads takes about half the time of one thread, GIL or not. Ratios of medians
 * of runs interleaved in one test, so the machine's load hits both sides alike.
 */
class SeedShapeIT {

    static final String N = "600000000";

    static double cpuSeconds(String java, String agent, int threads) throws Exception {
        return Jvm.run(java, agent, "io.gil4j.it.work.Countdown", 120, N, String.valueOf(threads)).ok().number("seconds");
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void cpuBoundTwoThreadsAreNoFasterThanOneUnderTheGil(String java) throws Exception {
        double[] one = new double[3];
        double[] two = new double[3];
        double[] offOne = new double[3];
        double[] offTwo = new double[3];
        for (int i = 0; i < 3; i++) {
            one[i] = cpuSeconds(java, Jvm.INCLUDE + ",mode=gil", 1);
            two[i] = cpuSeconds(java, Jvm.INCLUDE + ",mode=gil", 2);
            offOne[i] = cpuSeconds(java, Jvm.INCLUDE + ",mode=off", 1);
            offTwo[i] = cpuSeconds(java, Jvm.INCLUDE + ",mode=off", 2);
        }
        double gilRatio = Jvm.median(two) / Jvm.median(one);
        double offRatio = Jvm.median(offTwo) / Jvm.median(offOne);
        System.out.printf("%s: gil 2t/1t = %.2f, off 2t/1t = %.2f%n", java, gilRatio, offRatio);
        assertThat(gilRatio).as("2 threads / 1 thread under the GIL").isBetween(0.85, 1.25);
        assertThat(offRatio).as("2 threads / 1 thread with mode=off (no serialization)").isLessThan(0.8);
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void ioBoundTwoThreadsTakeAboutHalfUnderTheGil(String java) throws Exception {
        double one = Jvm.run(java, Jvm.INCLUDE, "io.gil4j.it.work.IoBound", 60, "10", "1", "100").ok().number("seconds");
        double two = Jvm.run(java, Jvm.INCLUDE, "io.gil4j.it.work.IoBound", 60, "10", "2", "100").ok().number("seconds");
        System.out.printf("%s: I/O 1 thread %.2f s, 2 threads %.2f s%n", java, one, two);
        assertThat(two / one).isBetween(0.35, 0.7);
    }
}
