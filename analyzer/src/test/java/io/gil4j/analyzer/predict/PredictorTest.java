package io.gil4j.analyzer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gil4j.analyzer.model.ThreadClass;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From stats samples to losses: periods, core scaling, classes, operations, and what gets a warning. */
class PredictorTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    /** A mode=off run: each thread's cumulative totals at the end of each of {@code periods} seconds. */
    private static DemandCollector run(String mode, int cores, int periods, long[]... perPeriod) {
        DemandCollector c = new DemandCollector();
        c.beginRun(Path.of("x.jfr"));
        c.configEvent(T0, new RunConfig(true, mode, 5 * MS, 100, null, null, null, null, 0, MS, MS, S, null, null,
                cores, null, null));
        for (int p = 1; p <= periods; p++) {
            for (int t = 0; t < perPeriod.length; t++) {
                // {held, released, acquisitions, releases} per period
                long[] d = perPeriod[t];
                long held = d[0] * p;
                long released = d[1] * p;
                c.statsEvent(T0 + p * S + t * 1000, new ThreadRef(t + 1, "t" + t), new StatsSample(p * S, held, 0,
                        released, p * S - held - released, released, 0, 0, 0, 0, d[2] * p, 0, 0, 0, d[3] * p,
                        d.length > 4 ? d[4] * p : -1));
            }
        }
        c.endRun();
        return c;
    }

    private static Prediction predict(DemandCollector c) throws Exception {
        return Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, false);
    }

    @Test
    void twoCpuBoundThreadsOnTwoCoresLoseHalf() throws Exception {
        Prediction p = predict(run("off", 2, 3, new long[] {S, 0, 1, 0}, new long[] {S, 0, 1, 0}));
        assertThat(p.windows()).isEqualTo(3);
        assertThat(p.totalLoss()).isCloseTo(0.5, within(0.02));
        assertThat(p.classes().get(0).threadClass()).isEqualTo(ThreadClass.CPU_BOUND);
        assertThat(p.classes().get(0).loss()).isCloseTo(0.5, within(0.02));
        assertThat(p.classes().get(1).loss()).as("no I/O-bound thread").isNull();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void twoCpuBoundThreadsThatSharedOneCoreLoseNothing() throws Exception {
        // On one core each thread was in instrumented code the whole second but ran half of it.
        Prediction p = predict(run("off", 1, 3, new long[] {S, 0, 1, 0}, new long[] {S, 0, 1, 0}));
        assertThat(p.totalLoss()).isCloseTo(0.0, within(0.02));
    }

    @Test
    void cpuTimeBelowHeldTimeIsTheDemand() throws Exception {
        // 8 busy workers on 2 cores beside a load generator: in instrumented code all the time, but they
        // got 1.6 cores of CPU between them. Under the GIL they get 1: each keeps 1 / 1.6 of its pace.
        long[][] workers = new long[8][];
        for (int i = 0; i < 8; i++) workers[i] = new long[] {S, 0, 1, 0, S / 5};
        Prediction p = predict(run("off", 2, 3, workers));
        assertThat(p.totalLoss()).isCloseTo(1 - 1 / 1.6, within(0.02));
        // The same without CPU times: held time scaled to the 2 cores, the GIL halves it.
        for (int i = 0; i < 8; i++) workers[i] = new long[] {S, 0, 1, 0};
        assertThat(predict(run("off", 2, 3, workers)).totalLoss()).isCloseTo(0.5, within(0.02));
    }

    @Test
    void anIoThreadBesideACpuThreadIsConvoyed() throws Exception {
        // 20,000 round trips a second, 50 us each, 1 ms of held time in all.
        Prediction p = predict(run("off", 2, 2, new long[] {S, 0, 1, 0}, new long[] {MS, S - MS, 1, 20_000}));
        assertThat(p.classes().get(1).threadClass()).isEqualTo(ThreadClass.IO_BOUND);
        // One interval per round trip: 1 / (20,000 x (5 ms + 50 us)) of its pace.
        assertThat(p.classes().get(1).loss()).isCloseTo(1 - 1.0 / (20_000 * 0.00505), within(0.002));
        assertThat(p.classes().get(0).loss()).isLessThan(0.01);
        assertThat(p.waits().p99()).isCloseTo(5 * MS, within(MS / 4));
    }

    @Test
    void operationsScaleWithTheirThreadsRate() throws Exception {
        DemandCollector c = run("off", 2, 2, new long[] {S, 0, 1, 0}, new long[] {S, 0, 1, 0});
        DemandCollector.Run r = c.runs.get(0);
        r.threads.get(1L).operations.put("A.work", 1000L);
        r.threads.get(2L).operations.put("A.work", 3000L);
        Prediction p = predict(c);
        assertThat(p.basis()).isEqualTo("operations");
        assertThat(p.operations()).singleElement().satisfies(o -> {
            assertThat(o.recorded()).isEqualTo(4000);
            assertThat(o.loss()).isCloseTo(0.5, within(0.02));
        });
    }

    @Test
    void aClosedLoopRequestStaysLongerByEveryThreadsStretch() {
        // Per request: 4 ms in the worker's operation (its held time), 0.2 ms on the event loop that hands it
        // over; the event loop's 980 ms in select() is no request's time. Rates as the simulation gave them.
        DemandCollector c = run("off", 2, 1, new long[] {400 * MS, 0, 100, 0}, new long[] {20 * MS, 980 * MS, 1, 200});
        DemandCollector.ThreadSamples worker = c.runs.get(0).threads.get(1L);
        DemandCollector.ThreadSamples loop = c.runs.get(0).threads.get(2L);
        for (int k = 0; k < 100; k++) worker.addOperation(T0 + k * 10 * MS, 4 * MS);
        worker.addOperation(T0 + 2 * S, 4 * MS); // after the period: not in it
        List<StatsSample> delta = List.of(worker.samples.get(0).totals(), loop.samples.get(0).totals());
        double[] sums = new double[2];
        java.util.Map<DemandCollector.ThreadSamples, Integer> cursor = new java.util.HashMap<>();
        Predictor.residence(List.of(worker, loop), delta, new double[] {0.8, 0.1}, T0 + S, cursor, sums);
        assertThat(sums[0]).isCloseTo(400 * MS + 20 * MS, within(1.0));
        assertThat(sums[1]).isCloseTo(400 * MS + 400 * MS * (1 / 0.8 - 1) + 20 * MS / 0.1, within(1.0));
        double[] none = new double[2];
        Predictor.residence(List.of(worker, loop), delta, new double[] {0.8, 0.1}, T0 + 3 * S / 2, cursor, none);
        assertThat(none).as("a period without operations adds nothing").containsExactly(0, 0);
        Predictor.residence(List.of(worker, loop), delta, new double[] {0.8, 0.1}, T0 + 3 * S, cursor, none);
        assertThat(none[0]).as("the late operation, in its own period").isCloseTo(4 * MS + 20 * MS, within(1.0));
    }

    @Test
    /**
     * Two workers each in instrumented code 45% of the time, 50 requests a second each, and an event loop
     * (t2) that takes the GIL twice per request (reading, then writing the answer) for 0.5 ms each time.
     */
    private static DemandCollector eventLoopService() {
        DemandCollector c = run("off", 2, 3, new long[] {450 * MS, 0, 50, 0}, new long[] {450 * MS, 0, 50, 0},
                new long[] {100 * MS, 900 * MS, 1, 200});
        DemandCollector.Run r = c.runs.get(0);
        for (long t = 1; t <= 2; t++) {
            for (int k = 0; k < 150; k++) {
                r.threads.get(t).addOperation(T0 + k * 20 * MS + t * MS, 9 * MS);
                r.threads.get(t).operations.merge("A.work", 1L, Long::sum);
            }
        }
        return c;
    }

    @Test
    void aClosedLoopServiceLosesWhatItsEventLoopWaits() throws Exception {
        DemandCollector c = eventLoopService();
        Prediction perThread = predict(c);
        assertThat(perThread.warnings()).singleElement().asString().contains("t2 keeps 0.").contains("--closed-loop");
        Prediction closed = Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, true);
        assertThat(closed.basis()).isEqualTo("requests in a closed loop");
        assertThat(closed.warnings()).isEmpty();
        Prediction.ThreadPrediction eventLoop = closed.threads().stream().filter(t -> t.name().equals("t2")).findFirst().orElseThrow();
        System.out.printf("closed loop %.3f, per thread %.3f, event loop rate %.3f%n", closed.totalLoss(), perThread.totalLoss(), eventLoop.rate());
        assertThat(eventLoop.rate()).as("convoyed behind the workers").isLessThan(0.6);
        // The requests wait for the event loop, whose stretch the workers' own pace does not show.
        assertThat(closed.totalLoss()).isGreaterThan(perThread.totalLoss() + 0.03);
        assertThat(closed.operations()).singleElement().satisfies(o -> assertThat(o.loss()).isCloseTo(closed.totalLoss(), within(1e-9)));
    }

    @Test
    void eventLoopsShareTheConnectionsAndBatchTheRest() {
        // Two workers with operations, two event loops, and an acceptor that held the GIL for a moment.
        DemandCollector c = run("off", 2, 1, new long[] {400 * MS, 0, 100, 0}, new long[] {400 * MS, 0, 100, 0},
                new long[] {50 * MS, 950 * MS, 1, 300}, new long[] {50 * MS, 950 * MS, 1, 300}, new long[] {MS, 0, 1, 0});
        DemandCollector.Run r = c.runs.get(0);
        r.threads.get(1L).operations.put("A.work", 100L);
        r.threads.get(2L).operations.put("A.work", 100L);
        DemandCollector.ThreadSamples loop1 = r.threads.get(3L);
        DemandCollector.ThreadSamples loop2 = r.threads.get(4L);
        assertThat(EventLoops.batches(r, 4, r.sortSamplesAndFindFirstEntry(), 0)).as("2 connections a loop").isEqualTo(java.util.Map.of(loop1, 1, loop2, 1));
        assertThat(EventLoops.batches(r, 9, r.sortSamplesAndFindFirstEntry(), 0)).as("up to 5 a loop").isEqualTo(java.util.Map.of(loop1, 4, loop2, 4));
        assertThat(EventLoops.batches(r, 2, r.sortSamplesAndFindFirstEntry(), 0)).as("one connection a loop: nothing else to handle").isEmpty();
        assertThat(EventLoops.batches(r, 0, r.sortSamplesAndFindFirstEntry(), 0)).as("connections not known").isEmpty();
    }

    @Test
    void aThreadThatOnlyStartedTheServiceIsNoEventLoop() {
        DemandCollector c = run("off", 2, 2, new long[] {400 * MS, 0, 100, 0},
                new long[] {50 * MS, 950 * MS, 1, 300}, new long[] {50 * MS, 950 * MS, 1, 300}, new long[] {900 * MS, 0, 1, 0});
        DemandCollector.Run r = c.runs.get(0);
        r.threads.get(1L).operations.put("A.work", 200L);
        // t3, the main thread: 900 ms in instrumented code in the first second (start-up), nothing after.
        DemandCollector.ThreadSamples main = r.threads.get(4L);
        DemandCollector.TimedSample second = main.samples.get(1);
        StatsSample s = second.totals();
        main.samples.set(1, new DemandCollector.TimedSample(second.time(), new StatsSample(s.wallNanos(), 900 * MS, 0, 0,
                s.wallNanos() - 900 * MS, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1)));
        assertThat(EventLoops.batches(r, 9, r.sortSamplesAndFindFirstEntry(), 0)).as("start-up included: three loops").containsEntry(main, 2).hasSize(3);
        assertThat(EventLoops.batches(r, 9, r.sortSamplesAndFindFirstEntry(), S + MS)).as("start-up skipped: two loops")
                .isEqualTo(java.util.Map.of(r.threads.get(2L), 4, r.threads.get(3L), 4));
    }

    @Test
    void aClosedLoopEventLoopServingSeveralConnectionsWaitsOncePerTurn() throws Exception {
        DemandCollector c = eventLoopService();
        Prediction unknown = Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, true, java.util.Set.of(), 0, 0);
        Prediction one = Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, true, java.util.Set.of(), 0, 1);
        Prediction four = Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, true, java.util.Set.of(), 0, 4);
        assertThat(one.totalLoss()).as("one connection: nothing to batch").isEqualTo(unknown.totalLoss());
        System.out.printf("closed loop, connections unknown %.3f, 4 connections %.3f%n", unknown.totalLoss(), four.totalLoss());
        assertThat(four.totalLoss()).as("the event loop handles what piled up in one turn").isLessThan(unknown.totalLoss() - 0.02);
        assertThat(loopRate(four)).isGreaterThan(loopRate(unknown));
        assertThat(four.totalLoss()).as("the workers' own share of the GIL still costs").isPositive();
    }

    private static double loopRate(Prediction p) {
        return p.threads().stream().filter(t -> t.name().equals("t2")).findFirst().orElseThrow().rate();
    }

    @Test
    void aClosedLoopWithoutOperationsFallsBackWithAWarning() throws Exception {
        DemandCollector c = run("off", 2, 2, new long[] {S, 0, 1, 0}, new long[] {S, 0, 1, 0});
        Prediction p = Predictor.predict(List.of(Path.of("x.jfr")), c.runs, 0, 0, true);
        assertThat(p.basis()).isEqualTo("wall time");
        assertThat(p.totalLoss()).isCloseTo(0.5, within(0.02));
        assertThat(p.warnings()).singleElement().asString().contains("no throughput= operations");
    }

    @Test
    void aRecordingMadeUnderTheGilOrWithoutReleaseCountsIsPredictedWithAWarning() throws Exception {
        Prediction p = predict(run("gil", 2, 2, new long[] {S / 2, 0, 100, -1}, new long[] {S / 2, 0, 100, -1}));
        assertThat(p.warnings()).hasSize(2).anyMatch(w -> w.contains("mode=gil")).anyMatch(w -> w.contains("releases"));
    }

    @Test
    void aLaterPhaseStartsWhereTheEarlierOneEndsUnderTheGil() throws Exception {
        // A warm-up on two threads for a second, then two other threads for two seconds, main joining
        // them all along: each phase takes twice as long under the GIL, so the whole run does too.
        // (Comparing each thread's own wall plus stretch, as before, set main's 3 s against a worker's
        // 2 s + 2 s: 25%.)
        DemandCollector c = offRunOnTwoCores();
        for (int p = 1; p <= 3; p++) {
            long t = T0 + p * S;
            c.statsEvent(t, new ThreadRef(1, "main"), cpuOrWait(p * S, 0));
            if (p == 1) {
                c.statsEvent(t + 1000, new ThreadRef(2, "warm-up-0"), cpuOrWait(S, S));
                c.statsEvent(t + 2000, new ThreadRef(3, "warm-up-1"), cpuOrWait(S, S));
            } else {
                c.statsEvent(t + 3000, new ThreadRef(4, "cpu-0"), cpuOrWait((p - 1) * S, (p - 1) * S));
                c.statsEvent(t + 4000, new ThreadRef(5, "cpu-1"), cpuOrWait((p - 1) * S, (p - 1) * S));
            }
        }
        c.endRun();
        Prediction p = predict(c);
        assertThat(p.basis()).isEqualTo("wall time");
        assertThat(p.totalLoss()).isCloseTo(0.5, within(0.03));
    }

    @Test
    void skippedPeriodsAreLeftOutWhole() throws Exception {
        // Two CPU-bound threads in the first second (a warm-up), one alone in the next two.
        DemandCollector c = offRunOnTwoCores();
        for (int p = 1; p <= 3; p++) {
            c.statsEvent(T0 + p * S, new ThreadRef(1, "alone"), cpuOrWait(p * S, p * S));
            if (p == 1) c.statsEvent(T0 + p * S + 1000, new ThreadRef(2, "warm-up"), cpuOrWait(S, S));
        }
        c.endRun();
        List<Path> files = List.of(Path.of("x.jfr"));
        assertThat(Predictor.predict(files, c.runs, 0, 0, false).totalLoss()).as("all of it").isGreaterThan(0.2);
        Prediction skipped = Predictor.predict(files, c.runs, 0, 0, false, java.util.Set.of(), S, 0);
        assertThat(skipped.windows()).isEqualTo(2);
        assertThat(skipped.totalLoss()).as("after the warm-up").isCloseTo(0.0, within(0.01));
    }

    /** A mode=off run begun on a 2-core machine, for tests that add their own samples. */
    private static DemandCollector offRunOnTwoCores() {
        DemandCollector c = new DemandCollector();
        c.beginRun(Path.of("x.jfr"));
        c.configEvent(T0, new RunConfig(true, "off", 5 * MS, 100, null, null, null, null, 0, MS, MS, S, null, null,
                2, null, null));
        return c;
    }

    /** Totals of a thread that held {@code held} of its {@code wall} and waited in a join for the rest. */
    private static StatsSample cpuOrWait(long wall, long held) {
        long released = wall - held;
        return new StatsSample(wall, held, 0, released, 0, 0, 0, 0, released, 0, 1, 0, 0, 0, released > 0 ? 1 : 0, -1);
    }

    @Test
    void theWorstRateIsOneIntervalPerOtherThreadForEveryTakeAndEveryIntervalRun() {
        GilSimulator.ThreadDemand cpu = new GilSimulator.ThreadDemand("cpu", S, 0, 0);
        assertThat(Predictor.worstRate(cpu, 5 * MS, 1)).as("alone").isEqualTo(1.0);
        assertThat(Predictor.worstRate(cpu, 5 * MS, 2)).as("fair share of two").isCloseTo(0.5, within(0.01));
        assertThat(Predictor.worstRate(cpu, 5 * MS, 4)).isCloseTo(0.25, within(0.01));
        // The convoy: 20,000 takes a second, each waiting one interval.
        GilSimulator.ThreadDemand io = new GilSimulator.ThreadDemand("io", MS, S - MS, 20_000);
        assertThat(Predictor.worstRate(io, 5 * MS, 2)).isCloseTo(1.0 / 101, within(1e-4));
        // One take in a period, nearly all of it blocked: its cycle stretches by the waits of one take.
        GilSimulator.ThreadDemand joiner = new GilSimulator.ThreadDemand("main", MS / 2, 99 * MS + MS / 2, 1);
        assertThat(Predictor.worstRate(joiner, 5 * MS, 7)).isCloseTo(100.0 / (100 + 1.1 * 5 * 6), within(1e-3));
    }

    @Test
    void noStatsIsAnError() {
        DemandCollector c = new DemandCollector();
        c.beginRun(Path.of("empty.jfr"));
        c.endRun();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> predict(c))
                .hasMessageContaining("no gil.Stats samples");
    }
}
