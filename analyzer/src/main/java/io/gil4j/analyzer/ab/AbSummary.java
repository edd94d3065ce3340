package io.gil4j.analyzer.ab;

import io.gil4j.analyzer.read.Parser;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.predict.Prediction;
import io.gil4j.analyzer.predict.Predictor;
import io.gil4j.analyzer.compare.Comparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The A/B's numbers: per arm, per endpoint and in total, throughput and latency percentiles as means
 * over runs with bootstrap intervals ({@link Bootstrap}), the throughput loss against the first arm
 * with its interval, failed requests, and the CPU-bound / I/O-bound split that {@code compare} finds in
 * the recordings (against the first arm that ran with the agent).
 */
public record AbSummary(AbRunner.Plan plan, List<ArmSummary> arms, Prediction prediction, long skipNanos,
                        List<String> warnings) {
    public static final String TOTAL = "(total)";

    /** One endpoint (or the total) of one arm. */
    public record Metric(String endpoint, Bootstrap.Interval throughput, Bootstrap.Interval loss, Bootstrap.Interval p50,
                         Bootstrap.Interval p99, Bootstrap.Interval p999, long completed, long failed,
                         List<double[]> percentileCurve) { }

    /** One arm: its runs' metrics and, where both sides have recordings, compare's class split. */
    public record ArmSummary(AbRunner.Arm arm, int runs, List<Metric> metrics, List<ClassLoss> classes) { }

    /** Percentiles of the latency curves in the HTML plot. */
    static final double[] CURVE = {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

    public static AbSummary of(AbRunner.Plan plan, List<AbRunner.Run> runs) {
        return of(plan, runs, Parser.own);
    }

    /** With {@code parser} reading the arms' recordings. */
    public static AbSummary of(AbRunner.Plan plan, List<AbRunner.Run> runs, Parser parser) {
        List<String> warnings = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        plan.mix().endpoints().forEach(e -> endpoints.add(e.path()));
        endpoints.add(TOTAL);
        Map<AbRunner.Arm, double[][]> throughput = new LinkedHashMap<>();
        for (AbRunner.Arm arm : plan.arms()) throughput.put(arm, throughputs(runsOf(runs, arm), endpoints));
        AbRunner.Arm baseline = plan.arms().get(0);
        AbRunner.Arm recordedBaseline = plan.arms().stream().filter(AbRunner.Arm::agent).findFirst().orElse(null);
        List<ArmSummary> out = new ArrayList<>();
        long seed = 1;
        for (AbRunner.Arm arm : plan.arms()) {
            List<AbRunner.Run> mine = runsOf(runs, arm);
            List<Metric> metrics = new ArrayList<>();
            for (int e = 0; e < endpoints.size(); e++) {
                double[] x = throughput.get(arm)[e];
                double[] a = throughput.get(baseline)[e];
                double[][] pct = percentiles(mine, e, endpoints.size() - 1);
                long completed = 0;
                long failed = 0;
                for (AbRunner.Run r : mine) {
                    for (int i = 0; i < r.endpoints().size(); i++) {
                        if (e == endpoints.size() - 1 || i == e) {
                            completed += r.endpoints().get(i).completed();
                            failed += r.endpoints().get(i).failed();
                        }
                    }
                }
                metrics.add(new Metric(endpoints.get(e), Bootstrap.mean(x, seed++),
                        arm == baseline ? null : Bootstrap.loss(a, x, seed++), Bootstrap.mean(pct[0], seed++),
                        Bootstrap.mean(pct[1], seed++), Bootstrap.mean(pct[2], seed++), completed, failed,
                        curve(mine, e, endpoints.size() - 1)));
            }
            List<ClassLoss> classes = List.of();
            if (arm.agent() && recordedBaseline != null && arm != recordedBaseline) {
                try {
                    Comparison c = Analyzer.compare(recordings(runs, recordedBaseline), recordings(runs, arm), parser);
                    classes = c.byClass();
                } catch (AnalyzerException ex) {
                    warnings.add(arm.name() + ": no CPU-bound / I/O-bound split (" + ex.getMessage() + ")");
                }
            }
            out.add(new ArmSummary(arm, mine.size(), metrics, classes));
        }
        long skip = skipNanos(runs, plan.arms().get(0));
        Prediction prediction = predictFromOff(plan, runs, parser, skip, warnings);
        if (plan.runs() < 3) warnings.add("fewer than 3 runs per arm: the intervals are rough");
        return new AbSummary(plan, out, prediction, skip, warnings);
    }

    /**
     * What {@code gil-analyzer predict} makes of the first arm's recordings when they say they ran
     * mode=off (as a closed loop when the load is one), to set beside the measured loss; null otherwise.
     */
    private static Prediction predictFromOff(AbRunner.Plan plan, List<AbRunner.Run> runs, Parser parser, long skipNanos,
                                             List<String> warnings) {
        AbRunner.Arm first = plan.arms().get(0);
        List<Path> recorded = recordings(runs, first);
        if (recorded.isEmpty()) return null;
        try {
            Prediction p = Predictor.predict(recorded, 0, 0, plan.rate() <= 0, parser, skipNanos, plan.connections());
            return p.inputMode().equals("off") ? p : null;
        } catch (AnalyzerException ex) {
            warnings.add("no prediction from the " + first.name() + " runs (" + ex.getMessage() + ")");
            return null;
        }
    }

    /**
     * What the prediction leaves out of each recording, as {@code predict --skip}: the shortest span of the
     * arm's runs from starting the service to the end of the warm-up, in whole milliseconds. Counted from
     * the command's start, it also covers the JVM's own start before its first entry into instrumented
     * code (a few hundred milliseconds), so the first part of the measured load is left out too, never any
     * of the warm-up.
     */
    static long skipNanos(List<AbRunner.Run> runs, AbRunner.Arm arm) {
        long shortest = runsOf(runs, arm).stream().mapToLong(AbRunner.Run::unmeasuredNanos).min().orElse(0);
        return shortest / 1_000_000L * 1_000_000L;
    }

    private static List<AbRunner.Run> runsOf(List<AbRunner.Run> runs, AbRunner.Arm arm) {
        return runs.stream().filter(r -> r.arm().equals(arm)).toList();
    }

    private static List<Path> recordings(List<AbRunner.Run> runs, AbRunner.Arm arm) {
        return runsOf(runs, arm).stream().map(AbRunner.Run::recording).filter(Objects::nonNull).toList();
    }

    /** [endpoint][run] requests per second; the last endpoint is the total. */
    private static double[][] throughputs(List<AbRunner.Run> runs, List<String> endpoints) {
        double[][] out = new double[endpoints.size()][runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            double total = 0;
            for (int e = 0; e < endpoints.size() - 1; e++) {
                out[e][r] = runs.get(r).endpoints().get(e).throughput();
                total += out[e][r];
            }
            out[endpoints.size() - 1][r] = total;
        }
        return out;
    }

    private static Histogram latency(AbRunner.Run r, int e, int total) {
        if (e != total) return r.endpoints().get(e).latency();
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        for (LoadDriver.EndpointRun x : r.endpoints()) h.add(x.latency());
        return h;
    }

    /** [p50, p99, p99.9][run], milliseconds. */
    private static double[][] percentiles(List<AbRunner.Run> runs, int e, int total) {
        double[][] out = new double[3][runs.size()];
        for (int r = 0; r < runs.size(); r++) {
            Histogram h = latency(runs.get(r), e, total);
            double[] p = {50, 99, 99.9};
            for (int i = 0; i < 3; i++) out[i][r] = h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p[i]) / 1e6;
        }
        return out;
    }

    /** {percentile, milliseconds} over all runs of the arm merged. */
    private static List<double[]> curve(List<AbRunner.Run> runs, int e, int total) {
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        for (AbRunner.Run r : runs) all.add(latency(r, e, total));
        List<double[]> out = new ArrayList<>();
        if (all.getTotalCount() == 0) return out;
        for (double p : CURVE) out.add(new double[] {p, all.getValueAtPercentile(p) / 1e6});
        return out;
    }
}
