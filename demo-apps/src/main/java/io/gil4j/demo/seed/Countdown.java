package io.gil4j.demo.seed;

/**
 * The CPU-bound half of the seed experiment: CPython's {@code while n > 0: n -= 1}, made
 * non-foldable for the JIT. Each iteration is one step of a 64-bit xorshift generator whose final
 * state is returned and printed, so C2 can neither drop the loop nor replace it by a closed form; the
 * chain of six dependent shifts and xors bounds it near 1.7 ns per iteration, about 18x faster than
 * CPython's countdown, hence the larger default N (900 million steps take about CPython's 1.5 s).
 */
public final class Countdown {
    private Countdown() {
    }

    /**
     * Runs the countdown briefly on two threads at once before anything is timed: enough calls for a
     * full C2 compilation of countdown() (a single long call only gets an OSR one), and, under a GIL,
     * contended, so the checkpoint's slow path has been seen before that compilation. Otherwise the
     * first drop request in the timed 2-thread run deoptimizes the loop, and the 1-thread and
     * 2-thread rows would time different machine code.
     */
    public static void warmUp() throws InterruptedException {
        Thread[] ts = new Thread[2];
        for (int k = 0; k < ts.length; k++) {
            long seed = k + 1;
            ts[k] = new Thread(() -> {
                for (int i = 0; i < 100; i++) countdown(400_000, seed);
            }, "seed-warm-up-" + k);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
    }

    public static long countdown(long n, long seed) {
        long x = seed; // non-zero: xorshift keeps 0 at 0
        while (n > 0) {
            // xorshift: a serial dependency the JIT cannot fold or re-associate across iterations.
            // An LCG step here made the timings under the agent bimodal (one thread 1.07 to 1.71 s in
            // back-to-back runs, 1.03 to 1.08 s without the agent), as it did in the agent's own ITs.
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            n--;
        }
        return x;
    }
}
