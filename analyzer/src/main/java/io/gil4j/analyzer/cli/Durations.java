package io.gil4j.analyzer.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The commands' durations ({@code 500us}, {@code 5ms}, {@code 1.5s}, {@code 2m}): one grammar, one message. */
final class Durations {
    private Durations() { }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m)");

    /**
     * The duration in nanoseconds, within [min, max]; otherwise an {@link IllegalArgumentException} whose
     * message is the line the user sees, naming {@code option}.
     */
    static long nanos(String option, String text, long minNanos, long maxNanos) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": expected a duration such as 500us, 5ms, 10s or 2m, got '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = v * switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        if (nanos < minNanos || nanos > maxNanos) {
            throw new IllegalArgumentException(option + " must be between " + text(minNanos) + " and " + text(maxNanos)
                    + ", got '" + text + "'");
        }
        return Math.round(nanos);
    }

    private static String text(long nanos) {
        if (nanos == 0) return "0";
        if (nanos % 3_600_000_000_000L == 0) return nanos / 3_600_000_000_000L + "h";
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + "s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        if (nanos % 1_000L == 0) return nanos / 1_000L + "us";
        return nanos + "ns";
    }
}
