package io.gil4j.testkit.work;

/** The CPU-bound step {@link LiveCpu}'s threads repeat: about 20 us of a 64-bit LCG. */
final class LiveCpuWork {
    private LiveCpuWork() { }

    static long chunk(long seed) {
        long x = seed;
        for (int i = 0; i < 20_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }
}
