package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convoy effect: a thread doing short TCP round trips loses the GIL at every blocking call and,
 * beside a CPU-bound thread, waits about one switch interval to get it back. Medians of three runs.
 */
class ConvoyIT {

    static double[] convoy(String java, String interval) throws Exception {
        double[] slowdown = new double[3];
        double[] beside = new double[3];
        for (int i = 0; i < 3; i++) {
            Jvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",interval=" + interval, "io.gil4j.it.work.Convoy", 60, "1").ok();
            slowdown[i] = r.number("slowdown");
            beside[i] = r.number("beside");
        }
        return new double[] {Jvm.median(slowdown), Jvm.median(beside)};
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void roundTripsCollapseBesideACpuBoundThreadAndTheCostFollowsTheInterval(String java) throws Exception {
        double[] at5 = convoy(java, "5ms");
        double[] at1 = convoy(java, "1ms");
        System.out.printf("%s: slowdown %.1fx at 5 ms (%.0f rt/s beside), %.1fx at 1 ms (%.0f rt/s beside)%n",
                java, at5[0], at5[1], at1[0], at1[1]);
        assertThat(at5[0]).as("slowdown beside a CPU-bound thread at interval=5ms").isGreaterThanOrEqualTo(20);
        assertThat(at1[1] / at5[1]).as("round trips/s beside: 1 ms interval vs 5 ms").isGreaterThan(2);
    }
}
