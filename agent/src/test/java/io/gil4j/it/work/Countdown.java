package io.gil4j.it.work;

/**
 * The seed's CPU-bound workload as the agent's tests run it: a countdown whose loop body the JIT cannot
 * fold away (a xorshift step whose result is printed), the kernel of the demo's seed countdown
 * ({@code io.gil4j.demo.seed.Countdown}), which these tests cannot load: the agent module is built and
 * tested before the demos. {@code Countdown N THREADS} splits N over THREADS threads and prints
 * {@code result=<checksum> seconds=<wall>}. The LCG kernel is covered by the analyzer's tests and the
 * corpus ({@code lcg}), whose ratios are checked.
 */
public final class Countdown {
    private Countdown() { }

    public static long countdown(long n) {
        long x = n | 1;
        while (n > 0) {
            // xorshift: a serial dependency the JIT cannot fold or re-associate across iterations
            // (JDK 25's C2 did shortcut an LCG here on some runs, making timings bimodal)
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            n--;
        }
        return x;
    }

    /**
     * Enough calls that countdown() itself is C2-compiled before the timed run (one long call only
     * gets an OSR compilation, and the timed call may then run in C1 code for a while), and on two
     * threads at once, so that under a GIL the checkpoint's slow path has been taken before the
     * compilation that is timed: the 1-thread and 2-thread runs then time the same machine code.
     */
    static void warmUp() throws InterruptedException {
        Thread[] ts = new Thread[2];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = new Thread(() -> {
                for (int i = 0; i < 100; i++) countdown(400_000);
            }, "warm-up-" + k);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        warmUp();
        long[] results = new long[threads];
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int k = i;
            ts[i] = new Thread(() -> results[k] = countdown(n / threads), "countdown-" + i);
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sum = 0;
        for (long r : results) sum += r;
        System.out.println("result=" + sum + " seconds=" + seconds);
    }
}
