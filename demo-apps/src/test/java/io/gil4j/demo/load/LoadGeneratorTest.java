package io.gil4j.demo.load;

import io.gil4j.demo.server.NumbersServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTest {
    @Test
    void drivesEachEndpointAndCountsFailures() throws Exception {
        // NumbersServer answers /health with 200 and unknown paths with 404: one good, one failing endpoint
        try (NumbersServer server = NumbersServer.start(0, Duration.ZERO)) {
            LoadGenerator generator = new LoadGenerator(server.baseUrl(), LoadPlan.parse("health=2,missing=1"),
                    Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5));
            LoadReport report = generator.run("test", null);

            EndpointResult health = report.endpoint("health");
            assertThat(health.requests()).isPositive();
            assertThat(health.failed()).isZero();
            assertThat(health.throughput()).isEqualTo(health.requests() / 0.4);
            assertThat(health.p50Ms()).isLessThanOrEqualTo(health.maxMs());
            EndpointResult missing = report.endpoint("missing");
            assertThat(missing.requests()).isZero();
            assertThat(missing.failed()).isPositive();
            assertThat(report.renderText()).contains("/health").contains("/missing").contains("total");
        }
    }
}
