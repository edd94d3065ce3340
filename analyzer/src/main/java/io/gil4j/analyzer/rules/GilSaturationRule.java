package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Modes;
import io.gil4j.analyzer.model.RunModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * GIL saturation: the GIL is held nearly all the time and threads queue for it, so adding threads
 * cannot add throughput. From gil.Stats: utilization u = total held / wall, mean waiters w = total wait
 * / wall (Little's law).
 * <ul>
 *   <li>CRITICAL: u >= 0.95 and w >= 0.75 (two CPU-bound threads: one holds, one waits, w ~ 1)</li>
 *   <li>WARNING: u >= 0.85 and w >= 0.25</li>
 *   <li>INFO: u >= 0.85 without a queue (one busy thread: no loss yet)</li>
 *   <li>mode=off (held is would-be-held demand): WARNING when u > 1, i.e. demand exceeds one GIL</li>
 * </ul>
 */
public final class GilSaturationRule implements Rule {
    static final double HIGH = 0.85;
    static final double SATURATED = 0.95;

    @Override
    public String id() {
        return "gil-saturation";
    }

    @Override
    public String name() {
        return "GIL saturation";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.STATS);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        double u = m.utilization();
        double w = m.meanWaiters();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("utilization", Numbers.round(u));
        n.put("meanWaiters", Numbers.round(w));
        n.put("heldNanos", m.total().heldNanos());
        n.put("waitNanos", m.total().waitNanos());
        n.put("wallNanos", m.wallNanos());
        String numbers = "utilization " + Numbers.pct(u) + ", mean waiters " + Numbers.num(w);
        if (Modes.OFF.equals(m.mode())) {
            if (u > 1.0) {
                return RuleResult.of(this, Severity.WARNING, "mode=off: the threads' GIL demand is " + Numbers.pct(u)
                        + " of wall time; under a GIL they would have to queue (" + numbers + ").", n);
            }
            return RuleResult.of(this, Severity.OK, "mode=off: GIL demand fits in one GIL (" + numbers + ").", n);
        }
        if (u >= SATURATED && w >= 0.75) {
            return RuleResult.of(this, Severity.CRITICAL, "The GIL is saturated: " + numbers
                    + ". Threads queue for it; more threads cannot add throughput.", n);
        }
        if (u >= HIGH && w >= 0.25) {
            return RuleResult.of(this, Severity.WARNING, "The GIL is nearly saturated: " + numbers + ".", n);
        }
        if (u >= HIGH) {
            return RuleResult.of(this, Severity.INFO, "The GIL is busy but nobody queues for it: " + numbers + ".", n);
        }
        return RuleResult.of(this, Severity.OK, "The GIL is not saturated: " + numbers + ".", n);
    }
}
