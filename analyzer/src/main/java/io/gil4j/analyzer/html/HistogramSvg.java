package io.gil4j.analyzer.html;

import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.report.Fmt;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of a duration distribution in power-of-two buckets from 1 us (HdrHistogram's
 * logarithmic iteration), optionally with a marker at the switch interval.
 */
final class HistogramSvg {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 180;

    private HistogramSvg() {
    }

    static String render(String title, Distribution d, long markerNanos) {
        if (d.count() == 0) {
            return "<p class=\"note\">" + Html.escape(title) + ": no events.</p>\n";
        }
        List<long[]> buckets = new ArrayList<>(); // {upper bound, count}
        Histogram h = d.histogram();
        for (HistogramIterationValue v : h.logarithmicBucketValues(1_000, 2.0)) {
            buckets.add(new long[] {v.getValueIteratedTo(), v.getCountAddedInThisIterationStep()});
        }
        long max = buckets.stream().mapToLong(b -> b[1]).max().orElse(1);
        int n = buckets.size();
        double bw = (double) (WIDTH - 40) / Math.max(1, n);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<figure><figcaption>%s (n=%d, p50 %s, p99 %s, max %s)</figcaption>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                Html.escape(title), d.count(), Fmt.dur(d.p50()), Fmt.dur(d.p99()), Fmt.dur(d.max()), WIDTH, HEIGHT,
                WIDTH, HEIGHT));
        long lower = 0;
        for (int i = 0; i < n; i++) {
            long[] b = buckets.get(i);
            double hgt = b[1] == 0 ? 0 : Math.max(1, (HEIGHT - 40) * (double) b[1] / max);
            double x = 30 + i * bw;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\">"
                    + "<title>%s to %s: %d</title></rect>\n", x, HEIGHT - 20 - hgt, Math.max(1, bw - 1), hgt,
                    Fmt.dur(lower), Fmt.dur(b[0]), b[1]));
            if (i % Math.max(1, n / 6) == 0) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\">%s</text>\n", x,
                        HEIGHT - 5, Fmt.dur(b[0])));
            }
            if (markerNanos > 0 && markerNanos > lower && markerNanos <= b[0]) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" class=\"marker\">"
                        + "<title>switch interval %s</title></line>\n", x + bw / 2, x + bw / 2, HEIGHT - 20,
                        Fmt.dur(markerNanos)));
            }
            lower = b[0];
        }
        sb.append("</svg></figure>\n");
        return sb.toString();
    }
}
