package io.gil4j.demo.server;

import io.gil4j.demo.seed.NumberFetcher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersServerTest {
    @Test
    void answersEachIndexWithItsNumberAfterTheConfiguredLatency() throws Exception {
        try (NumbersServer server = NumbersServer.start(0, Duration.ofMillis(150))) {
            long t0 = System.nanoTime();
            long value = NumberFetcher.fetch(server.baseUrl(), 42);
            long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(value).isEqualTo(NumbersServer.numberFor(42));
            // only a lower bound: a loaded machine may be slower, never faster than the sleep
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(150);
            assertThat(server.served()).isEqualTo(1);
            assertThat(server.latency()).isEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void fetchRangeSumsTheAnswers() throws Exception {
        try (NumbersServer server = NumbersServer.start(0, Duration.ZERO)) {
            long expected = 0;
            for (int i = 3; i < 8; i++) {
                expected += NumbersServer.numberFor(i);
            }
            assertThat(NumberFetcher.fetchRange(server.baseUrl(), 3, 5)).isEqualTo(expected);
            assertThat(server.served()).isEqualTo(5);
        }
    }

    @Test
    void rejectsRequestsWithoutAnIndex() throws Exception {
        try (NumbersServer server = NumbersServer.start(0, Duration.ZERO)) {
            HttpURLConnection c = (HttpURLConnection) new URL(server.baseUrl() + "/number?i=x").openConnection();
            assertThat(c.getResponseCode()).isEqualTo(400);
            assertThatThrownBy(() -> NumbersServer.parseIndex(null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(NumbersServer.parseIndex("a=1&i=7")).isEqualTo(7);
        }
    }

    @Test
    void fetcherFailsLoudlyOnAWrongServer() throws Exception {
        try (NumbersServer server = NumbersServer.start(0, Duration.ZERO)) {
            assertThatThrownBy(() -> NumberFetcher.fetch(server.baseUrl() + "/nothing-here", 1))
                    .isInstanceOf(IOException.class);
        }
    }
}
