package io.gil4j.demo.seed;

import io.gil4j.demo.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seconds measured by one run of the seed experiment, with what it ran under. NaN marks a cell
 * that was not measured ({@code --skip-processes}, {@code --only}).
 */
public record SeedResult(String label, String agentOptions, long n, int requests, long latencyMs,
                         double cpuSingle, double cpuThreads, double cpuProcesses,
                         double ioSingle, double ioThreads, double ioProcesses,
                         double processStartupSeconds, long cpuChecksum, long ioChecksum) {

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", "seed");
        m.put("label", label);
        m.put("agentOptions", agentOptions);
        m.put("n", n);
        m.put("requests", requests);
        m.put("latencyMs", latencyMs);
        m.put("cpu", row(cpuSingle, cpuThreads, cpuProcesses));
        m.put("io", row(ioSingle, ioThreads, ioProcesses));
        m.put("processStartupSeconds", processStartupSeconds);
        m.put("cpuChecksum", cpuChecksum);
        m.put("ioChecksum", ioChecksum);
        return m;
    }

    private static Map<String, Object> row(double single, double threads, double processes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("single", single);
        m.put("threads2", threads);
        m.put("processes2", processes);
        return m;
    }

    public static SeedResult fromJson(Object doc) {
        if (!"seed".equals(Json.get(doc, "experiment"))) {
            throw new IllegalArgumentException("not a seed experiment result (no \"experiment\": \"seed\")");
        }
        Object options = Json.get(doc, "agentOptions");
        return new SeedResult(String.valueOf(Json.get(doc, "label")), options == null ? null : options.toString(),
                (long) Json.number(doc, "n"), (int) Json.number(doc, "requests"), (long) Json.number(doc, "latencyMs"),
                Json.number(doc, "cpu", "single"), Json.number(doc, "cpu", "threads2"), Json.number(doc, "cpu", "processes2"),
                Json.number(doc, "io", "single"), Json.number(doc, "io", "threads2"), Json.number(doc, "io", "processes2"),
                Json.number(doc, "processStartupSeconds"),
                (long) Json.number(doc, "cpuChecksum"), (long) Json.number(doc, "ioChecksum"));
    }
}
