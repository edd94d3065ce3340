package io.gil4j.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.demo.convoy.ConvoyMain;
import io.gil4j.demo.json.Json;
import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.work.EchoRoundTrips;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo commands the README shows, as a user runs them: {@code seed} (all three rows, a shorter
 * count) and {@code convoy}, each under the real agent and, in the same test, without it as the
 * control. The figures are ratios within one run: under the GIL two CPU-bound threads take about as
 * long as one while two processes (a GIL each) and the same threads without the agent take about half;
 * I/O-bound threads overlap either way; round trips beside a CPU-bound thread collapse only under the GIL.
 * The checks need the machine's two cores free, as the rest of `mvn verify` has them.
 */
class DemoCommandsIT {

    @TempDir
    Path out;

    private static Path root() {
        return Path.of(System.getProperty("gil.repo.root", "..")).toAbsolutePath().normalize();
    }

    private Object run(String name, String agentOptions, String... args) throws Exception {
        Path json = out.resolve(name + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--json", json.toString()));
        ChildJvm.Result r = ChildJvm.self().agent(root().resolve("agent/target/gil.jar"), agentOptions)
                .jar(root().resolve("demo-apps/target/gil-demos.jar"), all.toArray(String[]::new))
                .timeout(240).run();
        assertThat(r.exitCode).as("%s exit status: %s", name, r).isZero();
        return Json.parse(Files.readString(json, StandardCharsets.UTF_8));
    }

    private static double ratio(Object doc, String column, String row) {
        return Json.number(doc, column, row) / Json.number(doc, column, "single");
    }

    @Test
    void seedShowsTheGilOnThreadsAndNotOnProcesses() throws Exception {
        String[] args = {"seed", "--n", "400000000", "--requests", "6", "--latency", "60ms"};
        Object none = run("seed-none", null, args);
        Object gil = run("seed-gil", "include=io.gil4j.demo.seed.**,mode=gil", args);
        String figures = String.format("no agent: CPU threads %.2f processes %.2f, I/O threads %.2f; "
                        + "gil: CPU threads %.2f processes %.2f, I/O threads %.2f processes %.2f",
                ratio(none, "cpu", "threads2"), ratio(none, "cpu", "processes2"), ratio(none, "io", "threads2"),
                ratio(gil, "cpu", "threads2"), ratio(gil, "cpu", "processes2"), ratio(gil, "io", "threads2"),
                ratio(gil, "io", "processes2"));
        System.out.println("[DemoCommandsIT] seed " + figures);
        assertThat(ratio(none, "cpu", "threads2")).as("control: two threads run in parallel without the agent (%s)",
                figures).isLessThan(0.8);
        assertThat(ratio(gil, "cpu", "threads2")).as("under the GIL two CPU threads take as long as one (%s)", figures)
                .isGreaterThan(0.85);
        assertThat(ratio(gil, "cpu", "processes2")).as("two processes, a GIL each, run in parallel (%s)", figures)
                .isLessThan(0.8);
        assertThat(ratio(gil, "io", "threads2")).as("I/O-bound threads overlap under the GIL (%s)", figures)
                .isLessThan(0.75);
        assertThat(ratio(gil, "io", "processes2")).as("and in two processes (%s)", figures).isLessThan(0.75);
    }

    /**
     * Judged on the lower quartile of the 100 ms windows beside the spinner, not on the phase's mean:
     * on two cores the JIT's compiler threads delay the spinner's wake-ups in the first seconds of
     * contention and the I/O thread runs bursts of round trips (docs/design.md section 7, README
     * "Known limits"); a fresh-clone CI run gave a mean slowdown of 12.4x, where on 2026-12-07 this
     * statistic gave 137x by hand and 143x in a fresh-clone CI run (means 70x, 66x). The means are
     * printed beside it.
     */
    @Test
    void convoyCollapsesRoundTripsOnlyUnderTheGil() throws Exception {
        Object none = run("convoy-none", null, "convoy", "--seconds", "1");
        Object gil = run("convoy-gil", "include=io.gil4j.demo.convoy.**,mode=gil", "convoy", "--seconds", "1");
        double without = steadySlowdown(none);
        double with = steadySlowdown(gil);
        System.out.printf("[DemoCommandsIT] convoy slowdown against the lower-quartile window: without the agent %.2fx,"
                        + " under the GIL %.1fx (phase means: %.2fx, %.1fx)%n",
                without, with, Json.number(none, "slowdown"), Json.number(gil, "slowdown"));
        assertThat(without).as("control: the CPU thread runs on the other core").isLessThan(3);
        // CPython 3.11 on this machine: 201x at 5 ms; gil4j 100-150x; a GIL that does not serialize: about 1x
        assertThat(with).as("round trips beside a CPU-bound thread under the GIL").isGreaterThan(20);
    }

    /** Round trips/s alone over the lower-quartile 100 ms window's rate beside the CPU thread. */
    private static double steadySlowdown(Object doc) {
        Object windows = Json.get(doc, "besideWindows");
        assertThat(windows).as("besideWindows in %s", doc).isInstanceOf(List.class);
        List<?> list = (List<?>) windows;
        long[] counts = new long[list.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ((Number) list.get(i)).longValue();
        }
        double lowerQuartile = EchoRoundTrips.quantileRate(counts, 0.25, ConvoyMain.WINDOW_NANOS);
        return Json.number(doc, "aloneRoundTripsPerSecond") / Math.max(lowerQuartile, 1e-9);
    }
}
