package io.gil4j.analyzer.report;

import java.util.Locale;

/** Number and string formatting shared by the text and HTML reports (locale-independent). */
public final class Fmt {
    private Fmt() {
    }

    public static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "n/a";
    }

    /** A duration with a unit chosen for readability: ns, us, ms or s. */
    public static String dur(long nanos) {
        double v = nanos;
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", v / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", v / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", v / 1e9);
    }

    public static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    /** Signed percentage points, for "measured - estimated". */
    public static String points(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f pts", fraction * 100) : "n/a";
    }

    /**
     * A recording's string made safe for a terminal: control characters (escape sequences included)
     * become '?', so a hostile thread name cannot rewrite the screen.
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        // U+2028/U+2029 break lines in editors and log viewers just like \n
        s.codePoints().forEach(cp -> sb.appendCodePoint(
                Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || isBidiControl(cp) ? '?' : cp));
        return sb.toString();
    }

    /**
     * Unicode's explicit direction controls (LRM, RLM, the embeddings, overrides and isolates): a name
     * holding U+202E would display the rest of its row, or table cell, right to left ("Trojan Source").
     */
    public static boolean isBidiControl(int cp) {
        return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Pads or cuts to a column width. */
    public static String col(String s, int width) {
        String c = clean(s);
        if (c.length() > width) {
            return c.substring(0, width - 1) + "~";
        }
        return c + " ".repeat(width - c.length());
    }
}
