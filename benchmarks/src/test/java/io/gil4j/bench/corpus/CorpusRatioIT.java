package io.gil4j.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
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
 * two JVMs (after an untimed one in each). Two JVMs: under the agent the JIT's code for {@code wordcount}
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
        double none = seconds(false, shape, 1);
        double gil1 = seconds(true, shape, 1);
        double gil2 = seconds(true, shape, 2);
        double contended = gil2 / gil1;
        if (contended < CONTENDED_LOW || contended > CONTENDED_HIGH) {
            // Two more JVMs per side before judging: a fresh-clone CI on a noisy evening had both two-thread
            // `wordcount` JVMs slow (0.486 s against 0.285 s on one thread, t2/t1 1.70), where the same
            // build's JVMs on the same machine ran 0.285-0.38 s on two threads just after. A contended
            // slowdown of the agent's is in every JVM and still fails; a slow JVM is not.
            System.out.printf("corpus %-10s t2/t1 %.2f outside [%.2f, %.2f]: two more JVMs per side%n",
                    shape, contended, CONTENDED_LOW, CONTENDED_HIGH);
            gil1 = Math.min(gil1, seconds(true, shape, 1));
            gil2 = Math.min(gil2, seconds(true, shape, 2));
            contended = gil2 / gil1;
        }
        double cost = gil1 / none;
        System.out.printf("corpus %-10s none %.3f s  gil 1 thread %.3f s  gil 2 threads %.3f s  t2/t1 %.2f  gil/none %.2f%n",
                shape, none, gil1, gil2, contended, cost);
        assertThat(contended).as(shape + ": gil 2 threads / 1 thread").isBetween(CONTENDED_LOW, CONTENDED_HIGH);
        assertThat(cost).as(shape + ": gil 1 thread / no agent").isLessThan(maxSingleThreadCost);
    }

    /** The fastest of {@value #REPS} timed repetitions in each of {@value #JVMS} fresh JVMs (after one untimed warm-up in each). */
    static double seconds(boolean agent, String shape, int threads) throws IOException, InterruptedException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < JVMS; i++) best = Math.min(best, secondsInOneJvm(agent, shape, threads));
        return best;
    }

    static double secondsInOneJvm(boolean agent, String shape, int threads) throws IOException, InterruptedException {
        ChildJvm.Result r = ChildJvm.java(JAVA).agent(AGENT, agent ? "include=io.gil4j.bench.corpus.**,mode=gil" : null)
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
