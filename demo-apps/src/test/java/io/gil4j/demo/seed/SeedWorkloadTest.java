package io.gil4j.demo.seed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedWorkloadTest {
    @Test
    void countdownIsADeterministicXorshift() {
        assertThat(Countdown.countdown(0, 7)).isEqualTo(7);
        // 1 -> 1 ^ 1 << 13 = 8193 -> 8193 ^ 8193 >>> 7 = 8257 -> 8257 ^ 8257 << 17
        assertThat(Countdown.countdown(1, 1)).isEqualTo(8257L ^ (8257L << 17));
        assertThat(Countdown.countdown(1000, 1)).isEqualTo(Countdown.countdown(1000, 1));
        // two halves chained equal the whole: the split changes nothing but who runs it
        assertThat(Countdown.countdown(400, Countdown.countdown(600, 5))).isEqualTo(Countdown.countdown(1000, 5));
    }

    @Test
    void threadedRunReturnsResultsInTaskOrder() throws Exception {
        List<Callable<Long>> tasks = List.of(() -> 1L, () -> 2L, () -> Countdown.countdown(10, 3));
        assertThat(ThreadedRun.run("t", tasks)).containsExactly(1L, 2L, Countdown.countdown(10, 3));
    }

    @Test
    void threadedRunRethrowsAFailure() {
        List<Callable<Long>> tasks = List.of(() -> 1L, () -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> ThreadedRun.run("t", tasks)).hasMessage("boom");
    }

    @Test
    void workerRunsCpuJobs() throws Exception {
        assertThat(SeedWorker.runJob("cpu 100 9".split(" "))).isEqualTo(Countdown.countdown(100, 9));
        assertThatThrownBy(() -> SeedWorker.runJob(new String[]{"dance"})).isInstanceOf(IllegalArgumentException.class);
    }
}
