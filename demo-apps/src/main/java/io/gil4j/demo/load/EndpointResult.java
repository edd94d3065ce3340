package io.gil4j.demo.load;

import io.gil4j.demo.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** One endpoint's line of a load report: successful requests, failures, throughput, latency in ms. */
public record EndpointResult(String endpoint, int clients, long requests, long failed, double throughput,
                             double meanMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", clients);
        m.put("requests", requests);
        m.put("failed", failed);
        m.put("throughput", throughput);
        m.put("meanMs", meanMs);
        m.put("p50Ms", p50Ms);
        m.put("p90Ms", p90Ms);
        m.put("p99Ms", p99Ms);
        m.put("p999Ms", p999Ms);
        m.put("maxMs", maxMs);
        return m;
    }

    public static EndpointResult fromJson(String endpoint, Object m) {
        return new EndpointResult(endpoint, (int) Json.number(m, "clients"), (long) Json.number(m, "requests"),
                (long) Json.number(m, "failed"), Json.number(m, "throughput"), Json.number(m, "meanMs"),
                Json.number(m, "p50Ms"), Json.number(m, "p90Ms"), Json.number(m, "p99Ms"),
                Json.number(m, "p999Ms"), Json.number(m, "maxMs"));
    }
}
