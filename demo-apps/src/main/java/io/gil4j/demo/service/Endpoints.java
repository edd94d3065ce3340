package io.gil4j.demo.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's request handlers, one method per endpoint and one call per request, so that
 * {@code throughput=io.gil4j.demo.service.Endpoints.cpu;io.gil4j.demo.service.Endpoints.io;...}
 * records a {@code gil.Operation} for every request served.
 * <ul>
 *   <li>{@link #cpu}: CPU-bound work, a few ms of LCG steps (the request id seeds them);</li>
 *   <li>{@link #io}: one call to a slow downstream HTTP service (~20 ms), blocking;</li>
 *   <li>{@link #mixed}: both, the CPU work then the downstream call.</li>
 * </ul>
 */
public final class Endpoints {
    private final long cpuIterations;
    private final URI downstream;
    private final HttpClient client;

    public Endpoints(long cpuIterations, String downstreamBaseUrl) {
        this.cpuIterations = cpuIterations;
        this.downstream = URI.create(downstreamBaseUrl);
        // HTTP/1.1 keeps a connection pool without a small per-host cap, unlike HttpURLConnection's 5
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String cpu(long requestId) {
        return "cpu " + spin(cpuIterations, requestId) + "\n";
    }

    public String io(long requestId) throws IOException, InterruptedException {
        return "io " + callDownstream(requestId) + "\n";
    }

    public String mixed(long requestId) throws IOException, InterruptedException {
        long x = spin(cpuIterations, requestId);
        return "mixed " + x + " " + callDownstream(requestId) + "\n";
    }

    /** Same LCG as the seed countdown: non-foldable, ~1.1 ns per step on the project's machine. */
    static long spin(long iterations, long seed) {
        long x = seed;
        for (long i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    private String callDownstream(long requestId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(downstream.resolve("/number?i=" + requestId))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("downstream answered HTTP " + response.statusCode());
        }
        return response.body().trim();
    }
}
