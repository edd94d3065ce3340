package io.gil4j.analyzer.html;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.compare.SideSummary;
import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.RunInfo;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.model.WaitStack;
import io.gil4j.analyzer.report.Fmt;
import io.gil4j.analyzer.rules.RuleResult;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and SVG; no script, no external resource, so it renders
 * offline and cannot run anything from a recording). Every recording string goes through
 * {@link Html#escape}.
 */
public final class HtmlReport {
    static final int MAX_TIMELINE_RUNS = 4;

    private HtmlReport() {
    }

    public static String render(AnalysisReport r) {
        StringBuilder sb = new StringBuilder();
        open(sb, "gil4j report");
        body(sb, r, "");
        return close(sb);
    }

    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        open(sb, "gil4j compare");
        sb.append("<h2>A/B comparison</h2>\n<table>\n<tr><th></th><th>A</th><th>B</th></tr>\n");
        side(sb, c.a(), c.b());
        sb.append("</table>\n<p class=\"big\">Throughput loss: <b>").append(Fmt.pct(c.throughputLoss()))
                .append("</b> (basis: ").append(Html.escape(c.a().throughputBasis())).append(")</p>\n<table>\n")
                .append("<tr><th>threads</th><th>loss</th><th>threads A / B</th><th>basis</th></tr>\n");
        for (ClassLoss l : c.byClass()) {
            sb.append("<tr><td>").append(l.threadClass().label()).append("</td><td>")
                    .append(l.loss() == null ? "n/a" : Fmt.pct(l.loss())).append("</td><td>").append(l.threadsA())
                    .append(" / ").append(l.threadsB()).append("</td><td>").append(Html.escape(l.basis())).append("</td></tr>\n");
        }
        sb.append("</table>\n<p>Single-recording estimate from A: <b>").append(Fmt.pct(c.estimateFromA().refinedLoss()))
                .append("</b> (simple ").append(Fmt.pct(c.estimateFromA().simpleLoss())).append("); measured - estimated: ")
                .append(Fmt.points(c.estimateError())).append("</p>\n");
        body(sb, c.reportB(), "B: ");
        body(sb, c.reportA(), "A: ");
        return close(sb);
    }

    private static void side(StringBuilder sb, SideSummary a, SideSummary b) {
        row(sb, "recordings", String.join(", ", a.files().stream().map(Object::toString).toList()),
                String.join(", ", b.files().stream().map(Object::toString).toList()));
        row(sb, "mode", a.mode(), b.mode());
        row(sb, "wall", Fmt.dur(a.wallNanos()), Fmt.dur(b.wallNanos()));
        row(sb, "operations", Long.toString(a.operations()), Long.toString(b.operations()));
        row(sb, "throughput", Fmt.num(a.throughput()) + "/s", Fmt.num(b.throughput()) + "/s");
        row(sb, "latency p50 / p99", Fmt.dur(a.latency().p50()) + " / " + Fmt.dur(a.latency().p99()),
                Fmt.dur(b.latency().p50()) + " / " + Fmt.dur(b.latency().p99()));
    }

    private static void row(StringBuilder sb, String name, String a, String b) {
        sb.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(a)).append("</td><td>")
                .append(Html.escape(b)).append("</td></tr>\n");
    }

    private static void open(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n<style>\n")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fff}\n")
                .append("h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}\n")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 8px;border-bottom:1px solid #eee;")
                .append("text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".CRITICAL{background:#fdd}.WARNING{background:#ffe9c2}.INFO{background:#e8f0ff}")
                .append(".OK{background:#eaf7ea}.NOT_APPLICABLE{background:#f3f3f3;color:#777}\n")
                .append(".sev{font-weight:bold;padding:2px 6px;border-radius:3px}.note{color:#666}.big{font-size:18px}\n")
                .append("svg text{font:11px system-ui,sans-serif;fill:#333}.grid{stroke:#ddd}.frame{fill:none;stroke:#999}\n")
                .append(".bar{fill:#5b7db1}.marker{stroke:#d62728;stroke-width:2;stroke-dasharray:4 2}\n")
                .append("code{font-size:12px}.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}\n")
                .append("figure{display:inline-block;margin:8px 16px 8px 0}figcaption{font-weight:bold}\n")
                .append("</style></head><body>\n<h1>").append(title).append("</h1>\n");
    }

    private static String close(StringBuilder sb) {
        sb.append("<p class=\"note\">Generated by gil4j analyzer. Timelines are built from thresholded events; ")
                .append("the shares come from gil.Stats counters.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static void body(StringBuilder sb, AnalysisReport r, String prefix) {
        RunModel m = r.model();
        sb.append("<h2>").append(Html.escape(prefix)).append("Summary</h2>\n<p>");
        for (RunInfo run : m.runs()) {
            sb.append("<code>").append(Html.escape(run.file().toString())).append("</code> ");
        }
        sb.append("<br>mode=<b>").append(Html.escape(m.mode())).append("</b>, switch interval ")
                .append(Fmt.dur(m.intervalNanos())).append(m.config().present() ? "" : " (default; no gil.Config)")
                .append(", wall ").append(Fmt.dur(m.wallNanos())).append(", ").append(m.threads().size())
                .append(" thread(s)").append(m.config().options() == null ? "" : ", options <code>"
                        + Html.escape(m.config().options()) + "</code>").append("</p>\n<table>\n");
        TimeShares t = m.total();
        kv(sb, "GIL utilization", Fmt.pct(m.utilization()));
        kv(sb, "mean waiters", Fmt.num(m.meanWaiters()));
        kv(sb, "switches", m.switches() + " (" + Fmt.num(m.switchesPerSecond()) + "/s)");
        kv(sb, "drop requests / revocations", m.dropRequests() + " / " + m.revocations());
        kv(sb, "held / waiting / released / outside", Fmt.pct(t.heldShare()) + " / " + Fmt.pct(t.waitShare()) + " / "
                + Fmt.pct(t.releasedShare()) + " / " + Fmt.pct(t.outsideShare()));
        kv(sb, "wait p50 / p90 / p99 / p99.9 / max", Fmt.dur(m.waits().p50()) + " / " + Fmt.dur(m.waits().p90()) + " / "
                + Fmt.dur(m.waits().p99()) + " / " + Fmt.dur(m.waits().p999()) + " / " + Fmt.dur(m.waits().max()));
        if ("off".equals(m.mode())) {
            kv(sb, "single-recording loss estimate (demand bound)", Fmt.pct(m.estimate().refinedLoss()));
        } else {
            kv(sb, "time in instrumented code spent waiting", Fmt.pct(io.gil4j.analyzer.report.TextReport.waitingShare(m)));
        }
        sb.append("</table>\n");
        findings(sb, r.findings(), prefix);
        timelines(sb, m, prefix);
        sb.append("<h2>").append(Html.escape(prefix)).append("Distributions</h2>\n");
        sb.append(HistogramSvg.render("GIL wait time", m.waits(), m.intervalNanos()));
        sb.append(HistogramSvg.render("GIL hold time", m.holds(), m.intervalNanos()));
        for (Map.Entry<String, Distribution> e : m.waitsByReason().entrySet()) {
            sb.append(HistogramSvg.render("wait: " + e.getKey(), e.getValue(), m.intervalNanos()));
        }
        threads(sb, m, prefix);
        stacks(sb, m.topWaitStacks(), prefix);
    }

    private static void kv(StringBuilder sb, String k, String v) {
        sb.append("<tr><th>").append(Html.escape(k)).append("</th><td class=\"n\">").append(Html.escape(v)).append("</td></tr>\n");
    }

    private static void findings(StringBuilder sb, List<RuleResult> findings, String prefix) {
        sb.append("<h2>").append(Html.escape(prefix)).append("Findings</h2>\n<table>\n");
        findings.stream().sorted(Comparator.comparing(RuleResult::severity).reversed()).forEach(f ->
                sb.append("<tr class=\"").append(f.severity().name()).append("\"><td><span class=\"sev\">")
                        .append(f.severity().name()).append("</span></td><td><b>").append(Html.escape(f.ruleName()))
                        .append("</b><br>").append(Html.escape(f.message())).append("</td></tr>\n"));
        sb.append("</table>\n");
    }

    private static void timelines(StringBuilder sb, RunModel m, String prefix) {
        sb.append("<h2>").append(Html.escape(prefix)).append("Timeline</h2>\n<p class=\"legend\">")
                .append("<span style=\"background:").append(TimelineSvg.COLORS[0]).append("\"></span>held")
                .append("<span style=\"background:").append(TimelineSvg.COLORS[1]).append("\"></span>waiting")
                .append("<span style=\"background:").append(TimelineSvg.COLORS[2]).append("\"></span>released</p>\n");
        for (int i = 0; i < Math.min(MAX_TIMELINE_RUNS, m.runs().size()); i++) {
            int run = i;
            RunInfo info = m.runs().get(i);
            if (m.runs().size() > 1) {
                sb.append("<h3>run ").append(i).append(": <code>").append(Html.escape(info.file().toString()))
                        .append("</code></h3>\n");
            }
            sb.append(TimelineSvg.render(info, m.threads().stream().filter(t -> t.run() == run).toList()));
        }
    }

    private static void threads(StringBuilder sb, RunModel m, String prefix) {
        sb.append("<h2>").append(Html.escape(prefix)).append("Threads</h2>\n<table>\n<tr><th>thread</th><th>class</th>")
                .append("<th>held</th><th>waiting</th><th>released</th><th>outside</th><th>switches</th>")
                .append("<th>waits (max)</th><th>decided by</th></tr>\n");
        m.threads().stream().sorted(Comparator.comparingLong((ThreadModel t) -> t.time().instrumentedNanos()).reversed())
                .limit(200).forEach(t -> sb.append("<tr><td>").append(Html.escape(t.name())).append("</td><td>")
                        .append(t.classification().threadClass().label()).append("</td><td class=\"n\">")
                        .append(Fmt.pct(t.time().heldShare())).append("</td><td class=\"n\">")
                        .append(Fmt.pct(t.time().waitShare())).append("</td><td class=\"n\">")
                        .append(Fmt.pct(t.time().releasedShare())).append("</td><td class=\"n\">")
                        .append(Fmt.pct(t.time().outsideShare())).append("</td><td class=\"n\">").append(t.switches())
                        .append("</td><td class=\"n\">").append(t.waitEvents()).append(" (")
                        .append(Fmt.dur(t.maxWaitNanos())).append(")</td><td>")
                        .append(Html.escape(t.classification().reason())).append("</td></tr>\n"));
        sb.append("</table>\n");
    }

    private static void stacks(StringBuilder sb, List<WaitStack> stacks, String prefix) {
        sb.append("<h2>").append(Html.escape(prefix)).append("Where threads wait for the GIL</h2>\n");
        if (stacks.isEmpty()) {
            sb.append("<p class=\"note\">No gil.Wait stack traces.</p>\n");
            return;
        }
        sb.append("<table>\n<tr><th>total wait</th><th>waits</th><th>stack (user code, top first)</th></tr>\n");
        for (WaitStack w : stacks) {
            sb.append("<tr><td class=\"n\">").append(Fmt.dur(w.totalWaitNanos())).append("</td><td class=\"n\">")
                    .append(w.waits()).append("</td><td><code>");
            List<String> frames = w.frames().isEmpty() ? List.of("<no stack trace>") : w.frames();
            for (String f : frames) {
                sb.append(Html.escape(f)).append("<br>");
            }
            sb.append("</code></td></tr>\n");
        }
        sb.append("</table>\n");
    }
}
