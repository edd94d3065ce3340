package io.gil4j.analyzer.it;

import io.gil4j.testkit.work.Countdown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gil4j.analyzer.predict.ClassPatterns;
import io.gil4j.analyzer.predict.Prediction;
import io.gil4j.analyzer.predict.Predictor;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} against reality: each workload runs under mode=off and mode=gil; the loss predicted
 * from the mode=off recording alone must be within 10 points of the loss the workloads measure
 * themselves (the CPU-bound row: see there). CPU-bound: two countdown threads (about half lost on two cores). I/O-bound: two threads
 * of HTTP requests (nothing lost). The convoy: round trips beside a spinner (nearly all lost). Pairs run alternately and the fastest of each mode counts, as in
 * CompareLossIT: load from elsewhere slows the two-core mode=off run more than the one-core gil run.
 */
class PredictionIT {
    private static final Pattern ROUND_TRIPS = Pattern.compile("roundTrips=(\\d+)");
    private static final double TOLERANCE = 0.10;

    @TempDir
    Path tmp;

    @Test
    void cpuBoundLossIsPredictedFromTheOffRecording() throws Exception {
        AgentRun.Result off = null;
        AgentRun.Result gil = null;
        for (int i = 0; i < 2; i++) {
            AgentRun.Result o = AgentRun.run(tmp, "off-" + i, "mode=off", Countdown.class.getName(), "2", RealRecordingsIT.COUNTDOWN_ITERATIONS);
            AgentRun.Result g = AgentRun.run(tmp, "gil-" + i, "mode=gil", Countdown.class.getName(), "2", RealRecordingsIT.COUNTDOWN_ITERATIONS);
            off = off == null || o.wallNanos() < off.wallNanos() ? o : off;
            gil = gil == null || g.wallNanos() < gil.wallNanos() ? g : gil;
        }
        double measured = 1 - (double) off.wallNanos() / gil.wallNanos();
        Prediction p = Predictor.predict(List.of(off.recording()), 0, 0);
        report("countdown, 2 threads", measured, p.totalLoss());
        // Two CPU-bound threads that had two cores: the GIL takes about half. The measured loss is printed
        // beside it but not asserted: on these shared machines the two-core mode=off run is the one a busy
        // host slows (fresh-clone CI runs measured 21% and 28% while quiet runs measure 44-53%), and
        // BENCHMARKS.md keeps the measured rows. The prediction follows the parallelism the mode=off run
        // got: where the host gives it less than two cores' worth (on the project's VM one vCPU can run
        // 1.7-2x slower than the other for minutes, BENCHMARKS.md "Uneven vCPUs"), the predictor rightly
        // says less (a fresh-clone CI run: predicted 33.3%, the class 29.3%, measured 26.9%; 46-49% otherwise).
        // The bounds only keep out a predictor that sees no contention or serializes everything.
        assertThat(p.totalLoss()).as("predicted (measured %.3f)", measured).isBetween(0.25, 0.6);
        assertThat(p.classes().get(0).loss()).as("CPU-bound class").isBetween(0.25, 0.6);
    }

    @Test
    void ioBoundThreadsArePredictedToLoseNothing() throws Exception {
        AgentRun.Result off = AgentRun.run(tmp, "io-off", "mode=off", "io.gil4j.testkit.work.IoBound", "2", "10", "50");
        AgentRun.Result gil = AgentRun.run(tmp, "io-gil", "mode=gil", "io.gil4j.testkit.work.IoBound", "2", "10", "50");
        double measured = 1 - (double) off.wallNanos() / gil.wallNanos();
        Prediction p = Predictor.predict(List.of(off.recording()), 0, 0);
        report("I/O-bound, 2 threads", measured, p.totalLoss());
        assertThat(p.totalLoss()).isCloseTo(measured, within(TOLERANCE));
        assertThat(p.totalLoss()).isLessThan(0.05);
    }

    @Test
    void theConvoyIsPredictedFromTheOffRecording() throws Exception {
        AgentRun.Result off = AgentRun.run(tmp, "convoy-off", "mode=off", "Convoy", "2");
        // The median of three runs under the GIL: gil4j's own convoy varies from run to run far more than
        // CPython's (its CPU thread sometimes wakes late; docs/design.md section 7), down to 8x in one run
        // of three here, which says nothing about the prediction.
        double[] gilRuns = new double[3];
        for (int i = 0; i < gilRuns.length; i++) {
            gilRuns[i] = number(AgentRun.run(tmp, "convoy-gil-" + i, "mode=gil", "Convoy", "2"));
        }
        java.util.Arrays.sort(gilRuns);
        double roundTripsOff = number(off);
        double roundTripsGil = gilRuns[1];
        double measured = 1 - roundTripsGil / roundTripsOff;
        Prediction p = Predictor.predict(List.of(off.recording()), 0, 0);
        Prediction.ThreadPrediction io = p.threads().stream().filter(t -> t.name().equals("main")).findFirst().orElseThrow();
        report("convoy, I/O thread", measured, io.loss());
        System.out.printf("[PredictionIT] convoy slowdown: measured %.0fx (%.0f -> %.0f round trips), predicted %.0fx%n",
                roundTripsOff / roundTripsGil, roundTripsOff, roundTripsGil, 1 / io.rate());
        assertThat(io.loss()).isCloseTo(measured, within(TOLERANCE));
        // The slowdown is printed, not asserted: gil4j's own convoy varies between runs (49x to 280x at
        // 5 ms seen in this test; BENCHMARKS.md), while the prediction, about one interval per round trip,
        // stays near CPython's (200x).
        assertThat(1 / io.rate()).as("predicted slowdown").isGreaterThan(50);
    }

    /** JFR's thresholds at zero for the blocking events the workloads use, as the prediction's warning advises. */
    static final String ZERO_THRESHOLDS = "settings=profile,jdk.SocketRead#threshold=0ms,jdk.SocketWrite#threshold=0ms,"
            + "jdk.ThreadPark#threshold=0ms,jdk.JavaMonitorWait#threshold=0ms,jdk.ThreadSleep#threshold=0ms";
    private static final ClassPatterns WORKLOADS = ClassPatterns.parse(
            AgentRun.WORK_PACKAGE + ".**;" + io.gil4j.testkit.work.EchoRoundTrips.class.getPackageName() + ".**");

    @Test
    void cpuBoundLossIsPredictedFromAPlainRecording() throws Exception {
        AgentRun.Result plain = AgentRun.runPlain(tmp, "plain-cpu", "settings=profile", Countdown.class.getName(), "2",
                RealRecordingsIT.COUNTDOWN_ITERATIONS);
        Prediction p = Predictor.predictPlain(List.of(plain.recording()), WORKLOADS, 0, 0);
        report("countdown, plain JFR", Double.NaN, p.totalLoss());
        assertThat(p.inputMode()).isEqualTo("none");
        assertThat(p.totalLoss()).isBetween(0.3, 0.6);
        assertThat(p.classes().get(0).loss()).as("CPU-bound class").isBetween(0.3, 0.6);
        assertThat(p.threads()).extracting(Prediction.ThreadPrediction::name).contains("cpu-0", "cpu-1")
                .as("JFR's own threads run no included code").noneMatch(n -> n.startsWith("JFR"));
    }

    @Test
    void ioBoundThreadsArePredictedToLoseNothingFromAPlainRecording() throws Exception {
        AgentRun.Result plain = AgentRun.runPlain(tmp, "plain-io", ZERO_THRESHOLDS, "io.gil4j.testkit.work.IoBound", "2", "10", "50");
        Prediction p = Predictor.predictPlain(List.of(plain.recording()), WORKLOADS, 0, 0);
        report("I/O-bound, plain JFR", Double.NaN, p.totalLoss());
        assertThat(p.totalLoss()).isLessThan(0.05);
    }

    @Test
    void theConvoyIsPredictedFromAPlainRecordingOnlyWithThresholdsAtZero() throws Exception {
        // Once in about eight recordings the I/O thread's loss came out 0.0 where it is 99.7%: its one
        // sample outside the socket calls, not in included code, set its held share to 0
        // (PlainRecordingDemand.shrunkShare, PlainRecordingDemandTest).
        double loss = plainConvoyLoss("plain-convoy");
        assertThat(loss).isGreaterThan(0.8);
        // With JFR's own thresholds the short reads are not recorded: the warning says what is missing.
        AgentRun.Result profile = AgentRun.runPlain(tmp, "plain-convoy-profile", "settings=profile", "Convoy", "2");
        Prediction rough = Predictor.predictPlain(List.of(profile.recording()), WORKLOADS, 0, 0);
        assertThat(rough.warnings()).anyMatch(w -> w.contains("jdk.SocketRead 10.0 ms"));
    }

    /** The I/O thread's predicted loss from a plain JFR recording of the convoy, blocking thresholds at 0 ms. */
    private double plainConvoyLoss(String name) throws Exception {
        AgentRun.Result zero = AgentRun.runPlain(tmp, name, ZERO_THRESHOLDS, "Convoy", "2");
        Prediction p = Predictor.predictPlain(List.of(zero.recording()), WORKLOADS, 0, 0);
        Prediction.ThreadPrediction io = p.threads().stream().filter(t -> t.name().equals("main")).findFirst().orElseThrow();
        report("convoy, plain JFR, 0 ms", Double.NaN, io.loss());
        return io.loss();
    }

    private static double number(AgentRun.Result r) {
        Matcher m = ROUND_TRIPS.matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static void report(String row, double measured, double predicted) {
        if (Double.isNaN(measured)) {
            System.out.printf("[PredictionIT] %-22s predicted %6.1f%% (not measured here)%n", row, predicted * 100);
            return;
        }
        System.out.printf("[PredictionIT] %-22s measured %6.1f%%  predicted %6.1f%%  error %+5.1f points%n",
                row, measured * 100, predicted * 100, (predicted - measured) * 100);
    }
}
