package io.gil4j.it;

import io.gil4j.it.work.Convoy;
import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.work.EchoRoundTrips;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The convoy effect: a thread doing short TCP round trips loses the GIL at every blocking call and,
 * beside a CPU-bound thread, waits about one switch interval to get it back, so the rate follows the
 * interval.
 *
 * <p>The rate beside the spinner is taken as the median over 100 ms windows, pooled over two JVMs
 * per interval (the intervals interleaved): a phase's mean also holds bursts, stretches of tens of
 * milliseconds in which the spinner's wake-ups come late and the I/O thread runs almost unhindered,
 * which on two cores decide a one-second mean (a fresh-clone CI run once gave 1.7x between the means
 * where the windows of the same kind of run give 5-8x). docs/design.md section 7 has the measurements
 * and CPython's windows beside them. The slowdown at 5 ms is judged on the lower quartile of the pooled
 * windows beside against the median rate alone: it was first judged on the phases' means, which a
 * fresh-clone CI run once gave as 16.8x (JDK 25; the steady windows 310 round trips/s, lower quartile 170,
 * where the same run's JDK 17 gave 89x), the bursts deciding a one-second mean.
 *
 * <p>The check that the rate follows the interval compares the lower quartiles of the pooled windows,
 * not the medians: on a fresh-clone CI run (JDK 17) more than half of the 5 ms windows were bursts
 * (median 440 round trips/s beside, where runs usually give 100-200), and the medians' ratio came out
 * 1.5. The bursts are gil4j's known deviation (README, "Known limits"); this test is about the steady
 * convoy underneath them, which the lower quartile still shows unless bursts fill three windows in four.
 */
class ConvoyIT {
    private static final int RUNS = 2;
    private static final Pattern WINDOWS = Pattern.compile("besideWindows=([0-9,]+)");

    /** Round trips per 100 ms window beside the spinner, from one child's output. */
    static long[] windows(ChildJvm.Result r) {
        Matcher m = WINDOWS.matcher(r.stdout);
        if (!m.find()) throw new AssertionError("no besideWindows= in the child's output: " + r);
        return Arrays.stream(m.group(1).split(",")).mapToLong(Long::parseLong).toArray();
    }

    /**
     * {median slowdown of the means at 5 ms, median window rate beside at 5 ms, the same two at 1 ms,
     * lower-quartile window rate at 5 ms, lower-quartile window rate at 1 ms, median rate alone at 5 ms}.
     */
    static double[] convoy(String java) throws Exception {
        double[][] slowdown = new double[2][RUNS];
        double[] alone = new double[RUNS];
        List<List<Long>> pooled = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < RUNS; i++) {
            for (int k = 0; k < 2; k++) {
                String interval = k == 0 ? "5ms" : "1ms";
                ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",interval=" + interval, "io.gil4j.it.work.Convoy", 60, "1").ok();
                slowdown[k][i] = r.number("slowdown");
                if (k == 0) alone[i] = r.number("alone");
                for (long c : windows(r)) pooled.get(k).add(c);
            }
        }
        double[] out = new double[7];
        out[6] = Jvm.median(alone);
        for (int k = 0; k < 2; k++) {
            long[] windows = pooled.get(k).stream().mapToLong(Long::longValue).toArray();
            out[2 * k] = Jvm.median(slowdown[k]);
            out[2 * k + 1] = EchoRoundTrips.medianRate(windows, Convoy.WINDOW_NANOS);
            out[4 + k] = EchoRoundTrips.quantileRate(windows, 0.25, Convoy.WINDOW_NANOS);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void roundTripsCollapseBesideACpuBoundThreadAndTheCostFollowsTheInterval(String java) throws Exception {
        double[] m = convoy(java);
        double steadySlowdown = m[6] / m[4];
        System.out.printf("%s: slowdown %.1fx at 5 ms (%.0f rt/s alone; steady %.0f rt/s beside, lower quartile %.0f: %.1fx),"
                + " %.1fx at 1 ms (steady %.0f rt/s beside, lower quartile %.0f)%n",
                java, m[0], m[6], m[1], m[4], steadySlowdown, m[2], m[3], m[5]);
        assertThat(steadySlowdown).as("round trips/s alone vs the lower-quartile window beside a CPU-bound thread,"
                + " interval=5ms").isGreaterThanOrEqualTo(20);
        assertThat(m[5] / m[4]).as("lower-quartile round trips/s beside: 1 ms interval vs 5 ms").isGreaterThan(2);
    }
}
