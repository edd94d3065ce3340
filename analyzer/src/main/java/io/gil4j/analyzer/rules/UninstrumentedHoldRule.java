package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.HoldEndReasons;
import io.gil4j.analyzer.model.ModelBuilder;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Extension holds the GIL": uninstrumented code (no checkpoints, like a C extension that does not
 * release) keeps the GIL long after a waiter asked for it.
 *
 * <p>Evidence: gil.Hold events that ended on request ({@code drop-request} or {@code revoked}) but
 * lasted at least {@link ModelBuilder#OVERDUE_INTERVALS} switch intervals with at most one checkpoint
 * on the slow path ("overdue holds"). A hold honouring a request at the next checkpoint lasts about one
 * interval after the waiter arrived; three or more intervals with no checkpoint means the code between
 * checkpoints ran that long. Holds that passed several checkpoints without dropping (e.g. inside a
 * class initializer, where drops are not honoured) are counted apart and do not fire this rule.
 * Revocations for NO_CPU_PROGRESS (blocking the hooks missed) are the hidden-blocking rule's.
 * <ul>
 *   <li>CRITICAL: >= 3 overdue holds and (overdue time >= 10% of wall or longest hold >= 20 intervals)</li>
 *   <li>WARNING: >= 3 overdue holds and they are >= 10% of the holds ended on request</li>
 *   <li>INFO: some overdue holds</li>
 * </ul>
 */
public final class UninstrumentedHoldRule implements Rule {
    static final int MIN_HOLDS = 3;
    static final double MIN_FRACTION = 0.10;

    @Override
    public String id() {
        return "uninstrumented-hold";
    }

    @Override
    public String name() {
        return "Extension holds the GIL";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.HOLD);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        long interval = m.intervalNanos();
        long onRequest = m.holdsByEndReason().getOrDefault(HoldEndReasons.DROP_REQUEST, 0L)
                + m.holdsByEndReason().getOrDefault(HoldEndReasons.REVOKED, 0L);
        long overdue = m.overdueHolds();
        double fraction = onRequest == 0 ? 0 : (double) overdue / onRequest;
        double timeShare = m.wallNanos() == 0 ? 0 : (double) m.overdueHoldNanos() / m.wallNanos();
        long maxHold = m.holds().max();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("overdueHolds", overdue);
        n.put("holdsEndedOnRequest", onRequest);
        n.put("overdueFraction", Numbers.round(fraction));
        n.put("overdueHoldNanos", m.overdueHoldNanos());
        n.put("overdueShareOfWall", Numbers.round(timeShare));
        n.put("maxHoldNanos", maxHold);
        n.put("intervalNanos", interval);
        n.put("overdueThresholdNanos", ModelBuilder.OVERDUE_INTERVALS * interval);
        n.put("overdueHoldsPassingCheckpoints", m.overdueHoldsWithCheckpoints());
        if (overdue == 0) {
            return RuleResult.of(this, Severity.OK, "Every hold ended on request was dropped within "
                    + ModelBuilder.OVERDUE_INTERVALS + " switch intervals.", n);
        }
        String who = m.threads().stream().filter(t -> t.overdueHolds() > 0)
                .sorted(Comparator.comparingLong(ThreadModel::overdueHoldNanos).reversed()).limit(3)
                .map(t -> t.name() + " (" + t.overdueHolds() + ", " + Numbers.ms(t.overdueHoldNanos()) + ")")
                .collect(Collectors.joining(", "));
        String what = overdue + " of " + onRequest + " holds ended on request lasted >= "
                + ModelBuilder.OVERDUE_INTERVALS + " switch intervals without reaching a checkpoint (longest "
                + Numbers.ms(maxHold) + "; threads: " + who + ")";
        if (overdue >= MIN_HOLDS && (timeShare >= 0.10 || maxHold >= 20 * interval)) {
            return RuleResult.of(this, Severity.CRITICAL, "Uninstrumented code holds the GIL: " + what
                    + ". Name its methods in release= if they do not touch shared state, or instrument them.", n);
        }
        if (overdue >= MIN_HOLDS && fraction >= MIN_FRACTION) {
            return RuleResult.of(this, Severity.WARNING, "Uninstrumented code delays GIL switches: " + what + ".", n);
        }
        return RuleResult.of(this, Severity.INFO, what + ".", n);
    }
}
