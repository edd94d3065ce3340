package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadModel;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starvation: a thread that waits for the GIL far more than it holds it while other threads of the same
 * run hold it. From gil.Stats, per thread: wait >= 4 x held, wait >= 25% of its wall time, and the
 * other threads of its run held the GIL for >= 50% of its wall time.
 * <ul>
 *   <li>CRITICAL: some starving thread has wait >= 10 x held and wait >= 50% of its wall time</li>
 *   <li>WARNING: some thread starves</li>
 * </ul>
 */
public final class StarvationRule implements Rule {
    static final double WAIT_TO_HELD = 4;
    static final double MIN_WAIT_SHARE = 0.25;
    static final double OTHERS_HELD_SHARE = 0.5;

    @Override
    public String id() {
        return "starvation";
    }

    @Override
    public String name() {
        return "Thread starvation";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.STATS);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        List<ThreadModel> starving = m.threads().stream().filter(t -> starves(t, m))
                .sorted(Comparator.comparingDouble((ThreadModel t) -> t.time().waitShare()).reversed()).toList();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("starvingThreads", starving.size());
        if (starving.isEmpty()) {
            return RuleResult.of(this, Severity.OK, "No thread waits far more than it holds while others hold.", n);
        }
        ThreadModel worst = starving.get(0);
        double ratio = ratio(worst);
        n.put("worstThread", worst.name());
        n.put("worstWaitShare", Numbers.round(worst.time().waitShare()));
        n.put("worstHeldShare", Numbers.round(worst.time().heldShare()));
        n.put("worstWaitToHeld", Numbers.round(Math.min(ratio, 1e9)));
        String list = starving.stream().limit(5).map(t -> t.name() + " (waits " + Numbers.pct(t.time().waitShare())
                + ", holds " + Numbers.pct(t.time().heldShare()) + ")").collect(Collectors.joining(", "));
        boolean severe = starving.stream().anyMatch(t -> ratio(t) >= 10 && t.time().waitShare() >= 0.5);
        return RuleResult.of(this, severe ? Severity.CRITICAL : Severity.WARNING, starving.size()
                + " thread(s) starve for the GIL while others hold it: " + list + ".", n);
    }

    private static double ratio(ThreadModel t) {
        long held = t.time().heldNanos();
        return held == 0 ? Double.POSITIVE_INFINITY : (double) t.time().waitNanos() / held;
    }

    private static boolean starves(ThreadModel t, RunModel m) {
        if (!t.fromStats() || t.time().accounted() == 0) {
            return false;
        }
        long othersHeld = m.threads().stream().filter(o -> o.run() == t.run() && o != t)
                .mapToLong(o -> o.time().heldNanos()).sum();
        return ratio(t) >= WAIT_TO_HELD && t.time().waitShare() >= MIN_WAIT_SHARE
                && othersHeld >= OTHERS_HELD_SHARE * t.time().accounted();
    }
}
