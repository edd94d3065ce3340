package io.gil4j.analyzer.model;

import java.util.Locale;

/**
 * Classifies a thread as CPU-bound, I/O-bound or mixed from where its instrumented-code time went.
 *
 * <p>The deciding number is {@code d = held / (held + released)}: the share of the thread's own work
 * that needs the GIL. Waiting is deliberately left out of the decision: wait time is imposed by the
 * other threads, so an I/O thread stuck in a convoy (mostly waiting) must still read as I/O-bound.
 * <ul>
 *   <li>{@code d >= 0.70}: CPU-bound</li>
 *   <li>{@code d <= 0.30}: I/O-bound</li>
 *   <li>otherwise: mixed</li>
 *   <li>held + released below 1 ms: unknown (too little data)</li>
 * </ul>
 */
public final class Classifier {
    public static final double CPU_BOUND_MIN = 0.70;
    public static final double IO_BOUND_MAX = 0.30;
    public static final long MIN_DEMAND_NANOS = 1_000_000L;

    private Classifier() {
    }

    public static Classification classify(TimeShares t) {
        long demand = t.heldNanos() + t.releasedNanos();
        long inCode = t.instrumentedNanos();
        double heldWait = inCode == 0 ? 0 : (double) (t.heldNanos() + t.waitNanos()) / inCode;
        double released = inCode == 0 ? 0 : (double) t.releasedNanos() / inCode;
        if (demand < MIN_DEMAND_NANOS) {
            return new Classification(ThreadClass.UNKNOWN, 0, heldWait, released,
                    "held + released below 1 ms: too little time in instrumented code to tell");
        }
        double d = (double) t.heldNanos() / demand;
        String pct = String.format(Locale.ROOT, "%.0f%%", d * 100);
        if (d >= CPU_BOUND_MIN) {
            return new Classification(ThreadClass.CPU_BOUND, d, heldWait, released,
                    "held is " + pct + " of held + released (>= 70%)");
        }
        if (d <= IO_BOUND_MAX) {
            return new Classification(ThreadClass.IO_BOUND, d, heldWait, released,
                    "held is " + pct + " of held + released (<= 30%)");
        }
        return new Classification(ThreadClass.MIXED, d, heldWait, released,
                "held is " + pct + " of held + released (between 30% and 70%)");
    }
}
