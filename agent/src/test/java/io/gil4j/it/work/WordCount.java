package io.gil4j.it.work;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts words with {@code HashMap.merge} over a fixed text of {@code String}s: the program's only
 * hash keys, so that C2's profile of {@code HashMap.hash} is the program's own unless start-up left
 * something in it (ProfileResetIT). Argument: passes over the text.
 */
public final class WordCount {
    private WordCount() { }

    static final String[] TEXT = new String[5_000];

    static {
        for (int i = 0; i < TEXT.length; i++) TEXT[i] = "w" + (i * 7919 % 500);
    }

    public static void main(String[] args) {
        long passes = Long.parseLong(args[0]);
        long s = 0;
        for (long p = 0; p < passes; p++) {
            Map<String, Integer> counts = new HashMap<>();
            for (String w : TEXT) counts.merge(w, 1, Integer::sum);
            s += counts.size() + counts.get(TEXT[(int) (p % TEXT.length)]);
        }
        System.out.println("result=" + s);
    }
}
