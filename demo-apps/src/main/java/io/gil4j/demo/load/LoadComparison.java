package io.gil4j.demo.load;

import io.gil4j.demo.report.TextTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput loss of B (with the GIL) against A (without), per endpoint and overall:
 * loss = 1 - throughput_B / throughput_A, the definition of docs/design.md section 6.
 */
public record LoadComparison(LoadReport a, LoadReport b) {

    /** Loss as a fraction; NaN when A served nothing. */
    public static double loss(double throughputA, double throughputB) {
        return throughputA > 0 ? 1 - throughputB / throughputA : Double.NaN;
    }

    public double totalLoss() {
        return loss(a.totalThroughput(), b.totalThroughput());
    }

    public long failed() {
        return a.totalFailed() + b.totalFailed();
    }

    public String renderText() {
        TextTable t = new TextTable()
                .header("endpoint", "A req/s", "B req/s", "loss", "A p50 ms", "B p50 ms", "A p99 ms", "B p99 ms", "A failed", "B failed");
        for (EndpointResult ea : a.endpoints()) {
            EndpointResult eb = b.endpoint(ea.endpoint());
            if (eb == null) {
                t.row("/" + ea.endpoint(), TextTable.number(ea.throughput(), 1), "(absent)");
                continue;
            }
            t.row("/" + ea.endpoint(), TextTable.number(ea.throughput(), 1), TextTable.number(eb.throughput(), 1),
                    percent(loss(ea.throughput(), eb.throughput())),
                    TextTable.number(ea.p50Ms(), 2), TextTable.number(eb.p50Ms(), 2),
                    TextTable.number(ea.p99Ms(), 2), TextTable.number(eb.p99Ms(), 2),
                    String.valueOf(ea.failed()), String.valueOf(eb.failed()));
        }
        t.row("overall", TextTable.number(a.totalThroughput(), 1), TextTable.number(b.totalThroughput(), 1),
                percent(totalLoss()), "", "", "", "", String.valueOf(a.totalFailed()), String.valueOf(b.totalFailed()));
        return String.format(Locale.ROOT, "throughput loss, A = %s, B = %s (loss = 1 - B/A)%n", a.label(), b.label())
                + t.render()
                + (failed() == 0 ? "failed requests: none\n" : "FAILED REQUESTS: " + failed() + " (expected none)\n");
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", "load-compare");
        m.put("a", a.label());
        m.put("b", b.label());
        List<Object> rows = new ArrayList<>();
        for (EndpointResult ea : a.endpoints()) {
            EndpointResult eb = b.endpoint(ea.endpoint());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint", ea.endpoint());
            row.put("throughputA", ea.throughput());
            row.put("throughputB", eb == null ? null : eb.throughput());
            row.put("loss", eb == null ? null : loss(ea.throughput(), eb.throughput()));
            rows.add(row);
        }
        m.put("endpoints", rows);
        m.put("totalLoss", totalLoss());
        m.put("failed", failed());
        return m;
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "-";
    }
}
