package io.gil4j.analyzer.html;

import com.example.workload.Scenarios;
import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.RecordedScenarios;
import io.gil4j.analyzer.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void escapeFunction() {
        assertThat(Html.escape(Scenarios.HOSTILE))
                .isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("a\u0000b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void everyRecordingStringIsEscaped() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.hostile()));
        String html = HtmlReport.render(r);
        assertThat(html).doesNotContain("<script").doesNotContain("alert(\"x\")").doesNotContain("</script>&'");
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
        assertThat(html).doesNotContain("https://").doesNotContain("src=").doesNotContain("<link");
        // the only namespace URL allowed is SVG's, which browsers do not fetch
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
    }

    @Test
    void pageHasTimelineHistogramsAndFindings() throws Exception {
        String html = HtmlReport.render(Analyzer.report(List.of(RecordedScenarios.convoy())));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("class=\"timeline\"").contains("GIL wait time")
                .contains("GIL hold time").contains("Convoy effect").contains("CRITICAL").endsWith("</html>\n");
        assertThat(html).contains(">io<").contains(">cpu<");
    }

    @Test
    void comparePage() throws Exception {
        CliRun r = CliRun.run("compare", "--format", "html", RecordedScenarios.offWithOps().toString(),
                RecordedScenarios.gilWithOps().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Throughput loss").contains("B: Timeline").contains("A: Timeline");
    }

    /** Renders the page in headless Chromium when it is installed (CI installs it) and checks it is not blank. */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path page = tmp.resolve("report.html");
        Files.writeString(page, HtmlReport.render(Analyzer.report(List.of(RecordedScenarios.hostile(),
                RecordedScenarios.convoy()))));
        assertThat(HeadlessChromium.nonWhiteShare(page, tmp)).as("non-white share of the screenshot")
                .isGreaterThan(0.01);
    }
}
