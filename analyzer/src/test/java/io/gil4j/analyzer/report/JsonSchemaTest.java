package io.gil4j.analyzer.report;

import io.gil4j.analyzer.RecordedScenarios;
import io.gil4j.analyzer.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real reports validate against the shipped JSON Schema; the writer's escaping round-trips. */
public class JsonSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "io", "convoy", "legacy", "extension", "hostile"})
    void reportsValidate(String scenario) throws Exception {
        Path file = switch (scenario) {
            case "cpu" -> RecordedScenarios.cpuBound();
            case "io" -> RecordedScenarios.ioBound();
            case "convoy" -> RecordedScenarios.convoy();
            case "legacy" -> RecordedScenarios.legacy();
            case "extension" -> RecordedScenarios.extension();
            default -> RecordedScenarios.hostile();
        };
        CliRun r = CliRun.run("report", "--format", "json", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReportSchema.validate(r.out())).isEmpty();
    }

    @Test
    void predictValidates() throws Exception {
        CliRun r = CliRun.run("predict", "--format", "json", RecordedScenarios.offWithOps().toString());
        assertThat(r.code()).as(r.err()).isZero();
        Object doc = JsonTree.parse(r.out());
        assertThat(doc).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("kind", "predict");
        assertThat(ReportSchema.validate(r.out())).isEmpty();
    }

    @Test
    void compareValidates() throws Exception {
        CliRun r = CliRun.run("compare", "--format", "json", RecordedScenarios.offWithOps().toString(),
                RecordedScenarios.gilWithOps().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReportSchema.validate(r.out())).isEmpty();
    }

    @Test
    void validatorRejectsBrokenDocuments() throws Exception {
        assertThat(ReportSchema.validate("{\"schema\": \"gil4j-analyzer/1\", \"kind\": \"report\"}")).isNotEmpty();
        CliRun r = CliRun.run("report", "--format", "json", RecordedScenarios.cpuBound().toString());
        assertThat(ReportSchema.validate(r.out().replaceFirst("\"kind\":\\s*\"report\"", "\"kind\": \"repor\""))).as("a kind no document has")
                .isNotEmpty();
    }

    @Test
    void hostileStringsRoundTrip() {
        String nasty = "<script>alert(\"x\")</script>&'\\\n\t\u0001\u2028\ud800";
        Object back = JsonTree.parse(Json.write(Map.of("k", nasty, "l", List.of(1, 2.5, Double.NaN))));
        assertThat(((Map<?, ?>) back).get("k")).as("a lone surrogate becomes U+FFFD (I-JSON), the rest is kept")
                .isEqualTo(nasty.replace('\ud800', '\ufffd'));
        assertThat(JsonTree.parse(Json.write(Map.of(nasty, 1)))).as("a strict parser reads it as a key too")
                .isEqualTo(Map.of(nasty.replace('\ud800', '\ufffd'), 1L));
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) ((Map<?, ?>) back).get("l");
        assertThat(l).containsExactly(1L, 2.5, null);
    }
}
