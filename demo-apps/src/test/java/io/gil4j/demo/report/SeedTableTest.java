package io.gil4j.demo.report;

import io.gil4j.demo.json.Json;
import io.gil4j.demo.seed.SeedResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeedTableTest {
    private static SeedResult result(String label, double cpuThreads) {
        return new SeedResult(label, null, 900_000_000L, 10, 100, 1.0, cpuThreads, 0.5, 1.0, 0.5, Double.NaN, 0.3, 42, 7);
    }

    @Test
    void rendersOneColumnPairPerSettingAndTheRatios() {
        String table = SeedTable.render(List.of(result("no agent", 0.5), result("mode=gil", 1.1)));

        assertThat(table).contains("countdown 900,000,000").contains("10 requests at 100 ms");
        assertThat(table).contains("no agent").contains("mode=gil");
        List<String> lines = table.lines().toList();
        String single = lines.stream().filter(l -> l.startsWith("single thread")).findFirst().orElseThrow();
        assertThat(single.split("\\s{2,}")).containsExactly("single thread", "1.00", "1.00", "1.00", "1.00");
        String threads = lines.stream().filter(l -> l.startsWith("2 threads")).findFirst().orElseThrow();
        assertThat(threads.split("\\s{2,}")).containsExactly("2 threads", "0.50", "0.50", "1.10", "0.50");
        // unmeasured cells show as "-", in seconds and in ratios
        String processes = lines.stream().filter(l -> l.startsWith("2 processes")).findFirst().orElseThrow();
        assertThat(processes).endsWith("-");
        assertThat(lines.stream().filter(l -> l.startsWith("2 threads")).count()).isEqualTo(2);
    }

    @Test
    void columnsAreAligned() {
        String rendered = new TextTable().header("name", "value").row("a", "1.00").row("longer name", "12.50").render();
        List<String> lines = rendered.lines().toList();
        assertThat(lines.get(0)).isEqualTo("name         value");
        assertThat(lines.get(2)).isEqualTo("a             1.00");
        assertThat(lines.get(3)).isEqualTo("longer name  12.50");
        assertThat(TextTable.number(Double.NaN, 2)).isEqualTo("-");
    }

    @Test
    void seedResultsSurviveJson() {
        SeedResult r = result("mode=off", 0.55);
        assertThat(SeedResult.fromJson(Json.parse(Json.write(r.toJson()))))
                .usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(r);
    }
}
