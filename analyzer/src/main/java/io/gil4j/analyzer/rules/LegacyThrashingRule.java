package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Modes;
import io.gil4j.analyzer.model.RunModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Legacy-mode thrashing (Beazley, PyCon 2010): with Python 2's GIL ({@code mode=legacy}) the holder
 * releases and re-takes every {@code checkInterval} ticks; on several cores the waiters wake, fight and
 * lose, so threads spend as much time waiting as working and the GIL changes hands (or is fought for)
 * thousands of times per second of useful work.
 *
 * <p>Numbers: waitToHeld = total wait / total held (Stats); contention rate = max(switches, gil.Wait
 * events, acquisitions) per second of held time. Acquisitions count Python 2's release-and-retake
 * every checkInterval ticks (the agent's legacy mode only releases when someone waits): on a
 * multicore machine the holder usually wins the retake, so the GIL rarely changes hands while the
 * waiters keep waking and failing, which is exactly Beazley's thrashing; holder changes alone miss it.
 * <ul>
 *   <li>NOT_APPLICABLE unless gil.Config says mode=legacy</li>
 *   <li>CRITICAL: waitToHeld >= 1 and contention >= 2000/s held</li>
 *   <li>WARNING: waitToHeld >= 0.5 and contention >= min(500, 2 / interval) per held second: the new
 *       GIL hands over at most once per switch interval (200/s at 5 ms), so twice that is more fighting
 *       than mode=gil could produce. Real 2-thread countdowns under the agent's legacy mode on a loaded
 *       2-core machine show ~130-470/s (the fight needs two free cores), hence the interval-based bar.</li>
 * </ul>
 */
public final class LegacyThrashingRule implements Rule {
    static final double WARN_RATE = 500;
    static final double CRIT_RATE = 2000;

    @Override
    public String id() {
        return "legacy-thrashing";
    }

    @Override
    public String name() {
        return "Legacy-mode thrashing";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.CONFIG, GilEventNames.STATS);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        if (!Modes.LEGACY.equals(m.mode())) {
            return RuleResult.notApplicable(this, "only applies to mode=legacy; this run used mode=" + m.mode());
        }
        long held = m.total().heldNanos();
        long wait = m.total().waitNanos();
        double heldSeconds = held / 1e9;
        double waitToHeld = held == 0 ? 0 : (double) wait / held;
        long contention = Math.max(Math.max(m.switches(), m.count(GilEventNames.WAIT)), m.acquisitions());
        double rate = heldSeconds == 0 ? 0 : contention / heldSeconds;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("waitToHeld", Numbers.round(waitToHeld));
        n.put("contentionPerHeldSecond", Numbers.round(rate));
        n.put("switches", m.switches());
        n.put("waitEvents", m.count(GilEventNames.WAIT));
        n.put("acquisitions", m.acquisitions());
        n.put("heldNanos", held);
        n.put("waitNanos", wait);
        n.put("checkInterval", m.config().checkInterval());
        String what = "threads wait " + Numbers.num(waitToHeld) + " s per second held, with "
                + Math.round(rate) + " GIL release-and-retake cycles per second held (checkInterval " + m.config().checkInterval() + ")";
        if (waitToHeld >= 1 && rate >= CRIT_RATE) {
            return RuleResult.of(this, Severity.CRITICAL, "Legacy GIL thrashing: " + what
                    + ". This is Python 2's multicore problem; mode=gil avoids it.", n);
        }
        double warnRate = Math.min(WARN_RATE, 2e9 / m.config().effectiveIntervalNanos());
        if (waitToHeld >= 0.5 && rate >= warnRate) {
            return RuleResult.of(this, Severity.WARNING, "Legacy GIL contention: " + what + ".", n);
        }
        return RuleResult.of(this, Severity.OK, "No legacy thrashing: " + what + ".", n);
    }
}
