package io.gil4j.demo.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed experiment's local "numbers" HTTP server, also the slow downstream of the demo service:
 * {@code GET /number?i=K} answers {@link #numberFor(long)} after a fixed latency.
 *
 * <p>It lives in {@code io.gil4j.demo.server}, outside every include pattern the scripts use, so its
 * threads never run instrumented code and never take the GIL, even when it runs inside the JVM under
 * test: it plays the remote server of the CPython experiment. Each request sleeps on its own thread
 * (a cached pool), so concurrent clients all see the configured latency, not a queue.
 */
public final class NumbersServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService pool;
    private final Duration latency;
    private final AtomicLong served = new AtomicLong();

    private NumbersServer(HttpServer http, ExecutorService pool, Duration latency) {
        this.http = http;
        this.pool = pool;
        this.latency = latency;
    }

    /** Starts on loopback; {@code port} 0 picks a free one (see {@link #port()}). */
    public static NumbersServer start(int port, Duration latency) throws IOException {
        HttpServer http = createLoopbackHttpServer(port, 128);
        ExecutorService pool = Executors.newCachedThreadPool(daemonThreads("numbers-server"));
        NumbersServer server = new NumbersServer(http, pool, latency);
        http.createContext("/number", server::handleNumber);
        http.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        http.setExecutor(pool);
        http.start();
        return server;
    }

    /**
     * A JDK HttpServer on loopback with TCP_NODELAY. Without it, a response written in two segments
     * (headers, body) on a kept-alive connection meets the client's delayed ACK: +40 ms per request,
     * which would swamp a 20-100 ms latency. The JDK reads the property once, at first use.
     */
    public static HttpServer createLoopbackHttpServer(int port, int backlog) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }

    /** The deterministic answer for {@code i}: cheap, and different for every i so clients can check it. */
    public static long numberFor(long i) {
        return i * 7919L + 17L;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Duration latency() {
        return latency;
    }

    public long served() {
        return served.get();
    }

    private void handleNumber(HttpExchange exchange) throws IOException {
        try {
            long i = parseIndex(exchange.getRequestURI().getRawQuery());
            sleep(latency);
            served.incrementAndGet();
            respond(exchange, 200, numberFor(i) + "\n");
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, e.getMessage() + "\n");
        }
    }

    static long parseIndex(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("i=")) {
                    try {
                        return Long.parseLong(part.substring(2));
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        throw new IllegalArgumentException("expected ?i=<integer>");
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicLong counter = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
