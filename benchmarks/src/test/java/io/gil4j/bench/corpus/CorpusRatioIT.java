package io.gil4j.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.Jdks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reduced fidelity corpus ({@code benchmarks/corpus.sh} runs the whole one): a few shapes of
 * {@link Corpus}, each timed in fresh JVMs without the agent, under {@code mode=gil} on one thread and
 * on two threads sharing the same work; each setting's time is the best of three repetitions in each of
 * two JVMs (after an untimed one in each), the GIL's one- and two-thread JVMs started in pairs, one right
 * after the other. Two JVMs: under the agent the JIT's code for {@code wordcount}
 * was slow for a whole JVM once in five CI runs (one thread 0.363 s against 0.253-0.267 s, every
 * repetition; t2/t1 0.78), so one JVM per setting measured that JVM's compilation, not the GIL. That
 * one had a cause: start-up's keys in the JDK's shared profile of {@code HashMap.hash}, which made C2
 * compile {@code HashMap.merge} with a virtual {@code hashCode()} in one JVM in three or four (t2/t1 1.77
 * on a fresh clone of bbe9149, both two-thread JVMs slow); the agent resets those profiles since
 * (docs/design.md section 7, "Profiles of the JDK's shared code"). Best, not median: {@code vector}'s repetitions are bimodal with and without
 * the agent (0.32 s or 0.43-0.54 s without it, from one repetition to the next in one JVM, on a quiet
 * machine), and a median of three landed on the slow mode for both one-thread JVMs of a CI run while the
 * two-thread JVMs did not (t2/t1 0.69). Ratios only, with their controls in the same run:
 * <ul>
 * <li>two threads over one under the GIL must stay near 1: a GIL that serializes nothing gives about
 *     0.5 on two cores, and an agent whose contended code is slower than its uncontended code gives
 *     more (CPython 3.11: 0.95 to 1.07);</li>
 * <li>one thread under the GIL over no agent stays under a bound per shape: {@code vector} (an
 *     {@code int[]} loop C2 vectorizes) ran about 20 times slower with a checkpoint at every back-edge
 *     and is near 1 with strip-mined loops.</li>
 * </ul>
 * The bands are wider than the corpus targets so that a busy CI machine passes; they still fail on
 * the defects above. {@code trees} is not here: its timing under the agent is bimodal from one JVM to
 * the next (BENCHMARKS.md, "Fidelity corpus"), so a two-JVM check of it would only measure luck.
 */
class CorpusRatioIT {

    static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar"));
    static final String CLASSES = System.getProperty("gil.corpus.classes", "target/classes");
    static final int REPS = 3;
    static final int JVMS = 2;
    static final int RETRY_PAIRS = 3;
    static final double CONTENDED_LOW = 0.8;
    static final double CONTENDED_HIGH = 1.7;
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "vector, 3.0",
        "lcg, 2.0",
        "matmul, 2.0",
        "wordcount, 3.0",
    })
    void contendedCodeCostsWhatUncontendedCodeCosts(String shape, double maxSingleThreadCost) throws Exception {
        double none = Double.MAX_VALUE;
        for (int i = 0; i < JVMS; i++) none = Math.min(none, secondsInOneJvm(false, shape, 1));
        Contended c = new Contended(shape);
        c.pairs(JVMS);
        if (c.ratio() < CONTENDED_LOW || c.ratio() > CONTENDED_HIGH) {
            // More pairs before judging: a fresh-clone CI on a noisy evening had both two-thread `wordcount`
            // JVMs slow (0.486 s against 0.285 s on one thread, t2/t1 1.70), where the same build's JVMs on
            // the same machine ran 0.285-0.38 s on two threads just after; another CI run measured 1.71 after
            // two more JVMs per side, then taken one side after the other. A contended slowdown of the
            // agent's is in every JVM and still fails; a slow JVM, or a slow minute of the machine's, is not.
            System.out.printf("corpus %-10s t2/t1 %.2f outside [%.2f, %.2f]: %d more JVM pairs%n",
                    shape, c.ratio(), CONTENDED_LOW, CONTENDED_HIGH, RETRY_PAIRS);
            c.pairs(RETRY_PAIRS);
        }
        double cost = c.gil1 / none;
        System.out.printf("corpus %-10s none %.3f s  gil 1 thread %.3f s  gil 2 threads %.3f s  t2/t1 %.2f  gil/none %.2f%n",
                shape, none, c.gil1, c.gil2, c.ratio(), cost);
        assertThat(c.ratio()).as("%s: gil 2 threads / 1 thread (best of each JVM, in run order: %s)", shape, c.log)
                .isBetween(CONTENDED_LOW, CONTENDED_HIGH);
        assertThat(cost).as(shape + ": gil 1 thread / no agent").isLessThan(maxSingleThreadCost);
    }

    /**
     * One thread and two threads under the GIL, measured in pairs of JVMs one right after the other, so
     * that a slow minute of a shared CI machine falls on both sides; each side's time is its fastest JVM.
     */
    static final class Contended {
        final String shape;
        final StringBuilder log = new StringBuilder();
        double gil1 = Double.MAX_VALUE;
        double gil2 = Double.MAX_VALUE;

        Contended(String shape) { this.shape = shape; }

        void pairs(int n) throws IOException, InterruptedException {
            for (int i = 0; i < n; i++) {
                double one = secondsInOneJvm(true, shape, 1);
                double two = secondsInOneJvm(true, shape, 2);
                gil1 = Math.min(gil1, one);
                gil2 = Math.min(gil2, two);
                log.append(String.format("%s1 thread %.3f, 2 threads %.3f", log.length() == 0 ? "" : "; ", one, two));
            }
        }

        double ratio() { return gil2 / gil1; }
    }

    static double secondsInOneJvm(boolean agent, String shape, int threads) throws IOException, InterruptedException {
        return secondsInOneJvm(JAVA, List.of(), agent, shape, threads);
    }

    /** The best of {@link #REPS} timed repetitions of {@code shape} in one fresh JVM of {@code java} with {@code jvm} options. */
    static double secondsInOneJvm(String java, List<String> jvm, boolean agent, String shape, int threads)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(jvm);
        if (agent && Jdks.feature(java) >= 22) options.add("--enable-native-access=ALL-UNNAMED");
        ChildJvm.Result r = ChildJvm.java(java).jvm(options)
                .agent(AGENT, agent ? "include=io.gil4j.bench.corpus.**,mode=gil" : null)
                .classpath(CLASSES).main(Corpus.class.getName(), shape, Integer.toString(threads), "-", Integer.toString(REPS))
                .timeout(120).run().ok();
        List<Double> times = new ArrayList<>();
        for (String line : r.stdout.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(shape)) times.add(Double.parseDouble(f[2]));
        }
        assertThat(times).as("%s", r).hasSize(REPS);
        return times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }
}
