package io.gil4j.analyzer.it;

import io.gil4j.testkit.work.Countdown;
import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gil4j.analyzer.cli.CliRun;
import io.gil4j.testkit.work.LiveCpu;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gil-analyzer top PID} against a real JVM: two CPU-bound threads under the agent show as a GIL
 * held nearly all the time, about one waiter, and each thread holding about half; a JVM without the
 * agent and a process that does not exist each get one line; {@code --once --json} on a JVM that got the
 * agent by a later attach.
 */
class TopIT {
    private static final Pattern GIL = Pattern.compile("GIL: utilization\\s+([0-9.]+)%\\s+waiters now \\d+, mean ([0-9.]+)");
    private static final Pattern ROW = Pattern.compile("(?m)^cpu-\\d\\s+([0-9.]+)\\s+([0-9.]+)");

    private static Process start(boolean agent) throws Exception {
        return ChildJvm.self().agent(AgentRun.agentJar(), agent ? "include=" + Countdown.class.getPackageName() + ".**" : null)
                .jvm("-Xmx128m").classpath(AgentRun.workloadClasspath())
                .main(Countdown.class.getName(), "2", "400000000000")
                .start(ProcessBuilder.Redirect.DISCARD, ProcessBuilder.Redirect.DISCARD);
    }

    @Test
    void showsTwoThreadsSharingTheGil() throws Exception {
        Process p = start(true);
        try {
            Thread.sleep(4000); // start-up and the bean's registration
            CliRun r = CliRun.run("top", Long.toString(p.pid()), "--period", "1s", "--iterations", "2");
            assertThat(r.code()).as(r.err()).isZero();
            String last = r.out().substring(r.out().lastIndexOf("gil4j top:"));
            Matcher g = GIL.matcher(last);
            assertThat(g.find()).as(r.out()).isTrue();
            assertThat(Double.parseDouble(g.group(1))).as("utilization, %%: %s", last).isGreaterThan(80);
            assertThat(Double.parseDouble(g.group(2))).as("mean waiters: %s", last).isBetween(0.6, 1.3);
            Matcher row = ROW.matcher(last);
            int rows = 0;
            while (row.find()) {
                rows++;
                assertThat(Double.parseDouble(row.group(1))).as("held %% of %s", row.group()).isBetween(25.0, 75.0);
            }
            assertThat(rows).as(last).isEqualTo(2);
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static List<String> javas() {
        return io.gil4j.testkit.Jdks.underTest();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void onceAsJsonOnAJvmAttachedLater(String java) throws Exception {
        Process p = ChildJvm.java(java).jvm("-Xmx128m").classpath(ChildJvm.classpathOf(LiveCpu.class))
                .main(LiveCpu.class.getName(), "2").start(ProcessBuilder.Redirect.DISCARD, ProcessBuilder.Redirect.DISCARD);
        try {
            Thread.sleep(1500);
            Process attach = new ProcessBuilder(java, "-jar", AgentRun.agentJar().toAbsolutePath().toString(), "attach",
                    Long.toString(p.pid()), "include=" + LiveCpu.class.getPackageName() + ".**").redirectErrorStream(true).start();
            String attached = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(attach.waitFor()).as(attached).isZero();

            CliRun r = CliRun.run("top", Long.toString(p.pid()), "--once", "--json", "--period", "1s");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).as("one JSON line").doesNotContain("\n");
            JsonNode top = new ObjectMapper().readTree(r.out());
            assertThat(top.get("pid").asLong()).isEqualTo(p.pid());
            assertThat(top.get("mode").asText()).isEqualTo("gil");
            // The workers' loops ran before the attach and stay uninstrumented; their threads hold the
            // GIL past each step as the loops would (sticky holders, design.md section 7). Without that,
            // each step took and dropped the GIL: utilization 0.54-0.79 and one thread holding 9%.
            assertThat(top.get("utilization").asDouble()).as("%s", top).isGreaterThan(0.8);
            List<String> names = new java.util.ArrayList<>();
            for (JsonNode t : top.get("threads")) {
                names.add(t.get("name").asText());
                assertThat(t.get("heldShare").asDouble()).as("%s", t).isBetween(0.3, 0.7);
                assertThat(t.get("class").asText()).as("%s", t).isEqualTo("CPU-bound");
                assertThat(t.get("waitP99Millis").isNumber()).as("the period's waits by duration: %s", t).isTrue();
            }
            assertThat(names).containsExactlyInAnyOrder("live-cpu-0", "live-cpu-1");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJvmWithoutTheAgentAndNoJvmAtAllGetOneLine() throws Exception {
        Process p = start(false);
        try {
            Thread.sleep(1500);
            CliRun r = CliRun.run("top", Long.toString(p.pid()), "--iterations", "1");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString().contains("does not run the gil4j agent");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        CliRun none = CliRun.run("top", "999999999", "--iterations", "1");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.errLines()).singleElement().asString().contains("cannot attach to process 999999999");
    }
}
