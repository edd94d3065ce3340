package io.gil4j.analyzer.ab;

import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.predict.Prediction;
import io.gil4j.analyzer.html.Html;
import io.gil4j.analyzer.report.Fmt;
import io.gil4j.analyzer.report.ReportTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ab}'s output: a text table, a JSON tree (kind "ab", analyzer/SCHEMA.md) and an HTML page. */
public final class AbReport {
    private AbReport() { }

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

    private static String load(AbRunner.Plan p) {
        return (p.rate() > 0 ? String.format(Locale.ROOT, "open loop at %.0f req/s (latency from when each request was due)", p.rate())
                : "closed loop, " + p.connections() + " connections") + ", warm-up " + p.warmup().toSeconds() + " s, measured "
                + p.duration().toSeconds() + " s";
    }

    private static String interval(Bootstrap.Interval i, String format) {
        if (i == null || !Double.isFinite(i.estimate())) return "-";
        return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", i.estimate(), i.low(), i.high());
    }

    public static String text(AbSummary s) {
        StringBuilder sb = new StringBuilder();
        AbRunner.Plan p = s.plan();
        sb.append("gil4j A/B: ").append(p.runs()).append(" runs per arm, each a fresh JVM, arms in alternating order; ")
                .append(load(p)).append('\n');
        for (AbSummary.ArmSummary a : s.arms()) {
            sb.append("  ").append(Fmt.clean(a.arm().name())).append(": ")
                    .append(a.arm().agent() ? Fmt.clean(a.arm().options()) : "no agent").append('\n');
        }
        String base = s.arms().get(0).arm().name();
        sb.append("\nThroughput, req/s (mean over runs [95% bootstrap interval]); loss = 1 - arm / ").append(Fmt.clean(base)).append('\n');
        int rows = s.arms().get(0).metrics().size();
        for (int e = 0; e < rows; e++) {
            sb.append("  ").append(Fmt.clean(s.arms().get(0).metrics().get(e).endpoint())).append('\n');
            for (AbSummary.ArmSummary a : s.arms()) {
                AbSummary.Metric m = a.metrics().get(e);
                sb.append("    ").append(Fmt.col(Fmt.clean(a.arm().name()), 10)).append(' ')
                        .append(Fmt.col(interval(m.throughput(), "%.1f"), 28));
                if (m.loss() != null) {
                    sb.append(" loss ").append(Fmt.col(pct(m.loss()), 26))
                            .append(m.loss().contains(0) ? " (interval contains 0)" : "");
                }
                sb.append("   latency ms p50/p99/p99.9 ").append(num(m.p50())).append(" / ").append(num(m.p99()))
                        .append(" / ").append(num(m.p999())).append("   failed ").append(m.failed()).append('\n');
            }
        }
        for (AbSummary.ArmSummary a : s.arms()) {
            if (a.classes().isEmpty()) continue;
            sb.append("\nFrom the recordings (compare, ").append(Fmt.clean(a.arm().name())).append(" against the first arm with the agent): ");
            for (ClassLoss c : a.classes()) {
                sb.append(c.threadClass().label()).append(' ').append(c.loss() == null ? "n/a" : Fmt.pct(c.loss())).append("  ");
            }
            sb.append('\n');
        }
        if (s.prediction() != null) sb.append('\n').append(predictionLine(s)).append('\n');
        sb.append("\nIntervals: bootstrap percentile method over runs, ").append(Bootstrap.RESAMPLES)
                .append(" resamples of each arm's runs; the loss interval is that of 1 - mean(arm) / mean(")
                .append(Fmt.clean(base)).append(").\n");
        for (String w : s.warnings()) sb.append("note: ").append(Fmt.clean(w)).append('\n');
        return sb.toString();
    }

    /** The loss {@code predict} finds in the first arm's mode=off recordings alone. */
    private static String predictionLine(AbSummary s) {
        Prediction p = s.prediction();
        return String.format(Locale.ROOT, "Predicted from the %s runs alone (gil-analyzer predict%s --skip %dms): loss %.1f%% in total (basis: %s)",
                Fmt.clean(s.arms().get(0).arm().name()), s.plan().rate() <= 0 ? " --closed-loop --connections " + s.plan().connections() : "", s.skipNanos() / 1_000_000L,
                p.totalLoss() * 100, Fmt.clean(p.basis()));
    }

    private static String pct(Bootstrap.Interval i) {
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", i.estimate() * 100, i.low() * 100, i.high() * 100);
    }

    private static String num(Bootstrap.Interval i) {
        return i == null || !Double.isFinite(i.estimate()) ? "-" : String.format(Locale.ROOT, "%.2f", i.estimate());
    }

    private static Map<String, Object> interval(Bootstrap.Interval i) {
        if (i == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("estimate", i.estimate());
        o.put("low", i.low());
        o.put("high", i.high());
        return o;
    }

    public static Map<String, Object> tree(AbSummary s) {
        AbRunner.Plan p = s.plan();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", ReportTree.SCHEMA_VERSION);
        root.put("kind", "ab");
        root.put("runsPerArm", p.runs());
        root.put("load", Map.of("mode", p.rate() > 0 ? "open" : "closed", "rate", p.rate(), "connections", p.connections(),
                "warmupSeconds", p.warmup().toSeconds(), "durationSeconds", p.duration().toSeconds()));
        root.put("interval", "bootstrap percentile, " + Bootstrap.RESAMPLES + " resamples, 95%");
        root.put("arms", s.arms().stream().map(a -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", a.arm().name());
            o.put("agentOptions", a.arm().options());
            o.put("runs", a.runs());
            o.put("endpoints", a.metrics().stream().map(m -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("endpoint", m.endpoint());
                x.put("throughput", interval(m.throughput()));
                x.put("loss", interval(m.loss()));
                x.put("p50Millis", interval(m.p50()));
                x.put("p99Millis", interval(m.p99()));
                x.put("p999Millis", interval(m.p999()));
                x.put("completed", m.completed());
                x.put("failed", m.failed());
                return x;
            }).toList());
            o.put("byClass", a.classes().stream().map(c -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("class", c.threadClass().name());
                x.put("loss", c.loss());
                return x;
            }).toList());
            return o;
        }).toList());
        if (s.prediction() != null) {
            Map<String, Object> predicted = new LinkedHashMap<>();
            predicted.put("arm", s.arms().get(0).arm().name());
            predicted.put("basis", s.prediction().basis());
            predicted.put("throughputLoss", s.prediction().totalLoss());
            predicted.put("skipNanos", s.skipNanos());
            root.put("predicted", predicted);
        }
        root.put("warnings", s.warnings());
        return root;
    }

    /** A self-contained page: the tables and the arms' latency percentile curves on one plot. */
    public static String html(AbSummary s) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gil4j A/B</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>\n");
        sb.append("<h1>gil4j A/B</h1>\n<p>").append(Html.escape(s.plan().runs() + " runs per arm; " + load(s.plan()))).append("</p>\n");
        sb.append("<table><tr><th>endpoint</th><th>arm</th><th>req/s [95%]</th><th>loss [95%]</th><th>p50 ms</th><th>p99 ms</th>"
                + "<th>p99.9 ms</th><th>failed</th></tr>\n");
        int rows = s.arms().get(0).metrics().size();
        for (int e = 0; e < rows; e++) {
            for (AbSummary.ArmSummary a : s.arms()) {
                AbSummary.Metric m = a.metrics().get(e);
                sb.append("<tr><td>").append(Html.escape(m.endpoint())).append("</td><td>").append(Html.escape(a.arm().name()))
                        .append("</td><td>").append(Html.escape(interval(m.throughput(), "%.1f"))).append("</td><td>")
                        .append(m.loss() == null ? "" : Html.escape(pct(m.loss()))).append("</td><td>").append(num(m.p50()))
                        .append("</td><td>").append(num(m.p99())).append("</td><td>").append(num(m.p999())).append("</td><td>")
                        .append(m.failed()).append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");
        if (s.prediction() != null) sb.append("<p>").append(Html.escape(predictionLine(s))).append("</p>\n");
        sb.append("<h2>Latency by percentile, all endpoints</h2>\n").append(plot(s));
        for (String w : s.warnings()) sb.append("<p>note: ").append(Html.escape(w)).append("</p>\n");
        return sb.append("</body></html>\n").toString();
    }

    /** x: percentile on a "nines" scale (-log10(1 - p)), y: latency in ms on a log scale. */
    private static String plot(AbSummary s) {
        int w = 720;
        int h = 360;
        int pad = 50;
        double maxX = -Math.log10(1 - AbSummary.CURVE[AbSummary.CURVE.length - 1] / 100);
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (AbSummary.ArmSummary a : s.arms()) {
            for (double[] pt : a.metrics().get(a.metrics().size() - 1).percentileCurve()) {
                minY = Math.min(minY, Math.max(pt[1], 0.01));
                maxY = Math.max(maxY, pt[1]);
            }
        }
        if (maxY <= 0) return "<p>no latencies</p>\n";
        double lo = Math.log10(minY);
        double hi = Math.log10(maxY) + 0.1;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", w, h));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                pad, 10, w - pad - 10, h - pad - 10));
        for (double p : new double[] {0, 90, 99, 99.9, 99.99}) {
            double x = pad + (-Math.log10(1 - p / 100)) / maxX * (w - pad - 10);
            sb.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">p%s</text>%n",
                    x, h - pad + 15, p == 0 ? "0" : Fmt.num(p)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"20\" font-size=\"11\">%.2f ms</text><text x=\"4\" y=\"%d\" "
                + "font-size=\"11\">%.2f ms</text>%n", Math.pow(10, hi), h - pad, Math.pow(10, lo)));
        int i = 0;
        for (AbSummary.ArmSummary a : s.arms()) {
            String color = COLORS[i % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] pt : a.metrics().get(a.metrics().size() - 1).percentileCurve()) {
                double x = pad + (-Math.log10(1 - pt[0] / 100)) / maxX * (w - pad - 10);
                double y = 10 + (hi - Math.log10(Math.max(pt[1], 0.01))) / (hi - lo) * (h - pad - 10);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(pts.toString().strip()).append("\"/>\n");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">", pad + 10, 28 + 16 * i, color))
                    .append(Html.escape(a.arm().name())).append("</text>\n");
            i++;
        }
        return sb.append("</svg>\n").toString();
    }
}
