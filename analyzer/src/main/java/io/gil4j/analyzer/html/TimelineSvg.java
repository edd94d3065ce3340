package io.gil4j.analyzer.html;

import io.gil4j.analyzer.model.RunInfo;
import io.gil4j.analyzer.model.Segment;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.report.Fmt;

import java.util.List;
import java.util.Locale;

/**
 * Beazley-style timeline of one run: a row per thread, time left to right, each pixel column colored
 * by what the thread mostly did there (held / waiting / released), from the sampled gil.Hold, gil.Wait
 * and gil.Release segments; opacity grows with how much of the column was covered. Because those
 * events are thresholded, each row also carries a bar of the thread's exact gil.Stats shares.
 * Output size is bounded: at most {@link #COLUMNS} rects per row, {@link #MAX_ROWS} rows.
 */
final class TimelineSvg {
    static final int COLUMNS = 900;
    static final int MAX_ROWS = 40;
    private static final int LABEL = 190;
    private static final int SHARE = 120;
    private static final int ROW = 18;
    static final String[] COLORS = {"#2e9e44", "#d62728", "#1f77b4"}; // held, wait, released

    private TimelineSvg() {
    }

    static String render(RunInfo run, List<ThreadModel> threads) {
        List<ThreadModel> rows = threads.stream()
                .sorted((a, b) -> Long.compare(b.time().instrumentedNanos(), a.time().instrumentedNanos()))
                .limit(MAX_ROWS).toList();
        int width = LABEL + COLUMNS + SHARE + 30;
        int height = rows.size() * ROW + 40;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">\n", width, height, width, height));
        long wall = Math.max(1, run.wallNanos());
        for (int i = 0; i <= 4; i++) {
            int x = LABEL + COLUMNS * i / 4;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%d\" class=\"axis\">%s</text>\n", x, x, height - 22, x, height - 8,
                    Html.escape(Fmt.dur(wall * i / 4))));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">Stats shares</text>\n",
                LABEL + COLUMNS + 20, height - 8));
        int y = 0;
        for (ThreadModel t : rows) {
            sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"label\">%s</text>\n", y + 13,
                    Html.escape(cut(t.name()))));
            row(sb, run.startNanos(), wall, t, y);
            shares(sb, t.time(), LABEL + COLUMNS + 20, y);
            y += ROW;
        }
        sb.append("</svg>\n");
        if (threads.size() > rows.size()) {
            sb.append("<p class=\"note\">").append(threads.size() - rows.size())
                    .append(" thread(s) with less time in instrumented code not shown.</p>\n");
        }
        return sb.toString();
    }

    private static String cut(String name) {
        return name.length() > 28 ? name.substring(0, 27) + "\u2026" : name;
    }

    /** Accumulates time per column and state group, then draws runs of equal dominant state. */
    private static void row(StringBuilder sb, long start, long wall, ThreadModel t, int y) {
        double[][] cover = new double[COLUMNS][3];
        double colNanos = (double) wall / COLUMNS;
        for (Segment s : t.timeline().segments()) {
            int g = s.state().ordinal() == 0 ? 0 : (s.state().released() ? 2 : 1);
            double a = (s.start() - start) / colNanos;
            double b = (s.end() - start) / colNanos;
            int c0 = (int) Math.max(0, Math.floor(a));
            int c1 = (int) Math.min(COLUMNS - 1, Math.floor(b));
            for (int c = c0; c <= c1; c++) {
                double overlap = Math.min(b, c + 1) - Math.max(a, c);
                if (overlap > 0) {
                    cover[c][g] += overlap;
                }
            }
        }
        int c = 0;
        while (c < COLUMNS) {
            int g = dominant(cover[c]);
            if (g < 0) {
                c++;
                continue;
            }
            int end = c;
            double sum = 0;
            while (end < COLUMNS && dominant(cover[end]) == g) {
                sum += Math.min(1, cover[end][0] + cover[end][1] + cover[end][2]);
                end++;
            }
            double opacity = 0.35 + 0.65 * sum / (end - c);
            String label = new String[] {"held", "waiting", "released"}[g];
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                    + "fill-opacity=\"%.2f\"><title>%s %s to %s</title></rect>\n", LABEL + c, y + 2, end - c, ROW - 4,
                    COLORS[g], opacity, label, Html.escape(Fmt.dur((long) (c * colNanos))),
                    Html.escape(Fmt.dur((long) (end * colNanos)))));
            c = end;
        }
    }

    private static int dominant(double[] cover) {
        int best = -1;
        double max = 1e-9;
        for (int g = 0; g < 3; g++) {
            if (cover[g] > max) {
                max = cover[g];
                best = g;
            }
        }
        return best;
    }

    private static void shares(StringBuilder sb, TimeShares t, int x, int y) {
        double[] parts = {t.heldShare(), t.waitShare(), t.releasedShare()};
        double at = x;
        for (int g = 0; g < 3; g++) {
            double w = parts[g] * SHARE;
            if (w > 0) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s</title></rect>", at, y + 2, w, ROW - 4, COLORS[g],
                        new String[] {"held", "waiting", "released"}[g], Fmt.pct(parts[g])));
            }
            at += w;
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>\n",
                x, y + 2, SHARE, ROW - 4));
    }
}
