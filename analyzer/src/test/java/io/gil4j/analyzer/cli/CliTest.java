package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.RecordedScenarios;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"report", "compare", "predict", "ab", "top"})
    void helpOnEveryCommand(String command) {
        CliRun r = CliRun.run(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: gil-analyzer " + command);
        if (!command.equals("top")) assertThat(r.out()).contains("--format").contains("--output"); // top is a live view
    }

    @Test
    void topLevelHelpAndVersion() {
        assertThat(CliRun.run("--help").out()).contains("report").contains("compare");
        assertThat(CliRun.run("--version").out()).startsWith("gil-analyzer ");
    }

    @Test
    void missingFile() {
        Path missing = tmp.resolve("nope.jfr");
        CliRun r = CliRun.run("report", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("gil-analyzer: " + missing + ": no such file");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void notAJfrFile() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.jfr"), "hello, I am not a recording\n");
        CliRun r = CliRun.run("report", text.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("gil-analyzer: " + text + ": not a JFR recording");
    }

    @Test
    void emptyFileAndDirectory() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jfr"));
        assertThat(CliRun.run("report", empty.toString()).errLines()).singleElement().asString().contains("empty file");
        CliRun dir = CliRun.run("report", tmp.toString());
        assertThat(dir.code()).isEqualTo(1);
        assertThat(dir.errLines()).singleElement().asString().contains("is a directory");
    }

    @Test
    void recordingWithoutGilEvents() throws Exception {
        Path file = tmp.resolve("plain.jfr");
        try (Recording rec = new Recording()) {
            rec.enable("jdk.ThreadSleep").withThreshold(java.time.Duration.ZERO);
            rec.start();
            Thread.sleep(5);
            rec.stop();
            rec.dump(file);
        }
        CliRun r = CliRun.run("report", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("gil-analyzer: " + file + ": no gil4j events");
    }

    @Test
    void truncatedRecording() throws Exception {
        byte[] bytes = Files.readAllBytes(RecordedScenarios.cpuBound());
        Path cut = Files.write(tmp.resolve("cut.jfr"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CliRun r = CliRun.run("report", cut.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("truncated recording");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsExitWith2AndOneLine() {
        for (String[] args : new String[][] {{"report"}, {"report", "--bogus", "x.jfr"}, {"compare", "a.jfr"},
                {"report", "--format", "pdf", "x.jfr"}, {}, {"frobnicate"}, {"compare", "a.jfr", "b.jfr", "--a", "c.jfr"},
                {"predict"}, {"predict", "--interval", "5", "x.jfr"}, {"predict", "--interval", "0ms", "x.jfr"},
                {"predict", "--cores", "-1", "x.jfr"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).startsWith("gil-analyzer: ");
        }
    }

    @Test
    void reportInEveryFormatToAFile() throws Exception {
        for (String format : new String[] {"text", "json", "html"}) {
            Path out = tmp.resolve("report." + format);
            CliRun r = CliRun.run("report", "--format", format, "-o", out.toString(),
                    RecordedScenarios.convoy().toString());
            assertThat(r.code()).as(format).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(Files.readString(out)).as(format).contains("convoy");
        }
        CliRun text = CliRun.run("report", RecordedScenarios.convoy().toString());
        assertThat(text.out()).contains("CPU-bound").contains("I/O-bound").contains("[CRITICAL]").contains("p99.9");
    }

    @Test
    void failOnSeverity() throws Exception {
        String convoy = RecordedScenarios.convoy().toString();
        assertThat(CliRun.run("report", "--fail-on", "WARNING", convoy).code()).isEqualTo(3);
        assertThat(CliRun.run("report", "--fail-on", "CRITICAL", RecordedScenarios.ioBound().toString()).code()).isZero();
    }

    @Test
    void compareWithPositionalAndRepeatedOptions() throws Exception {
        String a = RecordedScenarios.offPlain().toString();
        String b = RecordedScenarios.gilPlain().toString();
        CliRun pos = CliRun.run("compare", a, b);
        assertThat(pos.code()).as(pos.err()).isZero();
        assertThat(pos.out()).contains("loss").contains("Measured - estimated");
        CliRun rep = CliRun.run("compare", "--a", a, "--a", a, "--b", b, "--format", "json");
        assertThat(rep.code()).as(rep.err()).isZero();
        assertThat(rep.out()).contains("\"kind\": \"compare\"");
    }

    @Test
    void predictFromAnOffRecording() throws Exception {
        String off = RecordedScenarios.offPlain().toString();
        CliRun r = CliRun.run("predict", off, "--interval", "1ms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Predicted throughput loss").contains("interval 1.00 ms").contains("CPU-bound");
        CliRun html = CliRun.run("predict", "--format", "html", off);
        assertThat(html.code()).isEqualTo(2);
        assertThat(html.errLines()).singleElement().asString().contains("text or json");
        CliRun missing = CliRun.run("predict", tmp.resolve("nope.jfr").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.errLines()).hasSize(1);
    }

    @Test
    void predictFromAPlainRecordingNeedsPatternsThatMatchSomething() throws Exception {
        String off = RecordedScenarios.offPlain().toString();
        CliRun none = CliRun.run("predict", "--include", "com.nowhere.**", off);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.errLines()).singleElement().asString().contains("no execution samples");
        CliRun empty = CliRun.run("predict", "--include", ";", off);
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.errLines()).singleElement().asString().contains("--include: no class pattern");
        CliRun closed = CliRun.run("predict", "--include", "a.**", "--closed-loop", off);
        assertThat(closed.code()).isEqualTo(2);
        assertThat(closed.errLines()).singleElement().asString().contains("--closed-loop needs gil.Operation");
    }

    @Test
    void predictConnectionsDescribeAClosedLoop() throws Exception {
        String off = RecordedScenarios.offPlain().toString();
        CliRun open = CliRun.run("predict", "--connections", "4", off);
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.errLines()).singleElement().asString().contains("--connections describes a closed loop");
        CliRun negative = CliRun.run("predict", "--closed-loop", "--connections", "-1", off);
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.errLines()).singleElement().asString().contains("--connections must be at least 1");
    }

    @Test
    void predictSkipsAWarmUpOrSaysWhyNot() throws Exception {
        String off = RecordedScenarios.offPlain().toString();
        CliRun bad = CliRun.run("predict", "--skip", "soon", off);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().contains("--skip: expected a duration");
        CliRun all = CliRun.run("predict", "--skip", "60m", off);
        assertThat(all.code()).isEqualTo(1);
        assertThat(all.errLines()).singleElement().asString().contains("no gil.Stats period after the skipped");
        CliRun plain = CliRun.run("predict", "--skip", "1s", "--include", "a.**", off);
        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.errLines()).singleElement().asString().contains("--skip needs gil.Stats periods");
        CliRun none = CliRun.run("predict", "--skip", "0ms", off);
        assertThat(none.code()).as(none.err()).isZero();
    }
}
