package io.gil4j.analyzer.report;

import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.compare.SideSummary;

/** The terminal output of {@code compare}. */
public final class TextComparison {
    private TextComparison() {
    }

    public static String render(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("gil4j compare\n");
        side(sb, "A", c.a());
        side(sb, "B", c.b());
        String unit = "operations".equals(c.a().throughputBasis()) ? " ops/s" : " runs/s";
        sb.append("\nThroughput  A ").append(Fmt.num(c.a().throughput())).append(unit).append("   B ")
                .append(Fmt.num(c.b().throughput())).append(unit).append("   loss ").append(Fmt.pct(c.throughputLoss()))
                .append("   (basis: ").append(c.a().throughputBasis()).append(")\n");
        if (c.a().latency().count() > 0 || c.b().latency().count() > 0) {
            sb.append("Latency     A ").append(TextReport.dist(c.a().latency())).append('\n');
            sb.append("            B ").append(TextReport.dist(c.b().latency())).append('\n');
        }
        for (ClassLoss l : c.byClass()) {
            sb.append(Fmt.col(l.threadClass().label(), 12)).append(l.loss() == null ? "n/a (no such threads on one side)"
                    : "loss " + Fmt.pct(l.loss())).append("   threads A ").append(l.threadsA()).append(", B ")
                    .append(l.threadsB()).append("   (").append(l.basis()).append(")\n");
        }
        sb.append("Estimate    from A alone: ").append(Fmt.pct(c.estimateFromA().refinedLoss())).append(" (simple ")
                .append(Fmt.pct(c.estimateFromA().simpleLoss())).append("; demand ")
                .append(Fmt.dur(c.estimateFromA().demandNanos())).append(" vs wall ")
                .append(Fmt.dur(c.estimateFromA().wallNanos())).append(")\n");
        sb.append("Measured - estimated: ").append(Fmt.points(c.estimateError())).append('\n');
        TextReport.findings(sb, "Findings for B", c.reportB().findings());
        return sb.toString();
    }

    private static void side(StringBuilder sb, String name, SideSummary s) {
        sb.append("  ").append(name).append(": ").append(String.join(", ",
                s.files().stream().map(f -> Fmt.clean(f.toString())).toList())).append("  (mode=")
                .append(Fmt.clean(s.mode())).append(", wall ").append(Fmt.dur(s.wallNanos())).append(", ")
                .append(s.operations()).append(" operations)\n");
    }
}
