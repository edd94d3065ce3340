package io.gil4j.analyzer.it.work;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP service on the JDK's own server ({@code com.sun.net.httpserver}, not instrumented; the
 * handlers here are): {@code /cpu?n=N} runs N steps of an LCG, {@code /io?ms=M} sleeps M ms,
 * {@code /health} answers at once. {@code HttpService PORT WORKERS}; stops on SIGTERM.
 */
public final class HttpService {
    private HttpService() { }

    static long cpu(long n) {
        long x = n;
        for (long i = 0; i < n; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    static String io(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "ok";
    }

    static void answer(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static long param(HttpExchange ex, String name, long otherwise) {
        String q = ex.getRequestURI().getQuery();
        if (q == null) return otherwise;
        for (String kv : q.split("&")) {
            if (kv.startsWith(name + "=")) return Long.parseLong(kv.substring(name.length() + 1));
        }
        return otherwise;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        server.setExecutor(pool);
        server.createContext("/cpu", ex -> answer(ex, Long.toString(cpu(param(ex, "n", 100_000)))));
        server.createContext("/io", ex -> answer(ex, io(param(ex, "ms", 10))));
        server.createContext("/health", ex -> answer(ex, "ok"));
        server.start();
        System.out.println("listening on " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            pool.shutdownNow();
        }));
    }
}
