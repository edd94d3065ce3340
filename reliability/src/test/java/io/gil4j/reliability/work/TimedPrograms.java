package io.gil4j.reliability.work;

/**
 * {@code TimedPrograms SEED...}: runs the seeded random programs one after another ({@link Interp}) and
 * prints {@code wallNanos=N}, the time they took, for {@code scripts/predict-check.sh}. Interp's own
 * output stays the same with and without the agent (RandomizedIT compares it), so the timing lives here.
 */
public final class TimedPrograms {
    private TimedPrograms() { }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Interp.main(args);
        System.out.println("wallNanos=" + (System.nanoTime() - start));
    }
}
