package io.gil4j.demo.load;

import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadStatsTest {
    @Test
    void countsOnlyTheMeasuredWindowAndSeparatesFailures() {
        EndpointStats stats = new EndpointStats("cpu", 4);
        for (int ms = 1; ms <= 100; ms++) {
            stats.record(ms * 1_000_000L, true, true);
        }
        stats.record(5_000_000_000L, true, false);   // warm-up: progress only
        stats.record(2_000_000L, false, true);       // failed: counted apart, no latency
        stats.record(2_000_000L, false, false);

        EndpointResult r = stats.result(10.0);
        assertThat(r.requests()).isEqualTo(100);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.throughput()).isEqualTo(10.0);
        assertThat(stats.completedSoFar()).isEqualTo(103);
        // HdrHistogram keeps 3 significant digits
        assertThat(r.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(r.p90Ms()).isCloseTo(90, within(0.1));
        assertThat(r.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(r.maxMs()).isCloseTo(100, within(0.1));
        assertThat(r.meanMs()).isCloseTo(50.5, within(0.1));
    }

    @Test
    void anEndpointWithNoSuccessHasNoLatencies() {
        EndpointStats stats = new EndpointStats("io", 1);
        stats.record(1_000_000L, false, true);
        EndpointResult r = stats.result(1.0);
        assertThat(r.requests()).isZero();
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.p50Ms()).isNaN();
    }

    @Test
    void parsesTheMix() {
        assertThat(LoadPlan.parse("cpu=4, /io=2,mixed=1").concurrency()).containsExactly(
                java.util.Map.entry("cpu", 4), java.util.Map.entry("io", 2), java.util.Map.entry("mixed", 1));
        assertThat(LoadPlan.parse("cpu=4,io=2").totalClients()).isEqualTo(6);
        assertThatThrownBy(() -> LoadPlan.parse("cpu")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> LoadPlan.parse("cpu=0")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> LoadPlan.parse("cpu=1,cpu=2")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> LoadPlan.parse(" , ")).isInstanceOf(UsageException.class);
    }

    @Test
    void comparesThroughputAsLossPerEndpointAndOverall() {
        LoadReport a = report("mode=off", 200, 100, 0);
        LoadReport b = report("mode=gil", 100, 90, 0);
        LoadComparison c = new LoadComparison(a, b);

        assertThat(LoadComparison.loss(200, 100)).isEqualTo(0.5);
        assertThat(LoadComparison.loss(0, 100)).isNaN();
        assertThat(c.totalLoss()).isCloseTo(1 - 190.0 / 300.0, within(1e-9));
        assertThat(c.failed()).isZero();
        String text = c.renderText();
        assertThat(text).contains("/cpu").contains("50.0%").contains("10.0%").contains("failed requests: none");
        assertThat(new LoadComparison(a, report("mode=gil", 100, 90, 3)).renderText()).contains("FAILED REQUESTS: 3");
    }

    @Test
    void loadReportsSurviveJson() {
        LoadReport r = report("mode=gil", 120.5, 30.25, 2);
        LoadReport back = LoadReport.fromJson(Json.parse(Json.write(r.toJson())));
        assertThat(back.label()).isEqualTo("mode=gil");
        assertThat(back.endpoints()).hasSize(2);
        assertThat(back.endpoint("io").throughput()).isEqualTo(30.25);
        assertThat(back.totalFailed()).isEqualTo(2);
        assertThat(back.totalThroughput()).isEqualTo(150.75);
        assertThatThrownBy(() -> LoadReport.fromJson(Json.parse("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static LoadReport report(String label, double cpu, double io, long ioFailed) {
        return new LoadReport("http://x", label, 10, 1, List.of(
                new EndpointResult("cpu", 4, (long) (cpu * 10), 0, cpu, 5, 4, 8, 12, 15, 20),
                new EndpointResult("io", 4, (long) (io * 10), ioFailed, io, 25, 21, 30, 40, 45, 50)));
    }
}
