package io.gil4j.analyzer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gil4j.analyzer.predict.DemandCollector.ThreadSamples;
import io.gil4j.analyzer.read.StatsSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demand read from a recording made without gil4j, from traces built by hand: JFR cannot write
 * its own events ({@code jdk.ExecutionSample}, {@code jdk.SocketRead}) into a test's recording, and
 * the case below depends on where one sample's timestamp falls (PredictionIT reads real recordings).
 */
class PlainRecordingDemandTest {
    private static final long MS = 1_000_000L;
    private static final long RUN = 1_000 * MS;
    private static final long PERIOD = 10 * MS;

    /**
     * A convoy's I/O thread: a 20 us socket read every 25 us, sampled inside its reads (natively, in
     * included code) and, outside them, just once, in code that is not included.
     */
    private static PlainRecordingDemand.Trace ioThread(int samplesOutsideNotIncluded) {
        PlainRecordingDemand.Trace t = new PlainRecordingDemand.Trace("main");
        for (long at = 0; at + 25_000 <= RUN; at += 25_000) t.block(at, at + 20_000, 0);
        for (long at = 5 * MS + 1_000; at < RUN; at += 3 * PERIOD) t.sample(at, true); // inside a read
        for (int i = 0; i < samplesOutsideNotIncluded; i++) {
            t.sample(19 * MS + 22_000 + i * 7 * MS, false); // in the 5 us between two reads
        }
        PlainRecordingDemand.prepare(t);
        return t;
    }

    private static StatsSample totals(PlainRecordingDemand.Trace t, double allThreadsShare) {
        ThreadSamples s = PlainRecordingDemand.windows(t, PERIOD, 0, RUN, allThreadsShare);
        return s.samples.get(s.samples.size() - 1).totals();
    }

    @Test
    void aThreadSeenOnceOutsideItsBlockingCallsInCodeNotIncludedStillHoldsBetweenThem() {
        StatsSample s = totals(ioThread(1), 0.99);
        long free = s.wallNanos() - s.releasedNanos();
        assertThat(free).isCloseTo(RUN / 5, within(MS));
        // Held: the share of all included threads, weighed against the thread's one sample. At 0 the
        // replay would leave the thread out and miss the convoy.
        assertThat(s.heldNanos()).isBetween(free / 2, free);
        assertThat(s.acquisitions()).isPositive();
        assertThat(s.releases()).isEqualTo(RUN / 25_000);
    }

    @ParameterizedTest(name = "{0} samples outside, none included")
    @CsvSource({"30", "100"})
    void aThreadOftenSeenOutsideIncludedCodeKeepsItsOwnShare(int samples) {
        StatsSample s = totals(ioThread(samples), 0.99);
        long free = s.wallNanos() - s.releasedNanos();
        assertThat(s.heldNanos()).isLessThan(free / 10);
    }

    @ParameterizedTest(name = "{0} held of {1}, all threads {2}")
    @CsvSource({
            "0, 0, 0.7, 0.7",
            "0, 1, 0.99, 0.66",
            "10, 10, 0.5, 0.9166",
            "0, 100, 1.0, 0.0196",
            "50, 100, 0.5, 0.5",
    })
    void theSharePullsFewSamplesTowardAllThreads(int held, int samples, double all, double expected) {
        assertThat(PlainRecordingDemand.shrunkShare(held, samples, all)).isCloseTo(expected, within(0.001));
    }
}
