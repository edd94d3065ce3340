package io.gil4j.analyzer.it;

import io.gil4j.testkit.work.Countdown;
import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.html.HeadlessChromium;
import io.gil4j.analyzer.html.HtmlReport;
import io.gil4j.analyzer.model.ThreadClass;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.rules.RuleResult;
import io.gil4j.analyzer.rules.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer on recordings made by the real agent: CPU-bound pair, I/O-bound pair, convoy and the
 * CPU-bound pair in legacy mode. Each recording is made once (sequentially, so the CPU-bound children do
 * not disturb each other) and every test looks at all of them: a rule must fire where the workload has
 * the problem and stay quiet elsewhere.
 */
class RealRecordingsIT {
    /** ~0.5 s of LCG work per thread on this project's 2-core machine. */
    static final String COUNTDOWN_ITERATIONS = "400000000";

    @TempDir
    static Path tmp;

    private static final Map<String, AnalysisReport> reports = new LinkedHashMap<>();
    private static final Map<String, AgentRun.Result> runs = new LinkedHashMap<>();

    @BeforeAll
    static void record() throws Exception {
        make("cpu", "", Countdown.class.getName(), "2", COUNTDOWN_ITERATIONS);
        make("io", "", "io.gil4j.testkit.work.IoBound", "2", "5", "50");
        make("convoy", "interval=5ms", "Convoy", "1.5");
        make("legacy", "mode=legacy", Countdown.class.getName(), "2", COUNTDOWN_ITERATIONS);
    }

    private static void make(String name, String options, String main, String... args) throws Exception {
        AgentRun.Result r = AgentRun.run(tmp, name, options, main, args);
        runs.put(name, r);
        reports.put(name, Analyzer.report(List.of(r.recording())));
    }

    @Test
    void cpuBoundThreadsAreCpuBoundAndTheGilIsBusy() {
        AnalysisReport r = reports.get("cpu");
        assertThat(threads(r, "cpu-")).as(describe("cpu")).hasSize(2)
                .allSatisfy(t -> assertThat(t.classification().threadClass()).isEqualTo(ThreadClass.CPU_BOUND));
        assertThat(r.model().utilization()).as(describe("cpu")).isGreaterThan(0.90);
    }

    @Test
    void ioBoundThreadsAreIoBound() {
        AnalysisReport r = reports.get("io");
        assertThat(threads(r, "io-")).as(describe("io")).hasSize(2)
                .allSatisfy(t -> assertThat(t.classification().threadClass()).isEqualTo(ThreadClass.IO_BOUND));
    }

    @Test
    void convoyRuleFiresOnlyOnTheConvoy() {
        String rule = "convoy-effect";
        assertThat(fires(reports.get("convoy"), rule)).as(describe("convoy")).isTrue();
        for (String other : List.of("cpu", "io", "legacy")) {
            assertThat(fires(reports.get(other), rule)).as(describe(other)).isFalse();
        }
        // the mechanism, not just the verdict: returns from I/O wait about one 5 ms interval
        double p50 = reports.get("convoy").model().waitsByReason().get("io-return").p50();
        assertThat(p50).as(describe("convoy")).isBetween(2.5e6, 10e6);
    }

    @Test
    void legacyThrashingFiresOnlyInLegacyMode() {
        String rule = "legacy-thrashing";
        assertThat(fires(reports.get("legacy"), rule)).as(describe("legacy")).isTrue();
        for (String other : List.of("cpu", "io", "convoy")) {
            assertThat(reports.get(other).finding(rule).severity()).as(describe(other))
                    .isEqualTo(Severity.NOT_APPLICABLE);
        }
    }

    @Test
    void modesAreRecorded() {
        assertThat(reports.get("cpu").model().config().effectiveMode()).isEqualTo("gil");
        assertThat(reports.get("legacy").model().config().effectiveMode()).isEqualTo("legacy");
    }

    /** The HTML page of a real agent recording renders in headless Chromium (skipped when not installed). */
    @Test
    void convoyReportRendersInChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path page = tmp.resolve("convoy.html");
        java.nio.file.Files.writeString(page, HtmlReport.render(reports.get("convoy")));
        java.nio.file.Files.createDirectories(tmp.resolve("chromium"));
        assertThat(HeadlessChromium.nonWhiteShare(page, tmp.resolve("chromium"))).isGreaterThan(0.01);
    }

    private static boolean fires(AnalysisReport r, String rule) {
        return r.finding(rule).severity().compareTo(Severity.WARNING) >= 0;
    }

    private static List<ThreadModel> threads(AnalysisReport r, String prefix) {
        return r.model().threads().stream().filter(t -> t.name().startsWith(prefix)).toList();
    }

    /** Failure context: the child's output, the model's thread table and every finding. */
    private static String describe(String name) {
        AnalysisReport r = reports.get(name);
        StringBuilder sb = new StringBuilder(name).append(": child output: ").append(runs.get(name).output().trim())
                .append("\nutilization ").append(r.model().utilization()).append('\n');
        for (ThreadModel t : r.model().threads()) {
            sb.append("  ").append(t.name()).append(' ').append(t.classification()).append('\n');
        }
        for (RuleResult f : r.findings()) {
            sb.append("  ").append(f.severity()).append(' ').append(f.ruleId()).append(": ").append(f.message())
                    .append('\n');
        }
        return sb.toString();
    }
}
