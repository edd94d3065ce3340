package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed experiment's shape (docs/design.md section 8) on a real JVM with the agent: CPU-bound work
 * split over two threads is no faster than one thread under the GIL, clearly faster without it; I/O-
 * bound work on two threads takes about half the time of one thread, GIL or not. Ratios of the best runs
 * (of three) interleaved in one test, so the machine's load hits all sides alike.
 */
class SeedShapeIT {

    static final long STEPS = 300_000_000L;
    /** Seconds one thread's share should take without the agent; see {@link #calibratedSteps}. */
    static final double TARGET_SECONDS = 0.35;

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static double cpuSeconds(String java, String agent, long steps, int threads) throws Exception {
        return Jvm.run(java, agent, "io.gil4j.testkit.work.Countdown", 120, String.valueOf(threads),
                String.valueOf(steps / threads), "warm-up").ok().number("seconds");
    }

    /**
     * The work, sized so one thread takes about {@link #TARGET_SECONDS} without the agent on this JDK.
     * A fixed count took 0.34-0.35 s on JDK 17 but 0.064-0.066 s on JDK 25 (its C2 compiles the loop
     * better): then a few hand-offs that wait for a busy core, 5 ms each, weighed several percent and the
     * two-thread ratio measured the machine's load, not the lock (CI once printed 1.29 on JDK 25).
     */
    static long calibratedSteps(String java) throws Exception {
        double seconds = cpuSeconds(java, null, STEPS, 1);
        double scale = Math.max(1, Math.min(8, TARGET_SECONDS / seconds));
        return (long) (STEPS * scale) & ~1L;
    }

    /** Two threads under the GIL over one: below this, the lock did not serialize them. */
    static final double LOWER = 0.85;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void cpuBoundTwoThreadsAreNoFasterThanOneUnderTheGil(String java) throws Exception {
        long steps = calibratedSteps(java);
        double[][] t = new double[6][3]; // none 1/2, off 1/2, gil 1/2 threads; 3 interleaved rounds
        String[] agents = {null, Jvm.INCLUDE + ",mode=off", Jvm.INCLUDE + ",mode=gil"};
        for (int round = 0; round < 3; round++) {
            for (int a = 0; a < 3; a++) {
                t[2 * a][round] = cpuSeconds(java, agents[a], steps, 1);
                t[2 * a + 1][round] = cpuSeconds(java, agents[a], steps, 2);
            }
        }
        // Best of three, not the median: a JVM whose compiled loop landed badly runs the whole loop 1.3-2x
        // slower (docs/design.md section 7, "Loop alignment"; CI on JDK 25 once had two slow one-thread
        // JVMs under gil and printed gil 0.71). This test is about the lock serializing the threads,
        // which the best run of each side shows; the corpus measures the placement accident itself.
        double noneRatio = Jvm.min(t[1]) / Jvm.min(t[0]);
        double offRatio = Jvm.min(t[3]) / Jvm.min(t[2]);
        double gilRatio = Jvm.min(t[5]) / Jvm.min(t[4]);
        double upper = noneRatio < 0.65 ? 1.25 : 1.5;
        if (gilRatio > upper || gilRatio < LOWER) {
            // Three more JVMs per side before judging: a fresh-clone CI on JDK 25 had all three two-thread
            // JVMs in the slow placement (gil 1.32; 1.02-1.09 in the eight runs before), and another all
            // three one-thread JVMs (0.91-0.94 s against 0.47 s in the runs before and after; gil 0.55;
            // the same mode came up in 1 of 6 one-thread JVMs of the agent before it, by hand). A slow lock
            // is slow in every JVM and still fails, and so is a lock that does not serialize the threads
            // (about 0.5 in every JVM); a placement accident is per JVM.
            System.out.printf("%s: gil 2t/1t %.2f outside [%.2f, %.2f] in three rounds: three more%n",
                    java, gilRatio, LOWER, upper);
            double[] one = new double[3];
            double[] two = new double[3];
            for (int round = 0; round < 3; round++) {
                one[round] = cpuSeconds(java, agents[2], steps, 1);
                two[round] = cpuSeconds(java, agents[2], steps, 2);
            }
            // Judged on the best JVM of each side, or failing that on the medians of all six per side: with
            // the loop's modes per JVM, the best of each side can compare one lucky JVM with an unlucky side
            // (a fresh-clone CI on JDK 25, 2026-12-07, a slow day: one thread 0.69 s in one JVM and 0.95-0.97 s
            // in two others, two threads 0.86-0.90 s: best of each 1.26). A lock that does not serialize,
            // or that is slow, is so in every JVM and fails both.
            double byBest = Math.min(Jvm.min(t[5]), Jvm.min(two)) / Math.min(Jvm.min(t[4]), Jvm.min(one));
            double byMedian = Jvm.median(concat(t[5], two)) / Jvm.median(concat(t[4], one));
            System.out.printf("%s: after three more: best of each side %.2f, medians %.2f (one thread %s, two %s)%n",
                    java, byBest, byMedian, Arrays.toString(one), Arrays.toString(two));
            gilRatio = byBest >= LOWER && byBest <= upper ? byBest : byMedian;
        }
        System.out.printf("%s: %,d steps: 2t/1t no agent %.2f, off %.2f, gil %.2f (gil seconds per JVM: 1 thread %s, 2 threads %s)%n",
                java, steps, noneRatio, offRatio, gilRatio, Arrays.toString(t[4]), Arrays.toString(t[5]));
        // Each switch wakes the waiter on the other core: when that core was busy, hand-offs wait for it and
        // the two threads lose more than the GIL itself costs (CI on JDK 25: no agent 0.74, gil 1.29). The
        // tighter bound needs a run whose two threads without the agent really ran in parallel, as the
        // parallel check below does (on JDK 25 a slow compilation of this loop also shows there: 0.82 once
        // on a quiet machine, with gil 0.99).
        assertThat(gilRatio).as("2 threads / 1 thread under the GIL (no agent %.2f)", noneRatio).isBetween(LOWER, upper);
        // "Clearly faster without the GIL" needs a second free core; the no-agent run in the same
        // test says whether this machine had one just now.
        assumeTrue(noneRatio < 0.8, () -> String.format(
                "no second core free during this run (no agent 2t/1t = %.2f): parallel part not checked", noneRatio));
        assertThat(offRatio).as("2 threads / 1 thread with mode=off (no serialization)").isLessThan(Math.max(0.8, noneRatio * 1.2));
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void ioBoundTwoThreadsTakeAboutHalfUnderTheGil(String java) throws Exception {
        double one = Jvm.run(java, Jvm.INCLUDE, "io.gil4j.testkit.work.IoBound", 60, "1", "10", "100").ok().number("seconds");
        double two = Jvm.run(java, Jvm.INCLUDE, "io.gil4j.testkit.work.IoBound", 60, "2", "5", "100").ok().number("seconds");
        System.out.printf("%s: I/O 1 thread %.2f s, 2 threads %.2f s%n", java, one, two);
        assertThat(two / one).isBetween(0.35, 0.7);
    }
}
