package io.gil4j.analyzer.rules;

import java.util.Locale;

/** Formatting helpers for rule messages. */
final class Numbers {
    private Numbers() {
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Rounds for the numbers map so that JSON stays readable. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000.0) / 10_000.0 : 0;
    }
}
