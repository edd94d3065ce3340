package io.gil4j.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.analyzer.cli.CliRun;
import io.gil4j.analyzer.report.ReportSchema;
import io.gil4j.analyzer.report.JsonTree;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gil-analyzer ab} end to end on a service that is not the demo: the JDK's own HTTP server with
 * instrumented handlers (work.HttpService), started by the harness from a command line, each arm twice
 * in alternating order. CPU-bound requests from two connections lose a large share under the GIL on two
 * cores; sleeping requests at a fixed rate lose nothing; bad input gets one line and leaves no process.
 */
class AbIT {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<String> args(int port, String mix, String... more) throws Exception {
        Path load = tmp.resolve("mix.txt");
        Files.writeString(load, mix);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = java + " -Xmx256m -Dsun.net.httpserver.nodelay=true {agent} -cp " + AgentRun.workloadClasspath() + " io.gil4j.analyzer.it.work.HttpService "
                + port + " 4";
        List<String> a = new ArrayList<>(List.of("ab", "--cmd", cmd, "--agent-jar", AgentRun.agentJar().toString(),
                "--agent-options", "include=io.gil4j.analyzer.it.work.**,throughput=io.gil4j.analyzer.it.work.HttpService.cpu", "--base", "http://127.0.0.1:" + port,
                "--ready", "http://127.0.0.1:" + port + "/health", "--load", load.toString(), "--runs", "2",
                "--warmup", "1s", "--duration", "2s", "--out", tmp.resolve("out").toString()));
        a.addAll(List.of(more));
        return a;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(Map<String, Object> doc, String arm, String path) {
        for (Object a : (List<Object>) doc.get("arms")) {
            Map<String, Object> m = (Map<String, Object>) a;
            if (!m.get("name").equals(arm)) continue;
            for (Object e : (List<Object>) m.get("endpoints")) {
                if (((Map<String, Object>) e).get("endpoint").equals(path)) return (Map<String, Object>) e;
            }
        }
        throw new AssertionError(arm + " " + path + " not in the document");
    }

    @SuppressWarnings("unchecked")
    private static double estimate(Map<String, Object> e, String field) {
        return ((Number) ((Map<String, Object>) e.get(field)).get("estimate")).doubleValue();
    }

    @Test
    void cpuRequestsLoseAndSleepingOnesDoNot() throws Exception {
        CliRun cpu = CliRun.run(args(freePort(), "1 /cpu?n=3000000\n", "--connections", "2", "--format", "json")
                .toArray(String[]::new));
        assertThat(cpu.code()).as(cpu.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) JsonTree.parse(cpu.out());
        assertThat(ReportSchema.validate(cpu.out())).isEmpty();
        Map<String, Object> gilCpu = endpoint(doc, "gil", "/cpu?n=3000000");
        System.out.println("[AbIT] /cpu closed loop: off " + estimate(endpoint(doc, "off", "/cpu?n=3000000"), "throughput")
                + " req/s, gil " + estimate(gilCpu, "throughput") + " req/s, loss " + gilCpu.get("loss"));
        // About a third on an idle 2-core machine (the load generator shares the cores); loaded, less.
        assertThat(estimate(gilCpu, "loss")).as("CPU-bound loss under the GIL on 2 cores").isGreaterThan(0.10);
        assertThat(((Number) gilCpu.get("failed")).longValue()).isZero();

        // The same question from the mode=off runs alone (BENCHMARKS.md "Prediction": 12 services' rows).
        @SuppressWarnings("unchecked")
        Map<String, Object> abPrediction = (Map<String, Object>) doc.get("predicted");
        long skipNanos = ((Number) abPrediction.get("skipNanos")).longValue();
        assertThat(skipNanos).as("start-up and the warm-up left out").isGreaterThan(1_000_000_000L);
        List<String> predictArgs = new ArrayList<>(List.of("predict", "--closed-loop", "--connections", "2", "--format", "json",
                "--skip", skipNanos / 1_000_000 + "ms"));
        try (var files = Files.list(tmp.resolve("out"))) {
            files.filter(f -> f.getFileName().toString().matches("off-[0-9]+\\.jfr")).sorted().forEach(f -> predictArgs.add(f.toString()));
        }
        assertThat(predictArgs).hasSize(10);
        CliRun predict = CliRun.run(predictArgs.toArray(String[]::new));
        assertThat(predict.code()).as(predict.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> prediction = (Map<String, Object>) JsonTree.parse(predict.out());
        assertThat(ReportSchema.validate(predict.out())).isEmpty();
        assertThat(prediction.get("basis")).isEqualTo("requests in a closed loop");
        double predicted = ((Number) prediction.get("throughputLoss")).doubleValue();
        System.out.printf("[AbIT] /cpu predicted from the off runs %.1f%%, measured %.1f%%%n", 100 * predicted,
                100 * estimate(gilCpu, "loss"));
        // The four-connection rows of BENCHMARKS.md "Prediction" (3 s warm-up, 5 s measured, 3 runs) are within
        // 10 points. Two connections and 2 s runs are too short to test closeness: 7-13% predicted against
        // 24-28% measured on 2026-12-03 (the GIL also stood idle 13% of the time at hand-offs, a woken worker
        // waiting for a core beside the load generator, which the replay's instant hand-offs leave out).
        // What this guards: the closed loop read from real recordings end to end, and no overshoot.
        @SuppressWarnings("unchecked")
        Map<String, Object> inReport = (Map<String, Object>) doc.get("predicted");
        assertThat(inReport).as("ab's own prediction from its off runs").containsEntry("basis", "requests in a closed loop");
        assertThat(((Number) inReport.get("throughputLoss")).doubleValue()).as("ab and predict on the same recordings")
                .isEqualTo(predicted);
        assertThat(predicted).as("a loss is predicted").isPositive();
        // Against the measured loss's upper bound, not its estimate: a 2 s run can be that noisy (a local run
        // on 2026-12-04 measured 16.9%, interval -6.4% to 34.3%, and predicted 30.7%; the next two measured
        // 25.7% and 30.3% and predicted 17.6% and 27.0%).
        @SuppressWarnings("unchecked")
        double measuredHigh = ((Number) ((Map<String, Object>) gilCpu.get("loss")).get("high")).doubleValue();
        assertThat(predicted).as("not above the measured loss (%s)", gilCpu.get("loss")).isLessThan(measuredHigh + 0.10);

        CliRun io = CliRun.run(args(freePort(), "1 /io?ms=20\n", "--rate", "50").toArray(String[]::new));
        assertThat(io.code()).as(io.err()).isZero();
        System.out.println("[AbIT] /io open loop:\n" + io.out());
        assertThat(io.out()).contains("/io?ms=20").contains("loss").contains("bootstrap")
                .containsPattern("Predicted from the off runs alone \\(gil-analyzer predict --skip [0-9]+ms\\): loss");
        String gilLine = io.out().lines().filter(l -> l.strip().startsWith("gil ")).findFirst().orElseThrow();
        double loss = Double.parseDouble(gilLine.replaceAll(".* loss (-?[0-9.]+)%.*", "$1"));
        assertThat(Math.abs(loss)).as("open loop below capacity: the same throughput (%s)", gilLine).isLessThan(5);
        assertThat(Files.list(tmp.resolve("out")).filter(p -> p.toString().endsWith(".jfr")).count()).isEqualTo(4);
    }

    @Test
    void badInputGetsOneLineAndLeavesNoProcess() throws Exception {
        Path load = tmp.resolve("ok.txt");
        Files.writeString(load, "1 /health\n");
        String jar = AgentRun.agentJar().toString();
        CliRun exits = CliRun.run("ab", "--cmd", "false {agent}", "--agent-jar", jar, "--base", "http://127.0.0.1:1",
                "--load", load.toString(), "--out", tmp.resolve("o1").toString());
        assertThat(exits.code()).isEqualTo(1);
        assertThat(exits.errLines()).singleElement().asString().contains("exited with code 1 before it was ready");

        CliRun neverReady = CliRun.run("ab", "--cmd", "sleep 60 # {agent}", "--agent-jar", jar, "--base",
                "http://127.0.0.1:" + freePort(), "--ready-timeout", "2s", "--load", load.toString(), "--out",
                tmp.resolve("o2").toString());
        assertThat(neverReady.code()).isEqualTo(1);
        assertThat(neverReady.errLines()).singleElement().asString().contains("not ready after 2 s");
        Thread.sleep(500);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).as("children left").isEmpty();

        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "# a mix\n1 /ok\nthree /cpu\n");
        CliRun malformed = CliRun.run("ab", "--cmd", "true {agent}", "--agent-jar", jar, "--base", "http://127.0.0.1:1",
                "--load", bad.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.errLines()[0]).contains("bad.txt:3").contains("weight");
        CliRun noPlaceholder = CliRun.run("ab", "--cmd", "java -jar app.jar", "--base", "http://127.0.0.1:1", "--load", load.toString());
        assertThat(noPlaceholder.code()).isEqualTo(2);
        assertThat(noPlaceholder.err()).contains("{agent}");
    }
}
