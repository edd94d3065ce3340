package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convoy effect: a thread doing short TCP round trips loses the GIL at every blocking call and,
 * beside a CPU-bound thread, waits about one switch interval to get it back. Medians of five runs per
 * interval, the two intervals interleaved: how strong the convoy is varies from run to run with the OS
 * scheduler, in CPython too (docs/design.md section 7), and a slower or busier stretch of the machine
 * then weighs on both intervals alike.
 */
class ConvoyIT {
    private static final int RUNS = 5;

    /** {slowdown at 5 ms, beside at 5 ms, slowdown at 1 ms, beside at 1 ms}, medians. */
    static double[] convoy(String java) throws Exception {
        double[][] v = new double[4][RUNS];
        for (int i = 0; i < RUNS; i++) {
            for (int k = 0; k < 2; k++) {
                String interval = k == 0 ? "5ms" : "1ms";
                ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",interval=" + interval, "io.gil4j.it.work.Convoy", 60, "1").ok();
                v[2 * k][i] = r.number("slowdown");
                v[2 * k + 1][i] = r.number("beside");
            }
        }
        return new double[] {Jvm.median(v[0]), Jvm.median(v[1]), Jvm.median(v[2]), Jvm.median(v[3])};
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void roundTripsCollapseBesideACpuBoundThreadAndTheCostFollowsTheInterval(String java) throws Exception {
        double[] m = convoy(java);
        System.out.printf("%s: slowdown %.1fx at 5 ms (%.0f rt/s beside), %.1fx at 1 ms (%.0f rt/s beside)%n",
                java, m[0], m[1], m[2], m[3]);
        assertThat(m[0]).as("slowdown beside a CPU-bound thread at interval=5ms").isGreaterThanOrEqualTo(20);
        assertThat(m[3] / m[1]).as("round trips/s beside: 1 ms interval vs 5 ms").isGreaterThan(2);
    }
}
