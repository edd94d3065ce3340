package io.gil4j.it.work;

/**
 * The seed's CPU-bound workload: a countdown whose loop body the JIT cannot fold away (an LCG step
 * whose result is printed). {@code Countdown N THREADS} splits N over THREADS threads and prints
 * {@code result=<checksum> seconds=<wall>}.
 */
public final class Countdown {
    private Countdown() { }

    public static long countdown(long n) {
        long x = n;
        while (n > 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            n--;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        countdown(n / 50); // warm-up, same code path
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
