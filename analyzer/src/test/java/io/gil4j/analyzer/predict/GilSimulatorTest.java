package io.gil4j.analyzer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gil4j.analyzer.predict.GilSimulator.Result;
import io.gil4j.analyzer.predict.GilSimulator.ThreadDemand;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The GIL's rules on cycles with answers that follow from the rules alone. */
class GilSimulatorTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static double rate(Result r, int i, ThreadDemand d) {
        return r.progress()[i] / d.heldNanos();
    }

    @ParameterizedTest(name = "{0} CPU-bound threads")
    @ValueSource(ints = {1, 2, 3, 8})
    void cpuBoundThreadsShareTheGilEvenly(int n) {
        List<ThreadDemand> threads = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new ThreadDemand("cpu" + i, S, 0, 0)).toList();
        Result r = GilSimulator.run(threads, S, 5 * MS, 1);
        for (int i = 0; i < n; i++) {
            assertThat(rate(r, i, threads.get(i))).as("thread %d", i).isCloseTo(1.0 / n, within(0.02));
        }
        if (n > 1) {
            // Every switch is a drop request after one interval of waiting: (n - 1) intervals for the others.
            assertThat(r.waits().getValueAtPercentile(50)).isCloseTo((n - 1) * 5 * MS, within((n - 1) * 5 * MS / 10));
            assertThat(r.waits().getTotalCount()).isCloseTo(S / (5 * MS), within(S / (5 * MS) / 10));
        } else {
            assertThat(r.waits().getTotalCount()).isZero();
        }
    }

    @ParameterizedTest(name = "interval {0} ms")
    @ValueSource(longs = {1, 5, 20})
    void anIoThreadBesideACpuThreadWaitsOneIntervalPerRoundTrip(long intervalMs) {
        // 30,000 round trips of 33 us in a second, each needing 100 ns of the GIL: the convoy.
        ThreadDemand cpu = new ThreadDemand("cpu", S, 0, 0);
        ThreadDemand io = new ThreadDemand("io", 3 * MS, S - 3 * MS, 30_000);
        Result r = GilSimulator.run(List.of(cpu, io), S, intervalMs * MS, 7);
        double roundTrip = (double) (S - 3 * MS) / 30_000;
        double expectedRate = 1.0 / (30_000 * (intervalMs * MS + roundTrip) / S);
        assertThat(rate(r, 1, io)).isCloseTo(expectedRate, within(expectedRate * 0.05));
        assertThat(rate(r, 0, cpu)).isGreaterThan(0.99);
        // Half the waits are the I/O thread's, one interval each; the other half the CPU thread's, while
        // the I/O thread holds the GIL for its 100 ns.
        assertThat(r.waits().getValueAtPercentile(75)).isCloseTo(intervalMs * MS, within(intervalMs * MS / 20));
        assertThat(r.waits().getValueAtPercentile(25)).isLessThan(1000);
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 2, 3})
    void anEventLoopHandlesTheWakeUpsItMissedWhileWaitingInOneTurn(int batch) {
        // An event loop woken every millisecond for 20 us of work, beside a CPU-bound thread: each wake-up
        // waits one interval (5 ms), in which five more of its wake-ups came due. Without a batch it handles
        // one event per wait; with one it also handles up to `batch` of those it missed in the same turn.
        ThreadDemand cpu = new ThreadDemand("cpu", S, 0, 0);
        ThreadDemand alone = new ThreadDemand("loop", 20 * MS, 980 * MS, 1000);
        ThreadDemand batching = new ThreadDemand("loop", 20 * MS, 980 * MS, 1000, batch);
        double one = rate(GilSimulator.run(List.of(cpu, alone), S, 5 * MS, 3), 1, alone);
        Result r = GilSimulator.run(List.of(cpu, batching), S, 5 * MS, 3);
        assertThat(one).as("one event per wait of about 6 ms").isCloseTo(1.0 / 6, within(0.02));
        assertThat(rate(r, 1, batching)).isCloseTo((1 + batch) * one, within(0.1 * (1 + batch) * one));
        assertThat(rate(r, 0, cpu)).isGreaterThan(0.95);
    }

    @Test
    void aBatchNeverHandlesMoreWakeUpsThanCameDue() {
        ThreadDemand cpu = new ThreadDemand("cpu", S, 0, 0);
        ThreadDemand loop = new ThreadDemand("loop", 20 * MS, 980 * MS, 1000, 1_000);
        Result r = GilSimulator.run(List.of(cpu, loop), S, 5 * MS, 3);
        assertThat(rate(r, 1, loop)).as("five missed per wait: back to about its own pace").isBetween(0.85, 1.02);
        // A thread that never blocks misses no wake-ups, whatever its batch.
        ThreadDemand spinner = new ThreadDemand("spin", S, 0, 0, 1_000);
        Result two = GilSimulator.run(List.of(new ThreadDemand("cpu", S, 0, 0), spinner), S, 5 * MS, 3);
        assertThat(rate(two, 1, spinner)).isCloseTo(0.5, within(0.02));
    }

    @Test
    void ioBoundThreadsThatRarelyNeedTheGilKeepTheirPace() {
        List<ThreadDemand> threads = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new ThreadDemand("io" + i, 20 * MS, S - 20 * MS, 1000)).toList();
        Result r = GilSimulator.run(threads, S, 5 * MS, 3);
        for (int i = 0; i < 4; i++) assertThat(rate(r, i, threads.get(i))).isGreaterThan(0.97);
    }

    @Test
    void threadsThatNeedNoGilTakeNoPartAndTheResultIsDeterministic() {
        List<ThreadDemand> threads = List.of(new ThreadDemand("idle", 0, S, 10), new ThreadDemand("cpu", S, 0, 0),
                new ThreadDemand("mixed", 400 * MS, 600 * MS, 200));
        Result a = GilSimulator.run(threads, S, 5 * MS, 42);
        Result b = GilSimulator.run(threads, S, 5 * MS, 42);
        assertThat(a.progress()).containsExactly(b.progress());
        assertThat(a.progress()[0]).isZero();
        assertThat(a.progress()[1] + a.progress()[2]).as("one holder at a time, never idle while someone wants it")
                .isCloseTo(S, within(1.0));
    }
}
