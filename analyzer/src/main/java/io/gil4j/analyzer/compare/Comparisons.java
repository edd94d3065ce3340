package io.gil4j.analyzer.compare;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.model.RunInfo;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadClass;
import io.gil4j.analyzer.model.ThreadModel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The A/B math of {@code compare}.
 *
 * <p>Throughput of a side: with gil.Operation events on both sides, operations / summed run wall time;
 * otherwise runs / summed wall time (each run is assumed to do the same work). Loss = 1 - thr_B / thr_A
 * (negative when B is faster).
 *
 * <p>Per class: a thread's class is the one it has in A when a thread of the same name exists there
 * (classification in the baseline is not distorted by GIL waiting), else its class in B. With
 * Operation events the class throughput is the class's operations / wall. Without them each thread is
 * assumed to do the same work on both sides, so a class's throughput is 1 / (summed time its threads
 * spent in instrumented code: held + wait + released), and loss = 1 - T_A / T_B.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static Comparison compare(AnalysisReport ra, AnalysisReport rb) {
        RunModel a = ra.model();
        RunModel b = rb.model();
        boolean ops = a.has(GilEventNames.OPERATION) && b.has(GilEventNames.OPERATION);
        SideSummary sa = side(a, ops);
        SideSummary sb = side(b, ops);
        double loss = sa.throughput() <= 0 ? 0 : 1.0 - sb.throughput() / sa.throughput();
        Map<String, ThreadClass> baseline = new HashMap<>();
        for (ThreadModel t : a.threads()) {
            baseline.putIfAbsent(t.name(), t.classification().threadClass());
        }
        List<ClassLoss> byClass = List.of(classLoss(ThreadClass.CPU_BOUND, a, b, baseline, ops),
                classLoss(ThreadClass.IO_BOUND, a, b, baseline, ops));
        double estimate = a.estimate().refinedLoss();
        return new Comparison(ra, rb, sa, sb, loss, byClass, a.estimate(), loss - estimate);
    }

    private static SideSummary side(RunModel m, boolean ops) {
        double seconds = m.wallSeconds();
        long operations = m.count(GilEventNames.OPERATION);
        double throughput = seconds <= 0 ? 0 : (ops ? operations : m.runs().size()) / seconds;
        List<Path> files = m.runs().stream().map(RunInfo::file).toList();
        return new SideSummary(files, m.mode(), m.wallNanos(), operations, throughput,
                ops ? "operations" : "wall-time", m.operations());
    }

    private static ThreadClass classOf(ThreadModel t, Map<String, ThreadClass> baseline) {
        return baseline.getOrDefault(t.name(), t.classification().threadClass());
    }

    private static ClassLoss classLoss(ThreadClass c, RunModel a, RunModel b, Map<String, ThreadClass> baseline,
                                       boolean ops) {
        List<ThreadModel> ta = a.threads().stream().filter(t -> classOf(t, baseline) == c).toList();
        List<ThreadModel> tb = b.threads().stream().filter(t -> classOf(t, baseline) == c).toList();
        if (ops) {
            double xa = a.wallSeconds() <= 0 ? 0 : ta.stream().mapToLong(ThreadModel::operations).sum() / a.wallSeconds();
            double xb = b.wallSeconds() <= 0 ? 0 : tb.stream().mapToLong(ThreadModel::operations).sum() / b.wallSeconds();
            Double loss = ta.isEmpty() || tb.isEmpty() || xa <= 0 ? null : 1.0 - xb / xa;
            return new ClassLoss(c, ta.size(), tb.size(), xa, xb, loss, "operations per second");
        }
        long timeA = ta.stream().mapToLong(t -> t.time().instrumentedNanos()).sum();
        long timeB = tb.stream().mapToLong(t -> t.time().instrumentedNanos()).sum();
        double xa = timeA <= 0 ? 0 : 1e9 / timeA;
        double xb = timeB <= 0 ? 0 : 1e9 / timeB;
        Double loss = ta.isEmpty() || tb.isEmpty() || xa <= 0 || xb <= 0 ? null : 1.0 - xb / xa;
        return new ClassLoss(c, ta.size(), tb.size(), xa, xb, loss, "1/s of time in instrumented code");
    }
}
