package io.gil4j.analyzer.report;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.model.WaitStack;
import io.gil4j.analyzer.rules.RuleResult;
import io.gil4j.analyzer.rules.Severity;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The terminal report of {@code report}. Every string from a recording goes through {@link Fmt#clean}. */
public final class TextReport {
    static final int MAX_THREADS = 50;

    private TextReport() {
    }

    public static String render(AnalysisReport r) {
        StringBuilder sb = new StringBuilder();
        RunModel m = r.model();
        header(sb, m);
        summary(sb, m);
        threads(sb, m);
        stacks(sb, m.topWaitStacks());
        findings(sb, "Findings", r.findings());
        sb.append('\n').append(lossLine(m)).append('\n');
        return sb.toString();
    }

    /**
     * What this recording alone says about the loss. Without a GIL (mode=off): the bound of
     * docs/design.md section 6 and where the prediction is. Under one: the share of the threads' time in
     * instrumented code spent waiting for it, which running without the GIL would give back at most.
     */
    static String lossLine(RunModel m) {
        if ("off".equals(m.mode())) {
            return "Single-recording loss estimate (docs/design.md section 6): demand " + Fmt.dur(m.estimate().demandNanos())
                    + " vs wall " + Fmt.dur(m.estimate().wallNanos()) + ": " + Fmt.pct(m.estimate().simpleLoss())
                    + ", refined " + Fmt.pct(m.estimate().refinedLoss()) + " over " + m.estimate().intervals()
                    + " interval(s); `gil-analyzer predict` simulates the GIL on this recording";
        }
        return "Single-recording loss estimate (docs/design.md section 6): " + Fmt.pct(waitingShare(m))
                + " of the threads' time in instrumented code went to waiting for the GIL";
    }

    /** Waiting / (held + waiting + released), over all threads. */
    public static double waitingShare(RunModel m) {
        long inCode = m.total().instrumentedNanos();
        return inCode <= 0 ? 0 : (double) m.total().waitNanos() / inCode;
    }

    private static void header(StringBuilder sb, RunModel m) {
        sb.append("gil4j report: ");
        sb.append(String.join(", ", m.runs().stream().map(x -> Fmt.clean(x.file().toString())).toList()));
        sb.append("\n  ").append(m.runs().size()).append(" run(s), mode=").append(Fmt.clean(m.mode()))
                .append(", switch interval ").append(Fmt.dur(m.intervalNanos()))
                .append(m.config().present() ? "" : " (no gil.Config: default assumed)")
                .append(monitors(m.config().monitorEvents()))
                .append(", wall ").append(Fmt.dur(m.wallNanos())).append(", ").append(m.threads().size())
                .append(" thread(s)\n");
    }

    /** How monitors were handled: by the JVMTI helper, or left to the safety net (docs/design.md section 4). */
    private static String monitors(Boolean helper) {
        if (helper == null) return "";
        return helper ? ", monitors released by the JVMTI helper" : ", monitors left to the safety net (no JVMTI helper)";
    }

    private static void summary(StringBuilder sb, RunModel m) {
        TimeShares t = m.total();
        sb.append("\nGIL     utilization ").append(Fmt.pct(m.utilization())).append("   mean waiters ")
                .append(Fmt.num(m.meanWaiters())).append("   switches ").append(Fmt.num(m.switchesPerSecond()))
                .append("/s (").append(m.switches()).append(")   drop requests ").append(m.dropRequests())
                .append("   revocations ").append(m.revocations()).append('\n');
        sb.append("Time    held ").append(Fmt.pct(t.heldShare())).append("   waiting ").append(Fmt.pct(t.waitShare()))
                .append("   released ").append(Fmt.pct(t.releasedShare())).append(" (io ")
                .append(Fmt.pct(t.share(t.releasedIoNanos()))).append(", sleep ").append(Fmt.pct(t.share(t.releasedSleepNanos())))
                .append(", lock ").append(Fmt.pct(t.share(t.releasedLockNanos()))).append(", wait ")
                .append(Fmt.pct(t.share(t.releasedWaitNanos()))).append(", user ").append(Fmt.pct(t.share(t.releasedUserNanos())))
                .append(")   outside ").append(Fmt.pct(t.outsideShare())).append("   (of all threads' wall time)\n");
        sb.append("Waits   ").append(dist(m.waits())).append('\n');
        for (Map.Entry<String, Distribution> e : m.waitsByReason().entrySet()) {
            sb.append("  ").append(Fmt.col(e.getKey(), 10)).append(dist(e.getValue())).append('\n');
        }
        sb.append("Holds   ").append(dist(m.holds())).append("   overdue ").append(m.overdueHolds()).append('\n');
        if (m.revocationLatency().count() > 0) {
            sb.append("Revoked ").append(dist(m.revocationLatency())).append("   (latency: waiters kept from a stuck holder)\n");
        }
        if (m.operations().count() > 0) {
            sb.append("Ops     ").append(dist(m.operations())).append("   ")
                    .append(Fmt.num(m.operations().count() / Math.max(1e-9, m.wallSeconds()))).append("/s\n");
        }
    }

    static String dist(Distribution d) {
        if (d.count() == 0) {
            return "n=0";
        }
        return "n=" + d.count() + "  p50 " + Fmt.dur(d.p50()) + "  p90 " + Fmt.dur(d.p90()) + "  p99 "
                + Fmt.dur(d.p99()) + "  p99.9 " + Fmt.dur(d.p999()) + "  max " + Fmt.dur(d.max());
    }

    private static void threads(StringBuilder sb, RunModel m) {
        sb.append("\nThreads (shares of each thread's wall time)\n  ")
                .append(Fmt.col("thread", 28)).append(Fmt.col("class", 11))
                .append("   held   wait    rel    out  switches  source  decided by\n");
        List<ThreadModel> sorted = m.threads().stream()
                .sorted(Comparator.comparingLong((ThreadModel t) -> t.time().instrumentedNanos()).reversed()).toList();
        for (ThreadModel t : sorted.subList(0, Math.min(MAX_THREADS, sorted.size()))) {
            TimeShares s = t.time();
            sb.append("  ").append(Fmt.col((m.runs().size() > 1 ? "#" + t.run() + " " : "") + t.name(), 28))
                    .append(Fmt.col(t.classification().threadClass().label(), 11))
                    .append(String.format(java.util.Locale.ROOT, "%7s%7s%7s%7s%10d  %-6s  ", Fmt.pct(s.heldShare()),
                            Fmt.pct(s.waitShare()), Fmt.pct(s.releasedShare()), Fmt.pct(s.outsideShare()),
                            t.switches(), t.fromStats() ? "stats" : "events"))
                    .append(Fmt.clean(t.classification().reason())).append('\n');
        }
        if (sorted.size() > MAX_THREADS) {
            sb.append("  ... ").append(sorted.size() - MAX_THREADS).append(" more thread(s) in --format json\n");
        }
    }

    private static void stacks(StringBuilder sb, List<WaitStack> stacks) {
        if (stacks.isEmpty()) {
            return;
        }
        sb.append("\nTop stacks where threads wait for the GIL\n");
        int i = 1;
        for (WaitStack w : stacks) {
            sb.append(String.format(java.util.Locale.ROOT, "  %2d. %s in %d wait(s)%n", i++, Fmt.dur(w.totalWaitNanos()),
                    w.waits()));
            List<String> frames = w.frames().isEmpty() ? List.of("<no stack trace>") : w.frames();
            for (int f = 0; f < Math.min(4, frames.size()); f++) {
                sb.append("        ").append(f == 0 ? "at " : "<- ").append(Fmt.clean(frames.get(f))).append('\n');
            }
        }
    }

    static void findings(StringBuilder sb, String title, List<RuleResult> findings) {
        sb.append('\n').append(title).append('\n');
        findings.stream().sorted(Comparator.comparing(RuleResult::severity).reversed()).forEach(f -> {
            sb.append("  ").append(Fmt.col("[" + f.severity() + "]", 17)).append(f.ruleName()).append(": ")
                    .append(Fmt.clean(f.message())).append('\n');
        });
        if (findings.stream().noneMatch(f -> f.severity().compareTo(Severity.WARNING) >= 0)) {
            sb.append("  no warnings\n");
        }
    }
}
