package io.gil4j.demo.convoy;

import java.util.concurrent.CountDownLatch;

/**
 * The convoy's CPU-bound thread: spins on LCG steps until stopped, never blocking, so under a GIL
 * it gives the lock up only when a waiter's drop request reaches one of its checkpoints.
 * The stop flag is read once per chunk of ~1 ms, not per step, to keep the loop CPU-bound.
 */
public final class Spinner implements Runnable {
    private static final long CHUNK = 1_000_000;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile long steps;
    private volatile long state;

    @Override
    public void run() {
        started.countDown();
        long x = 1;
        long done = 0;
        while (!stop) {
            for (long i = 0; i < CHUNK; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            done += CHUNK;
        }
        steps = done;
        state = x;
    }

    public void awaitStarted() throws InterruptedException {
        started.await();
    }

    public void stop() {
        stop = true;
    }

    /** Steps done; valid after the thread ended. */
    public long steps() {
        return steps;
    }

    /** The LCG's final state, printed so the JIT cannot drop the loop. */
    public long state() {
        return state;
    }
}
