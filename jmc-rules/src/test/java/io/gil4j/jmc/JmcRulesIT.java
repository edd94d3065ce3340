package io.gil4j.jmc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.rules.RuleResult;
import io.gil4j.analyzer.rules.Rules;
import io.gil4j.testkit.work.LiveCpu;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.report.html.JfrHtmlRulesReport;

/**
 * gil4j's rules inside JDK Mission Control, on a real recording (a child JVM under the agent, two threads
 * sharing the GIL): JMC finds them through its ServiceLoader, they say what {@code gil-analyzer report}
 * says about the same file, JMC's headless HTML rules report shows them, and gil4j's event types carry
 * the labels, descriptions and category that JMC and {@code jfr print --categories} show.
 */
class JmcRulesIT {
    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("two-threads.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path agent = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar")).toAbsolutePath();
        Process p = ChildJvm.java(java).agent(agent, "include=" + LiveCpu.class.getPackageName() + ".**,jfr=" + recording)
                .classpath(ChildJvm.classpathOf(LiveCpu.class)).main(LiveCpu.class.getName(), "2")
                .start(ProcessBuilder.Redirect.DISCARD, ProcessBuilder.Redirect.DISCARD);
        Thread.sleep(3000);
        try (OutputStream in = p.getOutputStream()) {
            in.write("exit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.size(recording)).isPositive();
    }

    static List<GilJmcRule> ours() {
        List<GilJmcRule> out = new ArrayList<>();
        for (IRule r : ServiceLoader.load(IRule.class)) {
            if (r instanceof GilJmcRule g) out.add(g);
        }
        return out;
    }

    @Test
    void jmcFindsOneRulePerAnalyzerRuleAndTheyAgreeWithTheAnalyzer() throws Exception {
        List<GilJmcRule> rules = ours();
        assertThat(rules).extracting(IRule::getId).containsExactlyInAnyOrderElementsOf(
                Rules.all().stream().map(r -> "gil4j." + r.id()).toList());

        Map<String, RuleResult> analyzer = new HashMap<>();
        for (RuleResult r : Analyzer.report(List.of(recording)).findings()) analyzer.put("gil4j." + r.ruleId(), r);
        IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
        Map<String, IResult> jmc = new HashMap<>();
        for (GilJmcRule rule : rules) {
            RunnableFuture<IResult> f = rule.createEvaluation(items, IPreferenceValueProvider.DEFAULT_VALUES, null);
            f.run();
            jmc.put(rule.getId(), f.get());
        }
        for (Map.Entry<String, IResult> e : jmc.entrySet()) {
            RuleResult a = analyzer.get(e.getKey());
            Severity expected = switch (a.severity()) {
                case NOT_APPLICABLE -> Severity.NA;
                case OK -> Severity.OK;
                case INFO -> Severity.INFO;
                case WARNING, CRITICAL -> Severity.WARNING;
            };
            assertThat(e.getValue().getSeverity()).as("%s: analyzer said %s", e.getKey(), a).isEqualTo(expected);
            assertThat(e.getValue().getSummary()).as(e.getKey()).endsWith(a.message());
        }
        assertThat(jmc.get("gil4j.gil-saturation").getSeverity()).as("two CPU-bound threads keep the GIL busy")
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void jmcsHeadlessHtmlReportShowsTheFindings() throws Exception {
        String html = JfrHtmlRulesReport.createReport(recording.toFile());
        assertThat(html).contains("GIL: ").contains(GilJmcRule.TOPIC);
        for (GilJmcRule rule : ours()) assertThat(html).as("the report names %s", rule.getName()).contains(rule.getName());
    }

    @Test
    void theEventTypesCarryLabelsDescriptionsAndTheCategory() throws Exception {
        try (RecordingFile f = new RecordingFile(recording)) {
            List<EventType> gil = f.readEventTypes().stream().filter(t -> t.getName().startsWith("gil.")).toList();
            assertThat(gil).extracting(EventType::getName).contains("gil.Wait", "gil.Hold", "gil.Stats", "gil.Config");
            for (EventType t : gil) {
                assertThat(t.getLabel()).as(t.getName()).isNotBlank();
                assertThat(t.getDescription()).as(t.getName()).isNotBlank();
                assertThat(t.getCategoryNames()).as(t.getName()).containsExactly("gil4j");
            }
        }
        IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
        List<String> labels = new ArrayList<>();
        for (IItemIterable it : items) {
            if (it.getType().getIdentifier().startsWith("gil.")) labels.add(it.getType().getName());
        }
        assertThat(labels).as("JMC shows the labels").contains("GIL Wait");

        String jfr = Path.of(System.getProperty("java.home"), "bin", "jfr").toString();
        Process p = new ProcessBuilder(jfr, "print", "--categories", "gil4j", recording.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("gil.Stats").contains("gil.Config").doesNotContain("jdk.");
    }
}
