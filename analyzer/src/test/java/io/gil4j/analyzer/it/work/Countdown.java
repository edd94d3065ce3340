package io.gil4j.analyzer.it.work;

/**
 * CPU-bound workload: {@code Countdown THREADS ITERATIONS} runs an LCG of ITERATIONS steps on each of
 * THREADS threads. The LCG keeps a loop-carried dependency and its result is printed, so the JIT can
 * neither fold nor drop the loop. Prints {@code result=<x> wallNanos=<n>}; wallNanos spans main's entry
 * to the threads' end, the same span the recording's gil events cover (not JVM start-up).
 */
public final class Countdown {
    private Countdown() {
    }

    static long lcg(long seed, long n) {
        long x = seed;
        for (long i = n; i > 0; i--) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    public static void main(String[] args) throws InterruptedException {
        long t0 = System.nanoTime(); // from main's entry: the span a recording's gil events cover
        int threads = Integer.parseInt(args[0]);
        long iterations = Long.parseLong(args[1]);
        long[] results = new long[threads];
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int slot = k;
            ts[k] = new Thread(() -> results[slot] = lcg(slot + 1, iterations), "cpu-" + k);
            ts[k].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        long x = 0;
        for (long r : results) {
            x ^= r;
        }
        System.out.println("result=" + x + " wallNanos=" + wall);
    }
}
