package io.gil4j.demo.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Routes {@code /cpu}, {@code /io}, {@code /mixed}, {@code /health} to {@link Endpoints}; failures answer 500. */
final class EndpointHandler implements HttpHandler {
    private final Endpoints endpoints;
    private final AtomicLong requestIds = new AtomicLong();

    EndpointHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            long id = requestIds.incrementAndGet();
            String body;
            int status = 200;
            try {
                body = switch (exchange.getRequestURI().getPath()) {
                    case "/cpu" -> endpoints.cpu(id);
                    case "/io" -> endpoints.io(id);
                    case "/mixed" -> endpoints.mixed(id);
                    case "/health" -> "ok\n";
                    default -> {
                        status = 404;
                        yield "unknown path; try /cpu /io /mixed /health\n";
                    }
                };
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                status = 500;
                body = e.toString() + "\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
