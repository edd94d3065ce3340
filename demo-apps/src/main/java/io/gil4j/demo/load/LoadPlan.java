package io.gil4j.demo.load;

import io.gil4j.demo.cli.UsageException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many concurrent closed-loop clients drive each endpoint, parsed from {@code cpu=4,io=4,mixed=2}.
 * An endpoint is a path without its slash; order is kept for the report.
 */
public record LoadPlan(Map<String, Integer> concurrency) {

    public static LoadPlan parse(String mix) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : mix.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--mix expects endpoint=clients pairs like cpu=4,io=4; got '" + p + "'");
            }
            String endpoint = p.substring(0, eq).trim().replaceFirst("^/", "");
            int clients;
            try {
                clients = Integer.parseInt(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--mix: clients of '" + endpoint + "' must be an integer; got '" + p.substring(eq + 1) + "'");
            }
            if (clients < 1 || !endpoint.matches("[A-Za-z0-9_\\-/]+")) {
                throw new UsageException("--mix: bad entry '" + p + "' (endpoint name, at least 1 client)");
            }
            if (out.put(endpoint, clients) != null) {
                throw new UsageException("--mix names '" + endpoint + "' twice");
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--mix names no endpoint");
        }
        return new LoadPlan(Collections.unmodifiableMap(out));
    }

    public int totalClients() {
        return concurrency.values().stream().mapToInt(Integer::intValue).sum();
    }
}
