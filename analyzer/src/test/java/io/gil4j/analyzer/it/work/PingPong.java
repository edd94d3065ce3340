package io.gil4j.analyzer.it.work;

import io.gil4j.testkit.work.Countdown;

/**
 * Event generator for the speed benchmark ({@code analyzer/bench}): {@code PingPong THREADS CALLS}: each
 * thread alternates a little LCG work with {@code Thread.sleep(0)}, a blocking point where the agent
 * releases and re-takes the GIL. With all event thresholds at 0 every call yields a gil.Release, a
 * gil.Hold and usually a gil.Wait, and the threads ping-pong the GIL between them.
 */
public final class PingPong {
    private PingPong() {
    }

    public static void main(String[] args) throws InterruptedException {
        long t0 = System.nanoTime();
        int threads = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        long[] sink = new long[threads];
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int slot = k;
            ts[k] = new Thread(() -> {
                long x = slot;
                try {
                    for (int i = 0; i < calls; i++) {
                        x = Countdown.lcg(x, 200);
                        Thread.sleep(0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink[slot] = x;
            }, "pingpong-" + k);
            ts[k].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long x = 0;
        for (long s : sink) {
            x ^= s;
        }
        System.out.println("result=" + x + " wallNanos=" + (System.nanoTime() - t0));
    }
}
