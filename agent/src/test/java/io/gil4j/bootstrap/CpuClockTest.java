package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The safety net's clocks: a thread's CPU time moves while it computes, stands still while it sleeps; GCs are counted. */
class CpuClockTest {
    private final CpuClock clock = new CpuClock();

    @Test
    void aComputingThreadsCpuTimeMoves() {
        long before = clock.cpuTimeNanos(Thread.currentThread());
        long x = 0;
        long until = System.nanoTime() + 30_000_000L;
        while (System.nanoTime() < until) x += x * 31 + 7;
        long after = clock.cpuTimeNanos(Thread.currentThread());
        assertThat(x).isNotEqualTo(1); // keeps the loop
        assertThat(before).isPositive();
        assertThat(after - before).as("30 ms of computing").isGreaterThan(5_000_000L);
    }

    @Test
    void aSleepingThreadsCpuTimeStandsStillAndAnEndedThreadHasNone() throws Exception {
        CountDownLatch asleep = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            asleep.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // the test is over
            }
        });
        sleeper.start();
        asleep.await();
        while (sleeper.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
        long first = clock.cpuTimeNanos(sleeper);
        Thread.sleep(50);
        long second = clock.cpuTimeNanos(sleeper);
        sleeper.interrupt();
        sleeper.join();
        assertThat(first).isPositive();
        assertThat(second).as("asleep: at most a stray microsecond or so").isBetween(first, first + 1_000_000L);
        assertThat(clock.cpuTimeNanos(sleeper)).as("not alive").isEqualTo(-1);
    }

    @Test
    void countsCollections() {
        long before = clock.collections();
        System.gc();
        assertThat(clock.collections()).isGreaterThan(before);
    }
}
