package io.gil4j.demo.service;

import com.sun.net.httpserver.HttpServer;
import io.gil4j.demo.server.NumbersServer;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {
    @Test
    void endpointsAnswerAndIoCallsTheDownstream() throws Exception {
        try (NumbersServer downstream = NumbersServer.start(0, Duration.ZERO)) {
            Endpoints endpoints = new Endpoints(1000, downstream.baseUrl());
            assertThat(endpoints.cpu(3)).isEqualTo("cpu " + Endpoints.spin(1000, 3) + "\n");
            assertThat(endpoints.io(5)).isEqualTo("io " + NumbersServer.numberFor(5) + "\n");
            assertThat(endpoints.mixed(6)).isEqualTo("mixed " + Endpoints.spin(1000, 6) + " " + NumbersServer.numberFor(6) + "\n");
            assertThat(downstream.served()).isEqualTo(2);
        }
    }

    @Test
    void handlerRoutesPathsAndReportsErrors() throws Exception {
        try (NumbersServer downstream = NumbersServer.start(0, Duration.ZERO)) {
            HttpServer http = NumbersServer.createLoopbackHttpServer(0, 16);
            http.createContext("/", new EndpointHandler(new Endpoints(10, downstream.baseUrl())));
            http.start();
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            try {
                assertThat(status(base + "/cpu")).isEqualTo(200);
                assertThat(status(base + "/io")).isEqualTo(200);
                assertThat(status(base + "/mixed")).isEqualTo(200);
                assertThat(status(base + "/health")).isEqualTo(200);
                assertThat(status(base + "/nope")).isEqualTo(404);
            } finally {
                http.stop(0);
            }
            downstream.close();
            // downstream gone: /io fails as a 500, the service itself stays up
            HttpServer again = NumbersServer.createLoopbackHttpServer(0, 16);
            again.createContext("/", new EndpointHandler(new Endpoints(10, downstream.baseUrl())));
            again.start();
            try {
                assertThat(status("http://127.0.0.1:" + again.getAddress().getPort() + "/io")).isEqualTo(500);
            } finally {
                again.stop(0);
            }
        }
    }

    private static int status(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setReadTimeout(10_000);
        int code = c.getResponseCode();
        c.disconnect();
        return code;
    }
}
