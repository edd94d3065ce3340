package io.gil4j.analyzer.ab;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends the mix's requests to a running service for warm-up + duration and measures what came back
 * after the warm-up.
 *
 * <p>Open loop ({@code rate > 0}): request i is due at start + i / rate whatever happened before, and
 * its latency is measured from when it was due, not from when it could be sent: a server that stalls
 * is charged for every request it kept waiting (the coordinated-omission correction of wrk2 and k6's
 * constant-arrival-rate). Closed loop ({@code connections > 0}): each connection sends its next request
 * when the previous one answered; a slower server shows as fewer requests.
 *
 * <p>Assumptions and guarantees: one driver per run; a request that fails, times out or answers with
 * a status of 400 or more counts as failed, never in the latencies; latencies are nanoseconds in
 * HdrHistogram, 3 significant digits.
 */
final class LoadDriver {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Open loop: requests in flight beyond this are counted as failed instead of piling up. */
    private static final int MAX_IN_FLIGHT = 10_000;

    /** What one endpoint did in the measured part of a run. */
    record EndpointRun(String path, long completed, long failed, double seconds, Histogram latency) {
        double throughput() {
            return seconds <= 0 ? 0 : completed / seconds;
        }
    }

    private final String base;
    private final LoadMix mix;
    private final double rate;
    private final int connections;

    LoadDriver(String base, LoadMix mix, double rate, int connections) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.mix = mix;
        this.rate = rate;
        this.connections = connections;
    }

    List<EndpointRun> run(Duration warmup, Duration duration, String label, PrintWriter progress) throws InterruptedException {
        int n = mix.endpoints().size();
        Histogram[] latency = new Histogram[n];
        AtomicLong[] ok = new AtomicLong[n];
        AtomicLong[] failed = new AtomicLong[n];
        for (int i = 0; i < n; i++) {
            latency[i] = new ConcurrentHistogram(3);
            latency[i].setAutoResize(true);
            ok[i] = new AtomicLong();
            failed[i] = new AtomicLong();
        }
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        Recorder recorder = (endpoint, due, success) -> {
            long now = System.nanoTime();
            if (due < measureFrom || now > end + REQUEST_TIMEOUT.toNanos()) return;
            if (success) {
                ok[endpoint].incrementAndGet();
                latency[endpoint].recordValue(Math.max(1, now - due));
            } else {
                failed[endpoint].incrementAndGet();
            }
        };
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gil-ab-load");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        // The refreshing line only on a terminal: in a log it would be a wall of carriage returns.
        Thread ticker = System.console() != null ? progressTicker(label, start, measureFrom, end, ok, failed, progress) : null;
        try {
            if (rate > 0) openLoop(client, start, end, recorder);
            else closedLoop(client, end, recorder);
        } finally {
            if (ticker != null) ticker.interrupt();
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        double seconds = duration.toNanos() / 1e9;
        List<EndpointRun> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new EndpointRun(mix.endpoints().get(i).path(), ok[i].get(), failed[i].get(), seconds, latency[i]));
        }
        return out;
    }

    private interface Recorder {
        void record(int endpoint, long due, boolean success);
    }

    private HttpRequest request(int endpoint) {
        return HttpRequest.newBuilder(URI.create(base + mix.endpoints().get(endpoint).path()))
                .timeout(REQUEST_TIMEOUT).GET().build();
    }

    private void openLoop(HttpClient client, long start, long end, Recorder recorder) throws InterruptedException {
        double period = 1e9 / rate;
        AtomicLong inFlight = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (long i = 0; ; i++) {
            long due = start + (long) (i * period);
            if (due >= end) break;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (Thread.interrupted()) throw new InterruptedException();
            int endpoint = mix.next();
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                recorder.record(endpoint, due, false);
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<?> f = client.sendAsync(request(endpoint), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        inFlight.decrementAndGet();
                        recorder.record(endpoint, due, e == null && r.statusCode() < 400);
                    });
            pending.add(f);
            if (pending.size() > 50_000) pending.removeIf(CompletableFuture::isDone);
        }
        for (CompletableFuture<?> f : pending) {
            try {
                f.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // counted as failed by its own completion
            }
        }
    }

    private void closedLoop(HttpClient client, long end, Recorder recorder) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int endpoint = mix.next();
                    long sent = System.nanoTime();
                    boolean success;
                    try {
                        success = client.send(request(endpoint), HttpResponse.BodyHandlers.discarding()).statusCode() < 400;
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        success = false;
                    }
                    recorder.record(endpoint, sent, success);
                }
            }, "gil-ab-connection-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
    }

    private static Thread progressTicker(String label, long start, long measureFrom, long end, AtomicLong[] ok,
                                         AtomicLong[] failed, PrintWriter progress) {
        Thread t = new Thread(() -> {
            long last = 0;
            long lastAt = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(1000);
                    long now = System.nanoTime();
                    long done = 0;
                    long bad = 0;
                    for (int i = 0; i < ok.length; i++) {
                        done += ok[i].get();
                        bad += failed[i].get();
                    }
                    String phase = now < measureFrom ? "warm-up" : "measuring";
                    progress.printf("\r%s: %s %3.0f s of %3.0f s, %,.0f req/s, %d failed   ", label, phase,
                            (now - start) / 1e9, (end - start) / 1e9, (done - last) * 1e9 / (now - lastAt), bad);
                    progress.flush();
                    last = done;
                    lastAt = now;
                }
            } catch (InterruptedException e) {
                progress.print("\r" + " ".repeat(79) + "\r");
                progress.flush();
            }
        }, "gil-ab-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
