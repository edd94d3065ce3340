package io.gil4j.analyzer.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * String-keyed counters with a bound on distinct keys, for keys that come from a recording (a damaged
 * or hostile file must not blow up memory): beyond {@code maxKeys}, new keys count under "(other)".
 * Null keys count under "(none)".
 */
final class BoundedCounts {
    static final String OTHER = "(other)";
    static final String NONE = "(none)";
    private final int maxKeys;
    private final Map<String, long[]> counts = new LinkedHashMap<>();

    BoundedCounts(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** The key this value is counted under (the value itself, "(none)" or "(other)"). */
    String keyFor(String key) {
        if (key == null) {
            return NONE;
        }
        if (counts.containsKey(key) || counts.size() < maxKeys) {
            return key;
        }
        return OTHER;
    }

    private String lastKey;
    private long[] lastCount;

    void add(String key, long n) {
        if (lastCount != null && key != null && key.equals(lastKey)) {
            lastCount[0] += n; // events of one kind come in runs: skip the map
            return;
        }
        String k = keyFor(key);
        long[] c = counts.get(k);
        if (c == null) {
            c = new long[1];
            counts.put(k, c);
        }
        c[0] += n;
        lastKey = key;
        lastCount = c;
    }

    Map<String, Long> toMap() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.put(e.getKey(), e.getValue()[0]));
        return out;
    }
}
