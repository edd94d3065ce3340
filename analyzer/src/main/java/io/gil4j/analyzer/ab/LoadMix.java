package io.gil4j.analyzer.ab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints an A/B run sends requests to, with weights: a small text file, one endpoint per line,
 * {@code WEIGHT PATH}, blank lines and {@code #} comments ignored.
 *
 * <pre>
 * # 3 CPU-heavy requests for each I/O-bound one
 * 3 /cpu?n=200000
 * 1 /io?ms=20
 * </pre>
 *
 * <p>Requests follow the weights in a fixed interleaving (smooth weighted round robin, as nginx
 * balances upstreams), so every arm and every run sends the same sequence.
 */
public final class LoadMix {
    /** One endpoint and its weight. */
    public record Endpoint(String path, int weight) { }

    private final List<Endpoint> endpoints;
    private final int[] current;
    private final int total;

    public LoadMix(List<Endpoint> endpoints) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no endpoints");
        this.endpoints = List.copyOf(endpoints);
        this.current = new int[endpoints.size()];
        this.total = endpoints.stream().mapToInt(Endpoint::weight).sum();
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Parses a mix file; the message of the exception names the file and line. */
    public static LoadMix parse(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read the load file (" + e.getMessage() + ")");
        }
        return parse(file.toString(), lines);
    }

    static LoadMix parse(String name, List<String> lines) throws IOException {
        List<Endpoint> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split("\\s+");
            String where = name + ":" + (i + 1) + ": ";
            if (parts.length != 2) throw new IOException(where + "expected 'WEIGHT PATH', got '" + line + "'");
            int weight;
            try {
                weight = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new IOException(where + "the weight must be a whole number, got '" + parts[0] + "'");
            }
            if (weight < 1 || weight > 1000) throw new IOException(where + "the weight must be between 1 and 1000");
            if (!parts[1].startsWith("/")) throw new IOException(where + "the path must start with '/', got '" + parts[1] + "'");
            out.add(new Endpoint(parts[1], weight));
        }
        if (out.isEmpty()) throw new IOException(name + ": no endpoints (lines of 'WEIGHT PATH')");
        return new LoadMix(out);
    }

    /** The index of the next endpoint (smooth weighted round robin); call from one thread at a time. */
    public synchronized int next() {
        int best = 0;
        for (int i = 0; i < current.length; i++) {
            current[i] += endpoints.get(i).weight();
            if (current[i] > current[best]) best = i;
        }
        current[best] -= total;
        return best;
    }
}
