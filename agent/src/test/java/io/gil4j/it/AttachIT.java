package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import io.gil4j.testkit.ChildJvm;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gil4j attached to a JVM that is already running ({@code java -jar gil.jar attach}), and switched live,
 * on every JDK under test: a child whose two threads run a CPU-bound step forever, started without the
 * agent. Its rate must halve within a second of {@code mode=gil}, come back within a second of
 * {@code mode=off} (a second attach), halve again through JMX; bad input is one line and exit status 2
 * with the target untouched; and the MBean's totals agree with the recording's {@code gil.Stats}.
 * The child's worker loops are frames that never return: their class must wait (HotSpot would run
 * them interpreted for good after a retransform), the step they call must not.
 */
class AttachIT {
    static final String OPTIONS = "include=io.gil4j.testkit.work.LiveCpu*,mode=gil,interval=5ms";

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void attachThenSwitchLive(String java, @TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("attached.jfr");
        try (LiveChild child = new LiveChild(java, List.of())) {
            Thread.sleep(1000); // the JIT settles
            long t0 = System.currentTimeMillis();
            double baseline = child.medianRate(t0, t0 + 1000);

            Cli attach = cli(java, "attach", Long.toString(child.pid), OPTIONS + ",jfr=" + jfr);
            assertThat(attach.exit).as("%s", attach).isZero();
            assertThat(attach.out).as("%s", attach).contains("attached to " + child.pid).contains("mode=gil")
                    .contains("io.gil4j.testkit.work.LiveCpu").doesNotContain("LiveCpuWork,").doesNotContain("LiveCpuWork\n");
            long tGil = System.currentTimeMillis();
            double gil = child.medianRate(tGil + 1000, tGil + 2000);

            Cli off = cli(java, "attach", Long.toString(child.pid), "mode=off");
            assertThat(off.exit).as("%s", off).isZero();
            assertThat(off.out).as("%s", off).contains("was mode=gil").contains("now mode=off");
            long tOff = System.currentTimeMillis();
            double offRate = child.medianRate(tOff + 1000, tOff + 2000);

            System.out.printf("attach %s: no agent %.0f, gil %.0f (%.2f), off %.0f (%.2f) chunks/100 ms%n",
                    java, baseline, gil, gil / baseline, offRate, offRate / baseline);
            // Two CPU-bound threads: about 0.5 under a GIL, about 1 without one. Up to 0.72 on JDK 25, where a
            // step takes about a microsecond and the threads' shared counter stops moving its cache line
            // between cores under the GIL (0.72 under -javaagent from the start too; BENCHMARKS, "Attach").
            assertThat(gil / offRate).as("gil against off, live in one JVM").isLessThan(0.8);
            // Against the faster of the two rates without a GIL: on JDK 25 this loop's compiled speed is
            // bimodal, and the code compiled after the retransform ran 1.6x the rate measured before the
            // attach in one CI run (no agent 136,010, off 222,254, gil 122,931: 0.90 of the baseline).
            assertThat(gil / Math.max(baseline, offRate)).as("gil against the faster rate without a GIL").isLessThan(0.8);
            // What this guards: off must stop serializing (two threads under a GIL give about 0.5). Above that,
            // the rate is the instrumented loop's own cost: on JDK 25 off ran at 0.74-0.89 of the baseline
            // over seven runs on 2026-12-03 (0.97-0.99 on JDK 17), BENCHMARKS.md "Attach"; issue #10 tracks it.
            assertThat(offRate / baseline).as("off comes back to the rate without the agent").isGreaterThan(0.65);

            Cli bad = cli(java, "attach", Long.toString(child.pid), "mode=fast");
            assertThat(bad.exit).as("%s", bad).isEqualTo(2);
            assertThat(bad.err.strip()).as("one line").doesNotContain("\n").contains("mode=fast");
            Cli notLive = cli(java, "attach", Long.toString(child.pid), "include=com.example.**");
            assertThat(notLive.exit).as("%s", notLive).isEqualTo(2);
            assertThat(notLive.err).contains("cannot change in a JVM where gil4j already runs");

            double held;
            double waiting;
            try (JMXConnector c = jmx(child.pid)) {
                MBeanServerConnection server = c.getMBeanServerConnection();
                ObjectName bean = new ObjectName("io.gil4j:type=Gil");
                assertThat(server.getAttribute(bean, "Mode")).as("bad input changed nothing").isEqualTo("off");
                assertThatThrownBy(() -> server.setAttribute(bean, new Attribute("Mode", "fast"))).hasStackTraceContaining("mode=fast");
                assertThatThrownBy(() -> server.setAttribute(bean, new Attribute("IntervalMillis", 0.0)));
                server.setAttribute(bean, new Attribute("Mode", "gil"));
                long tJmx = System.currentTimeMillis();
                double gilAgain = child.medianRate(tJmx + 1000, tJmx + 2000);
                assertThat(gilAgain / offRate).as("gil through JMX against off").isLessThan(0.8);
                assertThat(server.getAttribute(bean, "IntervalMillis")).isEqualTo(5.0);

                child.send("stop");
                child.awaitLine("stopped", 30_000);
                held = (Double) server.getAttribute(bean, "HeldSeconds");
                waiting = (Double) server.getAttribute(bean, "WaitingSeconds");
            }
            child.send("exit");
            assertThat(child.awaitExit(60)).as("%s", child).isZero();
            double[] recorded = lastStats(jfr);
            System.out.printf("attach %s: MBean held %.3f s waiting %.3f s; recording %.3f s, %.3f s%n",
                    java, held, waiting, recorded[0], recorded[1]);
            assertThat(held).as("MBean held against the recording's gil.Stats").isCloseTo(recorded[0], withPercentage(2));
            assertThat(waiting).as("MBean waiting against the recording's gil.Stats").isCloseTo(recorded[1], withPercentage(2));
            assertThat(child.stderr()).as("the worker loops' class waits, said once").contains("io.gil4j.testkit.work.LiveCpu is instrumented later");
            assertThat(child.stderr()).as("the lock staged before Gil was initialized, after an attach too")
                    .doesNotContain("fast paths go through its slow paths");
        }
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void badTargetsAreOneLineAndExitStatus2(String java) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Cli noProcess = cli(java, "attach", Long.toString(gone.pid()), OPTIONS);
        assertThat(noProcess.exit).as("%s", noProcess).isEqualTo(2);
        assertThat(noProcess.err.strip()).isEqualTo("gil4j: no process with id " + gone.pid());

        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli notJvm = cli(java, "attach", Long.toString(sleeper.pid()), OPTIONS);
            assertThat(notJvm.exit).as("%s", notJvm).isEqualTo(2);
            assertThat(notJvm.err.strip()).isEqualTo("gil4j: process " + sleeper.pid() + " is not a JVM");
            assertThat(sleeper.isAlive()).as("no SIGQUIT reached the process").isTrue();
        } finally {
            sleeper.destroyForcibly();
        }

        Cli junk = cli(java, "attach", "12ab", OPTIONS);
        assertThat(junk.exit).isEqualTo(2);
        assertThat(junk.err.strip()).isEqualTo("gil4j: not a process id: '12ab'");

        if (Jvm.feature(java) >= 21) {
            try (LiveChild refusing = new LiveChild(java, List.of("-XX:-EnableDynamicAgentLoading"))) {
                Cli refused = cli(java, "attach", Long.toString(refusing.pid), OPTIONS);
                assertThat(refused.exit).as("%s", refused).isEqualTo(2);
                assertThat(refused.err.strip()).doesNotContain("\n").contains("JEP 451").contains("-XX:+EnableDynamicAgentLoading");
                Thread.sleep(300);
                assertThat(refusing.process.isAlive()).as("the target runs on").isTrue();
            }
        }
    }

    /** Held and waiting seconds summed over each thread's last gil.Stats. */
    static double[] lastStats(Path jfr) throws IOException {
        Map<Long, RecordedEvent> last = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Stats")) continue;
            long id = e.getLong("gilThreadId");
            RecordedEvent prev = last.get(id);
            if (prev == null || e.getLong("wallNanos") >= prev.getLong("wallNanos")) last.put(id, e);
        }
        double held = 0;
        double waiting = 0;
        for (RecordedEvent e : last.values()) {
            held += e.getLong("heldNanos") / 1e9;
            waiting += e.getLong("waitNanos") / 1e9;
        }
        return new double[] {held, waiting};
    }

    static JMXConnector jmx(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    record Cli(int exit, String out, String err) { }

    static Cli cli(String java, String... args) throws IOException, InterruptedException {
        ChildJvm.Result r = ChildJvm.java(java).jar(Jvm.AGENT, args).timeout(60).run();
        return new Cli(r.exitCode, r.stdout, r.stderr);
    }
}
