package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Revocations (hidden blocking): the safety net took the GIL from a holder that blocked where no hook
 * saw it (contended synchronized, class initialization, native I/O). Each one cost the waiters up to
 * one switch interval. From gil.Revoke events (count, holder states, holder threads).
 * <ul>
 *   <li>CRITICAL: revocations x interval >= 10% of wall time</li>
 *   <li>WARNING: >= 10 revocations or >= 1 per second</li>
 *   <li>INFO: a few revocations</li>
 * </ul>
 */
public final class HiddenBlockingRule implements Rule {
    static final int MANY = 10;

    @Override
    public String id() {
        return "hidden-blocking";
    }

    @Override
    public String name() {
        return "Revocations (hidden blocking)";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.REVOKE);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        long count = Math.max(m.count(GilEventNames.REVOKE), m.revocations());
        double perSecond = m.wallNanos() == 0 ? 0 : count / m.wallSeconds();
        long cost = count * m.intervalNanos();
        double costShare = m.wallNanos() == 0 ? 0 : (double) cost / m.wallNanos();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("revocations", count);
        n.put("revocationsPerSecond", Numbers.round(perSecond));
        n.put("estimatedDelayNanos", cost);
        n.put("estimatedDelayShareOfWall", Numbers.round(costShare));
        m.revocationsByHolderState().forEach((state, c) -> n.put("holderState." + state, c));
        if (count == 0) {
            return RuleResult.of(this, Severity.OK, "The safety net never had to take the GIL from a blocked holder.", n);
        }
        String states = m.revocationsByHolderState().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        String holders = m.threads().stream().filter(t -> t.revocations() > 0)
                .sorted(Comparator.comparingLong(ThreadModel::revocations).reversed()).limit(3)
                .map(t -> t.name() + " (" + t.revocations() + ")").collect(Collectors.joining(", "));
        String what = count + " revocation(s) (" + Numbers.num(perSecond) + "/s; holder states: " + states
                + "; holders: " + holders + "), costing waiters up to " + Numbers.ms(cost) + " ("
                + Numbers.pct(costShare) + " of wall)";
        if (costShare >= 0.10) {
            return RuleResult.of(this, Severity.CRITICAL, "Hidden blocking while holding the GIL: " + what
                    + ". Find the blocking call (NO_CPU_PROGRESS: native I/O or class initialization) and name it in release=.", n);
        }
        if (count >= MANY || perSecond >= 1.0) {
            return RuleResult.of(this, Severity.WARNING, "Hidden blocking while holding the GIL: " + what + ".", n);
        }
        return RuleResult.of(this, Severity.INFO, what + ".", n);
    }
}
