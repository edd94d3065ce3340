package io.gil4j.it.work;

import io.gil4j.bootstrap.Gil;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * How soon a GIL holder that blocks on a contended {@code synchronized} lets a waiting thread run.
 * Each round: an owner thread takes the monitor and sleeps; the holder takes the GIL and enters the
 * monitor, so it blocks holding the GIL; a CPU-bound spinner, which waits for the GIL all that time,
 * notes how long after the holder blocked it got to run. {@code MonitorHandOff ROUNDS} prints
 * {@code rounds= seen= p50us= p99us= maxus= revocations=}.
 */
public final class MonitorHandOff {
    private MonitorHandOff() { }

    private static final Object MONITOR = new Object();
    private static volatile long blockedAt;
    private static volatile int round;
    private static volatile boolean done;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        long[] latency = new long[rounds];
        int[] seen = new int[1];
        Thread spinner = new Thread(() -> {
            int last = 0;
            long x = 1;
            while (!done) {
                for (int i = 0; i < 1000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
                int r = round;
                long at = blockedAt;
                if (r != last && at != 0) {
                    latency[seen[0]++] = System.nanoTime() - at;
                    last = r;
                }
            }
            if (x == 42) System.out.println();
        }, "spinner");
        spinner.start();
        for (int r = 1; r <= rounds; r++) {
            CountDownLatch owned = new CountDownLatch(1);
            Thread owner = new Thread(() -> {
                synchronized (MONITOR) {
                    owned.countDown();
                    sleep(60); // longer than the holder's way to the monitor (7 ms, then up to a few intervals for the GIL)
                }
            }, "owner");
            owner.start();
            owned.await();
            sleep(7); // the spinner holds the GIL again and this thread waits for it (a drop request)
            blockedAt = System.nanoTime();
            round = r;
            synchronized (MONITOR) {
                blockedAt = 0;
            }
            owner.join();
        }
        done = true;
        spinner.join();
        long[] l = Arrays.copyOf(latency, seen[0]);
        Arrays.sort(l);
        System.out.printf("rounds=%d seen=%d p50us=%.1f p99us=%.1f maxus=%.1f revocations=%d%n", rounds, l.length,
                pct(l, 0.50), pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e3, Gil.lock().revocations());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e3;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
