package io.gil4j.testkit.work;

/**
 * The tests' CPU-bound workload, the countdown of the seed experiment: {@code Countdown THREADS STEPS
 * [warm-up]} runs STEPS steps of a 64-bit linear congruential generator (Knuth's MMIX constants) on
 * each of THREADS threads and prints {@code result=<x> wallNanos=<n> seconds=<s>}. The generator keeps
 * a loop-carried dependency and its result is printed, so the JIT can neither fold nor drop the loop;
 * the loop runs over a {@code long} counter, the shape users write and the one the agent's strip-mined
 * back-edge has to keep fast.
 *
 * <p>The wall time runs from main's entry, the span a recording's gil events cover, unless
 * {@code warm-up} is given: then the countdown first runs briefly on two threads at once and the clock
 * starts after it. Tests that compare one thread with two under a GIL ask for it: enough calls for a
 * full C2 compilation of {@link #lcg} (one long call only gets an OSR compilation), made contended so
 * that the checkpoint's slow path has been taken before that compilation, and the one-thread and
 * two-thread runs time the same machine code.
 */
public final class Countdown {
    private Countdown() { }

    /** {@code steps} steps of the generator from {@code seed}. */
    public static long lcg(long seed, long steps) {
        long x = seed;
        for (long i = steps; i > 0; i--) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    static void warmUp() throws InterruptedException {
        Thread[] ts = new Thread[2];
        for (int k = 0; k < ts.length; k++) {
            long seed = k + 1;
            ts[k] = new Thread(() -> {
                for (int i = 0; i < 100; i++) lcg(seed, 400_000);
            }, "warm-up-" + k);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
    }

    public static void main(String[] args) throws InterruptedException {
        long t0 = System.nanoTime();
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("warm-up"))) {
            System.err.println("usage: Countdown THREADS STEPS [warm-up]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[0]);
        long steps = Long.parseLong(args[1]);
        if (args.length == 3) {
            warmUp();
            t0 = System.nanoTime();
        }
        long[] results = new long[threads];
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int slot = k;
            ts[k] = new Thread(() -> results[slot] = lcg(slot + 1, steps), "cpu-" + k);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        long wall = System.nanoTime() - t0;
        long x = 0;
        for (long r : results) x ^= r;
        System.out.println("result=" + x + " wallNanos=" + wall + " seconds=" + wall / 1e9);
    }
}
