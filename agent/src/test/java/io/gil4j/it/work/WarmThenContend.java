package io.gil4j.it.work;

/**
 * A loop that the JIT compiles while its thread runs alone, then runs on two threads at once: the code
 * compiled before any contention meets the first drop request. Prints {@code result=<x>}.
 */
public final class WarmThenContend {
    private WarmThenContend() { }

    static long spin(long seed, long steps) {
        long x = seed;
        for (long i = 0; i < steps; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    public static void main(String[] args) throws Exception {
        long s = 0;
        for (int i = 0; i < 300; i++) s += spin(i, 1_000_000);
        long[] r = new long[2];
        Thread[] ts = new Thread[2];
        for (int k = 0; k < ts.length; k++) {
            int me = k;
            ts[k] = new Thread(() -> {
                long x = 0;
                for (int i = 0; i < 100; i++) x += spin(i + me, 1_000_000);
                r[me] = x;
            }, "contender-" + k);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        System.out.println("result=" + (s + r[0] + r[1]));
    }
}
