package io.gil4j.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.analyzer.cli.CliRun;
import io.gil4j.analyzer.report.JsonTree;
import io.gil4j.analyzer.report.ReportSchema;
import io.gil4j.contract.EventContract;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recordings the real agent wrote on JDK 17, 21 and 25 (checked in; {@code scripts/reference-recordings.sh}
 * writes them): the analyzer's own decoder must read every event of each exactly as the JDK's parser
 * does, whichever JDK runs the build. The scenario recordings of the other decoder tests are written
 * by the JDK that runs the tests, so without these a JDK that writes strings, constants or chunks
 * differently would only be noticed by the users of that JDK.
 */
class ReferenceRecordingsTest {

    private static Path reference(String name) throws URISyntaxException {
        var url = ReferenceRecordingsTest.class.getResource("/io/gil4j/analyzer/reference/" + name);
        assertThat(url).as("reference recording %s on the test class path", name).isNotNull();
        return Path.of(url.toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"convoy-jdk17.jfr", "convoy-jdk21.jfr", "convoy-jdk25.jfr"})
    void ourDecoderReadsWhatTheJdkParserReads(String name) throws Exception {
        Path rec = reference(name);
        DecoderEquivalenceTest.Log own = new DecoderEquivalenceTest.Log();
        RecordingReader.read(rec, own);
        DecoderEquivalenceTest.Log jdk = new DecoderEquivalenceTest.Log();
        JdkRecordingReader.read(rec, jdk);
        assertThat(own.sorted()).as(name).isEqualTo(jdk.sorted());
        assertThat(own.declared).as(name).isEqualTo(jdk.declared);
        String writtenBy = name.substring(name.indexOf("-jdk") + 4, name.indexOf(".jfr"));
        assertThat(own.calls).as("%s was written by JDK %s (its config event's javaVersion)", name, writtenBy)
                .anySatisfy(c -> assertThat(c).startsWith("config ").contains("javaVersion=" + writtenBy + "."));

        assertThat(own.declared).as("every event of the contract is declared in %s", name)
                .containsAll(EventContract.EVENTS.stream().map(EventContract.Event::name).toList());
        Map<String, Long> kinds = own.calls.stream().map(c -> c.substring(0, c.indexOf(' ') < 0 ? c.length() : c.indexOf(' ')))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(kinds).as("what %s holds", name).containsKeys("wait", "hold", "release", "drop", "stats", "config",
                "operation");
        assertThat(kinds.get("wait")).as("waits in %s", name).isGreaterThan(100);
        for (String c : own.calls) {
            if (c.startsWith("wait ")) {
                assertThat(List.of(c.split(" "))).as(c).containsAnyElementsOf(EventContract.WAIT_REASONS);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"convoy-jdk17.jfr", "convoy-jdk21.jfr", "convoy-jdk25.jfr"})
    void reportsAsAConvoy(String name) throws Exception {
        CliRun r = CliRun.run("report", "--format", "json", reference(name).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReportSchema.validate(r.out())).as(name).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) ((Map<String, Object>) JsonTree.parse(r.out())).get("findings");
        assertThat(findings).as(name).anySatisfy(f -> {
            assertThat(f.get("id")).isEqualTo("convoy-effect");
            assertThat(f.get("severity")).isEqualTo("CRITICAL");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"convoy-jdk17.jfr", "convoy-jdk21.jfr", "convoy-jdk25.jfr"})
    void theJdkParserAsAFallbackGivesTheSameReport(String name) throws Exception {
        String file = reference(name).toString();
        CliRun own = CliRun.run("report", "--format", "json", file);
        CliRun jdk = CliRun.run("report", "--format", "json", "--reader", "jdk", file);
        assertThat(jdk.code()).as(jdk.err()).isZero();
        assertThat(jdk.out()).as("--reader jdk against the default").isEqualTo(own.out());
        CliRun predictJdk = CliRun.run("predict", "--reader=jdk", file);
        assertThat(predictJdk.out()).isEqualTo(CliRun.run("predict", file).out());
        CliRun bad = CliRun.run("report", "--reader", "fast", file);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--reader");
    }
}
