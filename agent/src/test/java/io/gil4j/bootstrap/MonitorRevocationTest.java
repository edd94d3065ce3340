package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A holder that blocks on a contended monitor (no hook sees a {@code monitorenter}) must lose the GIL
 * within a fraction of the interval, as CPython releases it before a blocking acquire: the waiter
 * that keeps the clock probes the holder's state every {@link GilLock#BLOCKED_PROBE_NANOS}. With a
 * 50 ms interval, the interval-only safety net would need at least 50 ms; the check asks for a tenth
 * of that at the median.
 */
class MonitorRevocationTest {

    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 50 * MS;

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
    }

    @ParameterizedTest
    @CsvSource({"GIL, false", "GIL, true", "LEGACY, false", "LEGACY, true"})
    void aHolderBlockedOnAMonitorLosesTheGilWithinATenthOfTheInterval(GilLock.Mode mode, boolean waiterFirst)
            throws Exception {
        GilLock lock = new GilLock(mode, INTERVAL, 100);
        Gil.install(lock);
        Object monitor = new Object();
        int rounds = 15;
        long[] latency = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread monitorOwner = new Thread(() -> {
                synchronized (monitor) { // outside the GIL: holds the monitor, not the GIL
                    taken.countDown();
                    await(letGo);
                }
            }, "monitor-owner");
            monitorOwner.start();
            taken.await();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch block = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                boolean a = Gil.enter();
                try {
                    holding.countDown();
                    while (block.getCount() > 0) Thread.onSpinWait(); // holds the GIL, running
                    synchronized (monitor) {
                        Gil.checkpoint(); // takes the GIL back once the monitor is free
                    }
                } finally {
                    Gil.exit(a);
                }
            }, "holder");
            holder.start();
            holding.await();
            AtomicLong acquiredAt = new AtomicLong();
            Thread waiter = new Thread(() -> {
                boolean a = Gil.enter();
                acquiredAt.set(System.nanoTime());
                Gil.exit(a);
            }, "waiter");
            if (waiterFirst) {
                waiter.start(); // already waiting, and probing, when the holder blocks
                while (lock.waiters() == 0) Thread.onSpinWait();
            }
            block.countDown();
            while (holder.getState() != Thread.State.BLOCKED) Thread.onSpinWait();
            long blockedAt = System.nanoTime();
            if (!waiterFirst) waiter.start();
            waiter.join();
            latency[i] = acquiredAt.get() - blockedAt;
            letGo.countDown();
            monitorOwner.join();
            holder.join();
        }
        Arrays.sort(latency);
        long median = latency[rounds / 2];
        System.out.printf("monitor revocation latency (%s, waiter %s, %d rounds): median %.3f ms, max %.3f ms%n",
                mode, waiterFirst ? "first" : "after", rounds, median / 1e6, latency[rounds - 1] / 1e6);
        assertThat(lock.revocations()).as("every round was a revocation").isEqualTo(rounds);
        assertThat(median).as("median latency, ns").isLessThan(INTERVAL / 10);
    }

    @Test
    void aBusyHolderIsNotRevokedBetweenProbes() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 20 * MS, 100);
        Gil.install(lock);
        CountDownLatch holding = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            boolean a = Gil.enter();
            try {
                holding.countDown();
                long end = System.nanoTime() + 300 * MS;
                long x = 0;
                while (System.nanoTime() < end) {
                    x += x * 31 + 7;
                    Gil.checkpoint();
                }
                if (x == 42) System.out.print("");
            } finally {
                Gil.exit(a);
            }
        }, "busy");
        busy.start();
        holding.await();
        long t0 = System.nanoTime();
        boolean a = Gil.enter();
        long waited = System.nanoTime() - t0;
        Gil.exit(a);
        busy.join();
        assertThat(lock.revocations()).as("a running holder is asked to drop, not revoked").isZero();
        assertThat(waited).as("waited about one interval for the drop request").isGreaterThan(10 * MS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
