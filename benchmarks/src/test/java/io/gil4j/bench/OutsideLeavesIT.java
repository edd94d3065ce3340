package io.gil4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.Jdks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Static leaves that code outside the GIL calls too cost in an instrumented loop of another class about
 * what they cost without the agent ({@link OutsideLeaves}, after 20,000 calls from outside, one thread,
 * {@code mode=gil}). Each side's time is its best repetition (after two untimed ones) over its JVMs: two
 * without the agent, and with it up to three, until one is inside the bound; on this JDK and on JDK 25.
 * The ratio agent / no agent must stay under {@value #BOUND}, and both sides must compute the same
 * checksum. The defect it guards (the leaves' entry test, whose outside path the calls from outside
 * had profiled, compiled as a call into the loop) made every JVM 4.3x (JDK 17) and 1.4-2.9x (JDK 25)
 * slower; the calls linked to the leaves' held copies, 0.8-0.95x (2026-12-07).
 */
class OutsideLeavesIT {

    static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar"));
    static final String CLASSES = System.getProperty("gil.corpus.classes", "target/classes");
    static final double BOUND = 1.25;
    static final int NONE_JVMS = 2;
    static final int MAX_AGENT_JVMS = 3;
    static final int REPS = 5;
    static final int UNTIMED = 2;
    static final String OUTSIDE_CALLS = "20000";

    static List<String> jdks() {
        return Jdks.underTest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void leavesCalledFromOutsideTooCostInAnInstrumentedLoopAboutWhatTheyCostWithoutTheAgent(String java)
            throws Exception {
        double none = Double.MAX_VALUE;
        double agent = Double.MAX_VALUE;
        StringBuilder log = new StringBuilder();
        String checksum = null;
        for (int i = 0; i < NONE_JVMS; i++) {
            Run n = bestInOneJvm(java, false);
            none = Math.min(none, n.best);
            checksum = n.checksum;
            log.append(String.format("%snone %.4f", i == 0 ? "" : ", ", n.best));
        }
        for (int i = 0; i < MAX_AGENT_JVMS && agent / none >= BOUND; i++) {
            Run a = bestInOneJvm(java, true);
            assertThat(a.checksum).as("the program's checksum under the agent").isEqualTo(checksum);
            agent = Math.min(agent, a.best);
            log.append(String.format(", gil %.4f", a.best));
        }
        System.out.printf("outside-leaves %s: none %.4f s, gil %.4f s, ratio %.2f (%s)%n",
                java, none, agent, agent / none, log);
        assertThat(agent / none).as("agent / no agent, best repetitions (per JVM: %s)", log).isLessThan(BOUND);
    }

    private record Run(double best, String checksum) { }

    static Run bestInOneJvm(String java, boolean withAgent) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
        if (Jdks.feature(java) >= 22) jvm.add("--enable-native-access=ALL-UNNAMED");
        ChildJvm.Result r = ChildJvm.java(java).jvm(jvm)
                .agent(AGENT, withAgent ? "include=io.gil4j.bench.outside.**,mode=gil" : null)
                .classpath(CLASSES).main(OutsideLeaves.class.getName(), OUTSIDE_CALLS, Integer.toString(UNTIMED + REPS))
                .timeout(120).run().ok();
        List<Double> times = new ArrayList<>();
        String checksum = null;
        for (String line : r.stdout.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("outside-leaves") && Integer.parseInt(f[1]) >= UNTIMED) {
                times.add(Double.parseDouble(f[2]));
            }
            if (f.length == 2 && f[0].equals("checksum")) checksum = f[1];
        }
        assertThat(times).as("%s", r).hasSize(REPS);
        assertThat(checksum).as("%s", r).isNotNull();
        return new Run(times.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), checksum);
    }
}
