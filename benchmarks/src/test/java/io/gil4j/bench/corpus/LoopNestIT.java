package io.gil4j.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.Jdks;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A loop nest behind a call into the JDK ({@link Corpus}'s {@code matmul}: {@code Arrays.fill}, then a
 * triple loop, in a method its class calls through a held copy) costs under the GIL about what it costs
 * without the agent, on one thread and on two, on this JDK and on JDK 25. Before 2026-12-07 the copy's
 * entry check and the check after {@code Arrays.fill} were calls compiled in front of the nest, and C2
 * on JDK 25 kept the nest's arrays in stack slots: one thread 1.3-1.4x, two threads 1.4x of one thread
 * without the agent (docs/design.md section 7).
 *
 * <p>Each side is the best repetition over its JVMs (three after an untimed one in each, as
 * {@link CorpusRatioIT}): two JVMs without the
 * agent, then under {@code mode=gil} up to three JVMs per thread count until the ratio is inside its
 * bound. Two threads share the same work, so under a GIL they take what one thread takes. Best, not
 * median: {@code matmul}'s JVMs are bimodal with and without the agent (BENCHMARKS.md "Fidelity corpus").
 * G1 on both sides, whatever the machine: a JVM that sees one CPU picks SerialGC, under which JDK 17 runs
 * the program's own code 1.4x faster and the agent's not (README "Known limits"), not what this checks.
 */
class LoopNestIT {

    static final String SHAPE = "matmul";
    /** One thread: 1.05-1.10 with the checks gone (CI and by hand), 1.30 with them. */
    static final double BOUND_ONE = 1.2;
    /**
     * Two threads: 1.07-1.16 with the checks gone, 1.51 with them. Higher than one thread's on purpose:
     * each thread multiplies its own matrices (6 MB), and every switch of the GIL refills the caches.
     */
    static final double BOUND_TWO = 1.35;
    static final int NONE_JVMS = 2;
    static final int MAX_AGENT_JVMS = 3;

    static List<String> jdks() {
        return Jdks.underTest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLoopNestBehindAJdkCallCostsUnderTheGilWhatItCostsWithoutTheAgent(String java) throws Exception {
        StringBuilder log = new StringBuilder();
        double none = Double.MAX_VALUE;
        for (int i = 0; i < NONE_JVMS; i++) {
            double t = best(java, false, 1);
            none = Math.min(none, t);
            log.append(String.format("%snone %.3f", i == 0 ? "" : ", ", t));
        }
        double[] gil = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int threads = 1; threads <= 2; threads++) {
            double bound = threads == 1 ? BOUND_ONE : BOUND_TWO;
            for (int i = 0; i < MAX_AGENT_JVMS && gil[threads - 1] / none >= bound; i++) {
                double t = best(java, true, threads);
                gil[threads - 1] = Math.min(gil[threads - 1], t);
                log.append(String.format(", gil %d thread(s) %.3f", threads, t));
            }
        }
        System.out.printf("loop-nest %s: none %.3f s, gil 1 thread %.3f s (%.2f), 2 threads %.3f s (%.2f) (%s)%n",
                java, none, gil[0], gil[0] / none, gil[1], gil[1] / none, log);
        assertThat(gil[0] / none).as("gil, 1 thread / no agent (%s)", log).isLessThan(BOUND_ONE);
        assertThat(gil[1] / none).as("gil, 2 threads / no agent, 1 thread (%s)", log).isLessThan(BOUND_TWO);
    }

    /** The best of CorpusRatioIT's repetitions in one fresh JVM, G1 and a fixed heap on both sides. */
    static double best(String java, boolean agent, int threads) throws IOException, InterruptedException {
        return CorpusRatioIT.secondsInOneJvm(java, List.of("-XX:+UseG1GC", "-Xms512m", "-Xmx512m"), agent, SHAPE, threads);
    }
}
