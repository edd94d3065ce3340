package io.gil4j.it.work;

/** The instrumented half of the stats workload. */
public final class StatsWorkload {
    private StatsWorkload() { }

    /** Computes for about {@code ms} milliseconds of wall time. */
    public static long compute(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    public static long sleepInside(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ms;
    }
}
