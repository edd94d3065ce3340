package io.gil4j.analyzer.report;

import io.gil4j.analyzer.predict.Prediction;
import io.gil4j.analyzer.predict.Prediction.ClassPrediction;
import io.gil4j.analyzer.predict.Prediction.OperationPrediction;
import io.gil4j.analyzer.predict.Prediction.ThreadPrediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code predict}'s output: the text table and the JSON tree (kind "predict", analyzer/SCHEMA.md). */
public final class PredictionReport {
    private PredictionReport() { }

    private static final int MAX_THREADS = 20;

    public static String text(Prediction p) {
        StringBuilder sb = new StringBuilder();
        sb.append("gil4j prediction: mode=gil at interval ").append(Fmt.dur(p.intervalNanos()))
                .append(" from ").append(p.files().size())
                .append("none".equals(p.inputMode()) ? " recording(s) made without gil4j"
                        : " recording(s) made under mode=" + Fmt.clean(p.inputMode())).append('\n');
        sb.append("  ").append(p.windows()).append(" stats periods replayed through the GIL's rules")
                .append(p.cores() > 0 ? ", demand capped at " + p.cores() + " cores" : "").append("; basis: ")
                .append(p.basis()).append("\n\n");
        sb.append("Predicted throughput loss: ").append(Fmt.pct(p.totalLoss())).append('\n');
        for (ClassPrediction c : p.classes()) {
            sb.append("  ").append(Fmt.col(c.threadClass().label(), 11)).append(' ')
                    .append(c.loss() == null ? "n/a (no such thread)" : Fmt.pct(c.loss()))
                    .append("  (").append(c.threads()).append(c.threads() == 1 ? " thread)" : " threads)").append('\n');
        }
        if (!p.operations().isEmpty()) {
            sb.append("\nPer operation (throughput=):\n");
            for (OperationPrediction o : p.operations()) {
                sb.append("  ").append(Fmt.col(Fmt.clean(o.method()), 48)).append(' ').append(o.recorded())
                        .append(" -> ").append(Math.round(o.predicted())).append("  loss ").append(Fmt.pct(o.loss())).append('\n');
            }
        }
        sb.append("\nThreads (rate: the share of its own pace a thread keeps under the GIL)\n");
        sb.append("  ").append(Fmt.col("thread", 28)).append(' ').append(Fmt.col("class", 10)).append(' ')
                .append(Fmt.col("held", 9)).append(' ').append(Fmt.col("rate", 7)).append(" loss\n");
        List<ThreadPrediction> shown = p.threads().subList(0, Math.min(MAX_THREADS, p.threads().size()));
        for (ThreadPrediction t : shown) {
            sb.append("  ").append(Fmt.col(Fmt.clean(t.name()), 28)).append(' ').append(Fmt.col(t.threadClass().label(), 10))
                    .append(' ').append(Fmt.col(Fmt.dur(t.heldNanos()), 9)).append(' ')
                    .append(Fmt.col(String.format(java.util.Locale.ROOT, "%.4f", t.rate()), 7)).append(' ')
                    .append(Fmt.pct(t.loss())).append('\n');
        }
        if (p.threads().size() > shown.size()) {
            sb.append("  ... ").append(p.threads().size() - shown.size()).append(" more in --format json\n");
        }
        var w = p.waits();
        sb.append("\nPredicted waits for the GIL: ").append(w.count()).append(", p50 ").append(Fmt.dur(w.p50()))
                .append(", p99 ").append(Fmt.dur(w.p99())).append(", max ").append(Fmt.dur(w.max())).append('\n');
        for (String warning : p.warnings()) sb.append("note: ").append(Fmt.clean(warning)).append('\n');
        return sb.toString();
    }

    public static Map<String, Object> tree(Prediction p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", ReportTree.SCHEMA_VERSION);
        root.put("kind", "predict");
        root.put("files", p.files().stream().map(Path::toString).toList());
        root.put("inputMode", p.inputMode());
        root.put("intervalNanos", p.intervalNanos());
        root.put("cores", p.cores());
        root.put("windows", p.windows());
        root.put("basis", p.basis());
        root.put("throughputLoss", p.totalLoss());
        root.put("byClass", p.classes().stream().map(c -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("class", c.threadClass().name());
            o.put("threads", c.threads());
            o.put("loss", c.loss());
            return o;
        }).toList());
        root.put("operations", p.operations().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", o.method());
            m.put("recorded", o.recorded());
            m.put("predicted", o.predicted());
            m.put("loss", o.loss());
            return m;
        }).toList());
        root.put("threads", p.threads().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("class", t.threadClass().name());
            m.put("heldNanos", t.heldNanos());
            m.put("instrumentedNanos", t.instrumentedNanos());
            m.put("operations", t.operations());
            m.put("rate", t.rate());
            m.put("loss", t.loss());
            return m;
        }).toList());
        root.put("waits", ReportTree.distribution(p.waits()));
        root.put("warnings", p.warnings());
        return root;
    }
}
