package io.gil4j.demo.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator saw for one endpoint, recorded from many client threads at once:
 * latencies of successful requests (HdrHistogram, microseconds, 3 significant digits), failed
 * requests, and a running count of completions for the once-a-second progress line.
 * Only requests that complete inside the measured window count; warm-up ones only feed progress.
 */
public final class EndpointStats {
    /** One hour in microseconds: any slower request is clamped, never dropped. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final String endpoint;
    private final int clients;
    private final Histogram latencyMicros = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder failed = new LongAdder();
    private final LongAdder completedAll = new LongAdder();

    public EndpointStats(String endpoint, int clients) {
        this.endpoint = endpoint;
        this.clients = clients;
    }

    /**
     * @param latencyNanos how long the request took
     * @param ok           a 200 with the expected body; anything else (status, exception, timeout) failed
     * @param inWindow     completed inside the measured window (after warm-up, before the end)
     */
    public void record(long latencyNanos, boolean ok, boolean inWindow) {
        completedAll.increment();
        if (!inWindow) {
            return;
        }
        if (ok) {
            latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000)));
        } else {
            failed.increment();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public int clients() {
        return clients;
    }

    /** Completions so far, warm-up and failures included: the progress line's source. */
    public long completedSoFar() {
        return completedAll.sum();
    }

    /** The endpoint's figures over a measured window of {@code windowSeconds}. */
    public EndpointResult result(double windowSeconds) {
        Histogram h = latencyMicros.copy();
        long ok = h.getTotalCount();
        return new EndpointResult(endpoint, clients, ok, failed.sum(), windowSeconds > 0 ? ok / windowSeconds : 0,
                ok == 0 ? Double.NaN : h.getMean() / 1e3,
                percentileMs(h, 50), percentileMs(h, 90), percentileMs(h, 99), percentileMs(h, 99.9),
                ok == 0 ? Double.NaN : h.getMaxValue() / 1e3);
    }

    private static double percentileMs(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e3;
    }
}
