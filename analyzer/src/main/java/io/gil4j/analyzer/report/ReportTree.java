package io.gil4j.analyzer.report;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.compare.ClassLoss;
import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.compare.SideSummary;
import io.gil4j.analyzer.model.Classification;
import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.LossEstimate;
import io.gil4j.analyzer.model.RunInfo;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.rules.RuleResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns reports and comparisons into the JSON document trees described in {@code analyzer/SCHEMA.md}
 * (schema resource {@code io/gil4j/analyzer/report.schema.json}). Field names are part of the
 * contract: add fields freely, never rename or remove without bumping {@link #SCHEMA_VERSION}.
 */
public final class ReportTree {
    public static final String SCHEMA_VERSION = "gil4j-analyzer/1";

    private ReportTree() {
    }

    public static Map<String, Object> report(AnalysisReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA_VERSION);
        root.put("kind", "report");
        root.putAll(body(r));
        return root;
    }

    public static Map<String, Object> compare(Comparison c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA_VERSION);
        root.put("kind", "compare");
        root.put("a", side(c.a()));
        root.put("b", side(c.b()));
        root.put("throughputLoss", c.throughputLoss());
        root.put("byClass", c.byClass().stream().map(ReportTree::classLoss).toList());
        root.put("estimateFromA", estimate(c.estimateFromA()));
        root.put("estimateError", c.estimateError());
        root.put("reportA", body(c.reportA()));
        root.put("reportB", body(c.reportB()));
        return root;
    }

    private static Map<String, Object> body(AnalysisReport r) {
        RunModel m = r.model();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("files", m.runs().stream().map(x -> x.file().toString()).toList());
        o.put("runs", m.runs().stream().map(ReportTree::run).toList());
        o.put("config", config(m.config()));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("wallNanos", m.wallNanos());
        s.put("threads", m.threads().size());
        s.put("utilization", m.utilization());
        s.put("meanWaiters", m.meanWaiters());
        s.put("acquisitions", m.acquisitions());
        s.put("switches", m.switches());
        s.put("switchesPerSecond", m.switchesPerSecond());
        s.put("dropRequests", m.dropRequests());
        s.put("revocations", m.revocations());
        s.put("time", time(m.total()));
        s.put("shares", shares(m.total()));
        o.put("summary", s);
        Map<String, Object> waits = distribution(m.waits());
        Map<String, Object> byReason = new LinkedHashMap<>();
        m.waitsByReason().forEach((k, v) -> byReason.put(k, distribution(v)));
        waits.put("byReason", byReason);
        o.put("waits", waits);
        Map<String, Object> holds = distribution(m.holds());
        holds.put("byEndReason", m.holdsByEndReason());
        holds.put("overdueHolds", m.overdueHolds());
        holds.put("overdueHoldNanos", m.overdueHoldNanos());
        o.put("holds", holds);
        o.put("releasesByKind", m.releasesByKind());
        Map<String, Object> ops = distribution(m.operations());
        ops.put("byMethod", m.operationsByMethod());
        o.put("operations", ops);
        o.put("revocationsByHolderState", m.revocationsByHolderState());
        o.put("revocationLatency", distribution(m.revocationLatency()));
        o.put("eventCounts", m.eventCounts());
        o.put("topWaitStacks", m.topWaitStacks().stream().map(w -> ordered("frames", w.frames(),
                "waits", w.waits(), "totalWaitNanos", w.totalWaitNanos())).toList());
        o.put("threads", m.threads().stream().map(ReportTree::thread).toList());
        o.put("estimate", estimate(m.estimate()));
        o.put("instrumentationErrors", m.instrumentationErrors());
        o.put("findings", r.findings().stream().map(ReportTree::finding).toList());
        o.put("worstSeverity", r.worstSeverity().name());
        return o;
    }

    private static Map<String, Object> run(RunInfo r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", r.file().toString());
        o.put("startEpochNanos", r.startNanos());
        o.put("endEpochNanos", r.endNanos());
        o.put("wallNanos", r.wallNanos());
        o.put("gilEvents", r.gilEvents());
        o.put("mode", r.config().effectiveMode());
        return o;
    }

    private static Map<String, Object> config(RunConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("present", c.present());
        o.put("mode", c.effectiveMode());
        o.put("intervalNanos", c.effectiveIntervalNanos());
        o.put("checkInterval", c.checkInterval());
        o.put("include", c.include());
        o.put("exclude", c.exclude());
        o.put("release", c.release());
        o.put("throughput", c.throughput());
        o.put("waitThresholdNanos", c.waitThresholdNanos());
        o.put("holdThresholdNanos", c.holdThresholdNanos());
        o.put("releaseThresholdNanos", c.releaseThresholdNanos());
        o.put("statsPeriodNanos", c.statsPeriodNanos());
        o.put("options", c.options());
        o.put("javaVersion", c.javaVersion());
        o.put("cores", c.cores());
        o.put("agentVersion", c.agentVersion());
        o.put("monitorEvents", c.monitorEvents());
        return o;
    }

    /** An object with its keys in the order given (Map.of's order changes from one JVM run to the next). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return o;
    }

    static Map<String, Object> time(TimeShares t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("wallNanos", t.wallNanos());
        o.put("heldNanos", t.heldNanos());
        o.put("waitNanos", t.waitNanos());
        o.put("releasedNanos", t.releasedNanos());
        o.put("outsideNanos", t.outsideNanos());
        o.put("releasedByKindNanos", ordered("io", t.releasedIoNanos(), "sleep", t.releasedSleepNanos(),
                "lock", t.releasedLockNanos(), "wait", t.releasedWaitNanos(), "user", t.releasedUserNanos()));
        return o;
    }

    static Map<String, Object> shares(TimeShares t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("held", t.heldShare());
        o.put("wait", t.waitShare());
        o.put("released", t.releasedShare());
        o.put("outside", t.outsideShare());
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("io", t.share(t.releasedIoNanos()));
        k.put("sleep", t.share(t.releasedSleepNanos()));
        k.put("lock", t.share(t.releasedLockNanos()));
        k.put("wait", t.share(t.releasedWaitNanos()));
        k.put("user", t.share(t.releasedUserNanos()));
        o.put("releasedByKind", k);
        return o;
    }

    public static Map<String, Object> distribution(Distribution d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", d.count());
        o.put("minNanos", d.min());
        o.put("meanNanos", d.mean());
        o.put("p50Nanos", d.p50());
        o.put("p90Nanos", d.p90());
        o.put("p99Nanos", d.p99());
        o.put("p999Nanos", d.p999());
        o.put("maxNanos", d.max());
        return o;
    }

    private static Map<String, Object> thread(ThreadModel t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("run", t.run());
        o.put("id", t.threadId());
        o.put("name", t.name());
        o.put("source", t.fromStats() ? "stats" : "events");
        Classification c = t.classification();
        o.put("classification", ordered("class", c.threadClass().name(), "label", c.threadClass().label(),
                "demandHeldShare", c.demandHeldShare(), "heldWaitShare", c.heldWaitShare(),
                "releasedShare", c.releasedShare(), "reason", c.reason()));
        o.put("time", time(t.time()));
        o.put("shares", shares(t.time()));
        o.put("acquisitions", t.acquisitions());
        o.put("switches", t.switches());
        o.put("dropRequests", t.dropRequests());
        o.put("revocations", t.revocations());
        o.put("waitEvents", t.waitEvents());
        o.put("maxWaitNanos", t.maxWaitNanos());
        o.put("holdEvents", t.holdEvents());
        o.put("maxHoldNanos", t.maxHoldNanos());
        o.put("overdueHolds", t.overdueHolds());
        o.put("releaseEvents", t.releaseEvents());
        o.put("operations", t.operations());
        return o;
    }

    static Map<String, Object> estimate(LossEstimate e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("wallNanos", e.wallNanos());
        o.put("demandNanos", e.demandNanos());
        o.put("simpleLoss", e.simpleLoss());
        o.put("refinedWallNanos", e.refinedWallNanos());
        o.put("refinedLoss", e.refinedLoss());
        o.put("intervals", e.intervals());
        o.put("basis", e.basis());
        return o;
    }

    private static Map<String, Object> finding(RuleResult f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", f.ruleId());
        o.put("name", f.ruleName());
        o.put("severity", f.severity().name());
        o.put("message", f.message());
        o.put("numbers", f.numbers());
        return o;
    }

    private static Map<String, Object> side(SideSummary s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("files", s.files().stream().map(Object::toString).toList());
        o.put("mode", s.mode());
        o.put("wallNanos", s.wallNanos());
        o.put("operations", s.operations());
        o.put("throughput", s.throughput());
        o.put("throughputBasis", s.throughputBasis());
        o.put("latency", distribution(s.latency()));
        return o;
    }

    private static Map<String, Object> classLoss(ClassLoss c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("class", c.threadClass().name());
        o.put("threadsA", c.threadsA());
        o.put("threadsB", c.threadsB());
        o.put("throughputA", c.a());
        o.put("throughputB", c.b());
        o.put("loss", c.loss());
        o.put("basis", c.basis());
        return o;
    }
}
