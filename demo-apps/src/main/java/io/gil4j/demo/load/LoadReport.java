package io.gil4j.demo.load;

import io.gil4j.demo.json.Json;
import io.gil4j.demo.report.TextTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A whole load run: per-endpoint results over the measured window, and their totals. */
public record LoadReport(String url, String label, double windowSeconds, double warmupSeconds, List<EndpointResult> endpoints) {

    public long totalRequests() {
        return endpoints.stream().mapToLong(EndpointResult::requests).sum();
    }

    public long totalFailed() {
        return endpoints.stream().mapToLong(EndpointResult::failed).sum();
    }

    public double totalThroughput() {
        return endpoints.stream().mapToDouble(EndpointResult::throughput).sum();
    }

    public EndpointResult endpoint(String name) {
        return endpoints.stream().filter(e -> e.endpoint().equals(name)).findFirst().orElse(null);
    }

    public String renderText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "load [%s] on %s: %.1f s measured after %.1f s warm-up, closed loop%n",
                label, url, windowSeconds, warmupSeconds));
        TextTable t = new TextTable().header("endpoint", "clients", "requests", "req/s", "mean ms", "p50 ms", "p90 ms",
                "p99 ms", "p99.9 ms", "max ms", "failed");
        for (EndpointResult e : endpoints) {
            t.row("/" + e.endpoint(), String.valueOf(e.clients()), String.valueOf(e.requests()),
                    TextTable.number(e.throughput(), 1), TextTable.number(e.meanMs(), 2), TextTable.number(e.p50Ms(), 2),
                    TextTable.number(e.p90Ms(), 2), TextTable.number(e.p99Ms(), 2), TextTable.number(e.p999Ms(), 2),
                    TextTable.number(e.maxMs(), 2), String.valueOf(e.failed()));
        }
        t.row("total", String.valueOf(endpoints.stream().mapToInt(EndpointResult::clients).sum()),
                String.valueOf(totalRequests()), TextTable.number(totalThroughput(), 1), "", "", "", "", "", "",
                String.valueOf(totalFailed()));
        return out.append(t.render()).toString();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", "load");
        m.put("url", url);
        m.put("label", label);
        m.put("windowSeconds", windowSeconds);
        m.put("warmupSeconds", warmupSeconds);
        Map<String, Object> eps = new LinkedHashMap<>();
        for (EndpointResult e : endpoints) {
            eps.put(e.endpoint(), e.toJson());
        }
        m.put("endpoints", eps);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("requests", totalRequests());
        total.put("failed", totalFailed());
        total.put("throughput", totalThroughput());
        m.put("total", total);
        return m;
    }

    public static LoadReport fromJson(Object doc) {
        if (!"load".equals(Json.get(doc, "experiment"))) {
            throw new IllegalArgumentException("not a load report (no \"experiment\": \"load\")");
        }
        List<EndpointResult> eps = new ArrayList<>();
        if (Json.get(doc, "endpoints") instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                eps.add(EndpointResult.fromJson(String.valueOf(e.getKey()), e.getValue()));
            }
        }
        return new LoadReport(String.valueOf(Json.get(doc, "url")), String.valueOf(Json.get(doc, "label")),
                Json.number(doc, "windowSeconds"), Json.number(doc, "warmupSeconds"), eps);
    }
}
