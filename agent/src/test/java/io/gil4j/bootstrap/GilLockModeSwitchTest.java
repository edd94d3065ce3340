package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link GilLock#setMode}: the GIL switched on and off under threads that are inside instrumented code,
 * driven through {@link Gil} as instrumented code drives it. The hard direction is from OFF, where
 * threads run instrumented code without the GIL and would never take it unless the switch makes them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GilLockModeSwitchTest {

    private static final long MS = 1_000_000L;
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void uninstall() throws InterruptedException {
        try {
            threads.joinAndCheck();
        } finally {
            Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
        }
    }

    private GilLock install(GilLock.Mode mode) {
        GilLock l = new GilLock(mode, 5 * MS, 100);
        l.warmUp();
        Gil.install(l);
        return l;
    }

    private static long spin(long n) {
        long x = n;
        for (long i = 0; i < n; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    static volatile long sink;

    @ParameterizedTest
    @EnumSource(value = GilLock.Mode.class, names = {"GIL", "LEGACY"})
    void turningTheGilOffLetsEveryWaiterInAtOnce(GilLock.Mode from) throws Exception {
        GilLock lock = install(from);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        // A holder that never reaches a checkpoint: only the switch can let the waiters in.
        threads.start("holder", () -> {
            boolean acquired = Gil.enter();
            holding.countDown();
            try {
                while (!stop.get()) sink += spin(1_000);
            } finally {
                Gil.exit(acquired);
            }
        });
        holding.await();
        CountDownLatch entered = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            threads.start("waiter-" + i, () -> {
                boolean acquired = Gil.enter();
                entered.countDown();
                Gil.exit(acquired);
            });
        }
        long deadline = System.nanoTime() + 5_000 * MS;
        while (lock.waiters() < 3 && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(lock.waiters()).as("waiters before the switch").isEqualTo(3);
        assertThat(entered.await(50, TimeUnit.MILLISECONDS)).as("a waiter got in while the GIL was on").isFalse();

        lock.setMode(GilLock.Mode.OFF);
        boolean allIn = entered.await(1, TimeUnit.SECONDS);
        stop.set(true);
        assertThat(allIn).as("every waiter entered within a second of the switch").isTrue();
        assertThat(lock.mode()).isEqualTo(GilLock.Mode.OFF);
    }

    @ParameterizedTest
    @EnumSource(value = GilLock.Mode.class, names = {"GIL", "LEGACY"})
    void turningTheGilOnSerializesThreadsAlreadyRunning(GilLock.Mode to) throws Exception {
        GilLock lock = install(GilLock.Mode.OFF);
        int n = 3;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicLongArray checkpoints = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            threads.start("runner-" + i, () -> {
                boolean acquired = Gil.enter();
                try {
                    while (!stop.get()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        sink += spin(2_000);
                        inside.decrementAndGet();
                        Gil.checkpoint();
                        checkpoints.incrementAndGet(slot);
                    }
                } finally {
                    Gil.exit(acquired);
                }
            });
        }
        Thread.sleep(200);
        assertThat(maxInside.get()).as("control: threads overlap while the GIL is off").isGreaterThan(1);

        lock.setMode(to);
        long[] atSwitch = new long[n];
        for (int i = 0; i < n; i++) atSwitch[i] = checkpoints.get(i);
        // Once each thread has passed a checkpoint since the switch it must be under the GIL.
        long deadline = System.nanoTime() + 10_000 * MS;
        for (int i = 0; i < n; i++) {
            while (checkpoints.get(i) < atSwitch[i] + 2 && System.nanoTime() < deadline) Thread.sleep(1);
        }
        maxInside.set(0);
        Thread.sleep(300);
        int overlap = maxInside.get();
        long[] progress = new long[n];
        for (int i = 0; i < n; i++) progress[i] = checkpoints.get(i) - atSwitch[i];
        stop.set(true);
        for (Thread t : threads.started) t.join(10_000);
        assertThat(java.util.Arrays.stream(progress).min().orElse(0)).as("checkpoints of the slowest thread after the switch").isGreaterThanOrEqualTo(2);
        assertThat(overlap).as("threads inside work at once after the switch").isEqualTo(1);
        assertThat(lock.breaker & ~(GilLock.DROP | GilLock.LEGACY_TICKS)).as("marks left in the breaker").isZero();
    }

    @Test
    void flippingModesUnderLoadNeverDeadlocksAndKeepsTheBooks() throws Exception {
        GilLock lock = install(GilLock.Mode.GIL);
        int n = 4;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicLongArray rounds = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            threads.start("mixed-" + i, () -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (!stop.get()) {
                    boolean acquired = Gil.enter();
                    try {
                        for (int k = 0; k < 20; k++) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            sink += spin(r.nextInt(500, 3_000));
                            inside.decrementAndGet();
                            Gil.checkpoint();
                            if (r.nextInt(8) == 0) {
                                boolean released = Gil.beginBlocking("test.block", GilReasons.KIND_IO);
                                try {
                                    Thread.sleep(0, r.nextInt(200_000));
                                } catch (InterruptedException e) {
                                    throw new AssertionError(e);
                                } finally {
                                    Gil.endBlocking(released);
                                }
                            }
                        }
                    } finally {
                        Gil.exit(acquired);
                    }
                    rounds.incrementAndGet(slot);
                }
            });
        }
        GilLock.Mode[] modes = {GilLock.Mode.OFF, GilLock.Mode.GIL, GilLock.Mode.LEGACY, GilLock.Mode.OFF, GilLock.Mode.LEGACY};
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int s = 0; s < 60; s++) {
            lock.setMode(modes[r.nextInt(modes.length)]);
            Thread.sleep(r.nextInt(1, 15));
        }
        lock.setMode(GilLock.Mode.GIL);
        // Every thread finishes a round that began after the last switch; then exclusion must hold.
        long[] at = new long[n];
        for (int i = 0; i < n; i++) at[i] = rounds.get(i);
        long deadline = System.nanoTime() + 20_000 * MS;
        for (int i = 0; i < n; i++) {
            while (rounds.get(i) < at[i] + 2 && System.nanoTime() < deadline) Thread.sleep(1);
        }
        maxInside.set(0);
        Thread.sleep(200);
        int overlap = maxInside.get();
        stop.set(true);
        for (Thread t : threads.started) t.join(20_000);
        for (int i = 0; i < n; i++) {
            assertThat(rounds.get(i)).as("thread %d kept making progress after the last switch", i).isGreaterThanOrEqualTo(at[i] + 2);
        }
        assertThat(threads.started).as("threads still alive: a waiter was never let go").noneMatch(Thread::isAlive);
        assertThat(overlap).as("threads inside work at once under the final GIL").isEqualTo(1);
        assertThat(lock.owner()).as("owner once everyone left").isNull();
        assertThat(lock.waiters()).isZero();
        assertThat(lock.breaker & ~(GilLock.DROP | GilLock.LEGACY_TICKS)).as("marks left in the breaker").isZero();
    }

    @Test
    void aDisabledLockCannotBeSwitched() {
        GilLock lock = new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lock.setMode(GilLock.Mode.GIL))
                .isInstanceOf(IllegalArgumentException.class);
        GilLock on = new GilLock(GilLock.Mode.GIL, 5 * MS, 100);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> on.setMode(GilLock.Mode.DISABLED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
