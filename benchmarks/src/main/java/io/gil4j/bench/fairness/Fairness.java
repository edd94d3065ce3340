package io.gil4j.bench.fairness;

/**
 * N CPU-bound threads count for a fixed time; prints each one's share of the total and the smallest
 * share over the largest. Run under the agent ({@code include=io.gil4j.bench.fairness.**}) to see how
 * the GIL shares itself out, beside {@code benchmarks/fairness.py} under CPython (same loop, same output).
 *
 * <p>Usage: {@code Fairness THREADS SECONDS}
 */
public final class Fairness {
    private static volatile boolean stop;

    private Fairness() { }

    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        long[] counts = new long[n * 16]; // one cache line apart
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            threads[i] = new Thread(() -> count(counts, k * 16), "count-" + i);
        }
        for (Thread t : threads) t.start();
        Thread.sleep((long) (seconds * 1000));
        stop = true;
        for (Thread t : threads) t.join();
        long total = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < n; i++) {
            long c = counts[i * 16];
            total += c;
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        StringBuilder shares = new StringBuilder();
        for (int i = 0; i < n; i++) {
            shares.append(i == 0 ? "" : " ").append(String.format("%.3f", counts[i * 16] / (double) total));
        }
        System.out.printf("java threads=%d min/max=%.2f shares=%s%n", n, min / (double) max, shares);
    }

    private static void count(long[] counts, int slot) {
        long c = 0;
        while (!stop) {
            for (int j = 0; j < 1000; j++) c += j & 1;
            counts[slot] = c;
        }
    }
}
