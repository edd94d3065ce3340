package io.gil4j.demo.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Closed-loop load: each client thread sends a request, waits for the answer, sends the next, for
 * warm-up + duration. Fixed concurrency per endpoint, so a slower server shows as lower throughput
 * and higher latency, the two numbers an A/B run compares. (Closed loop under-reports queueing
 * delay, i.e. coordinated omission; fine for comparing two runs of the same loop.)
 */
public final class LoadGenerator {
    private final String baseUrl;
    private final LoadPlan plan;
    private final Duration warmup;
    private final Duration duration;
    private final Duration timeout;
    private final List<EndpointStats> stats = new ArrayList<>();

    public LoadGenerator(String baseUrl, LoadPlan plan, Duration warmup, Duration duration, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.plan = plan;
        this.warmup = warmup;
        this.duration = duration;
        this.timeout = timeout;
        plan.concurrency().forEach((endpoint, clients) -> stats.add(new EndpointStats(endpoint, clients)));
    }

    /** Runs the load; prints a progress line to {@code progress} once a second (null: none). */
    public LoadReport run(String label, PrintStream progress) throws InterruptedException {
        // HttpURLConnection keeps only 5 idle connections per host by default: every client beyond
        // the 5th would reconnect per request and measure TCP setup. Must be set before first use.
        System.setProperty("http.maxConnections", String.valueOf(Math.max(5, plan.totalClients())));
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long end = windowStart + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (EndpointStats s : stats) {
            for (int c = 0; c < s.clients(); c++) {
                Thread t = new Thread(() -> clientLoop(s, windowStart, end), "load-" + s.endpoint() + "-" + (c + 1));
                t.setDaemon(true);
                clients.add(t);
                t.start();
            }
        }
        long[] last = new long[stats.size()];
        long nextTick = start + 1_000_000_000L;
        while (System.nanoTime() < end) {
            long sleepNanos = Math.min(nextTick, end) - System.nanoTime();
            if (sleepNanos > 0) {
                Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
            }
            if (progress != null && System.nanoTime() >= nextTick) {
                progress.println(progressLine(start, windowStart, end, last));
            }
            nextTick += 1_000_000_000L;
        }
        for (Thread t : clients) {
            t.join(timeout.toMillis() + 1_000);
        }
        List<EndpointResult> results = new ArrayList<>();
        for (EndpointStats s : stats) {
            results.add(s.result(duration.toNanos() / 1e9));
        }
        return new LoadReport(baseUrl, label, duration.toNanos() / 1e9, warmup.toNanos() / 1e9, results);
    }

    private String progressLine(long start, long windowStart, long end, long[] last) {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "load %3.0fs/%.0fs%s",
                (now - start) / 1e9, (end - start) / 1e9, now < windowStart ? " (warm-up)" : ""));
        for (int i = 0; i < stats.size(); i++) {
            long done = stats.get(i).completedSoFar();
            line.append(String.format(Locale.ROOT, "  /%s %,d req/s", stats.get(i).endpoint(), done - last[i]));
            last[i] = done;
        }
        return line.toString();
    }

    private void clientLoop(EndpointStats s, long windowStart, long end) {
        String url = baseUrl + "/" + s.endpoint();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            boolean ok = request(url);
            long t1 = System.nanoTime();
            s.record(t1 - t0, ok, t1 >= windowStart && t1 <= end);
        }
    }

    /** One GET; true on HTTP 200. The body is read to the end so the connection is reused. */
    private boolean request(String url) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body != null) {
                try (body) {
                    body.readAllBytes();
                }
            }
            return status == 200;
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            return false;
        }
    }
}
