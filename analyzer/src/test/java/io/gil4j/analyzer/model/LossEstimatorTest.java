package io.gil4j.analyzer.model;

import org.junit.jupiter.api.Test;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossEstimatorTest {
    @Test
    void simpleEstimateIsOneMinusWallOverDemand() {
        // two threads, 1 s each of demand in parallel over 1 s of wall: a GIL needs 2 s, loss 50%
        RunModel m = Synth.run().config("off", MS).stats("a", 1000 * MS, 1000 * MS, 0, 0)
                .stats("b", 1000 * MS, 1000 * MS, 0, 0).build();
        assertThat(m.estimate().wallNanos()).isEqualTo(1000 * MS);
        assertThat(m.estimate().demandNanos()).isEqualTo(2000 * MS);
        assertThat(m.estimate().simpleLoss()).isCloseTo(0.5, within(1e-9));
        assertThat(m.estimate().refinedLoss()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void noLossWhenDemandFitsInWall() {
        RunModel m = Synth.run().config("off", MS).stats("a", 1000 * MS, 300 * MS, 0, 600 * MS)
                .stats("b", 1000 * MS, 300 * MS, 0, 600 * MS).build();
        assertThat(m.estimate().simpleLoss()).isEqualTo(0.0);
    }

    @Test
    void refinedEstimateSeesBurstyDemand() {
        // both threads busy during the first second, idle during the second: overall H = W = 2 s (no loss),
        // but per interval the first second needs 2 s of GIL: refined wall 3 s, loss 1/3
        RunModel m = Synth.run().config("off", MS)
                .statsAt("a", 1000 * MS, 1000 * MS, 1000 * MS).statsAt("a", 2000 * MS, 2000 * MS, 1000 * MS)
                .statsAt("b", 1000 * MS, 1000 * MS, 1000 * MS).statsAt("b", 2000 * MS, 2000 * MS, 1000 * MS)
                .build();
        assertThat(m.estimate().simpleLoss()).isCloseTo(0.0, within(1e-9));
        assertThat(m.estimate().intervals()).isEqualTo(2);
        assertThat(m.estimate().refinedWallNanos()).isEqualTo(3000 * MS);
        assertThat(m.estimate().refinedLoss()).isCloseTo(1.0 / 3, within(1e-9));
    }

    private static ThreadAccumulator series(long id, long[][] timeHeldMs) {
        ThreadAccumulator a = new ThreadAccumulator(0, new io.gil4j.analyzer.read.ThreadRef(id, "t" + id),
                new SegmentSampler.Budget(1000, 100));
        for (long[] p : timeHeldMs) {
            a.stats(p[0] * MS, new io.gil4j.analyzer.read.StatsSample(p[0] * MS, p[1] * MS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    -1, -1));
        }
        return a;
    }

    @Test
    void heldTimeIsInterpolatedBetweenSamplesOnTheGrid() {
        // a holds all along; b holds during the first half only. Samples 50 ms apart, grid 10 ms:
        // 5 intervals need 20 ms of GIL each, 5 need 10: refined wall 150 ms for 100 ms of wall
        ThreadAccumulator a = series(1, new long[][] {{0, 0}, {50, 50}, {100, 100}});
        ThreadAccumulator b = series(2, new long[][] {{0, 0}, {50, 50}, {100, 50}});
        LossEstimate e = LossEstimator.estimate(0, 100 * MS, 150 * MS, java.util.List.of(a, b), 10 * MS, "stats");
        assertThat(e.intervals()).isEqualTo(10);
        assertThat(e.refinedWallNanos()).isEqualTo(150 * MS);
        assertThat(e.simpleLoss()).isCloseTo(1 - 100.0 / 150, within(1e-9));
        // the same with b's samples 100 ms apart: interpolated, b's 50 ms spread over the whole run
        ThreadAccumulator b2 = series(2, new long[][] {{0, 0}, {100, 50}});
        LossEstimate spread = LossEstimator.estimate(0, 100 * MS, 150 * MS, java.util.List.of(a, b2), 10 * MS, "stats");
        assertThat(spread.refinedWallNanos()).isEqualTo(150 * MS);
        // b started at 50 ms (0 before its first sample) and held all its time from there
        ThreadAccumulator late = series(3, new long[][] {{50, 0}, {100, 50}});
        LossEstimate lateE = LossEstimator.estimate(0, 100 * MS, 150 * MS, java.util.List.of(a, late), 10 * MS, "stats");
        assertThat(lateE.refinedWallNanos()).isEqualTo(150 * MS);
        // held after the last sample is not known: flat, and what the series miss is added at the end
        ThreadAccumulator early = series(4, new long[][] {{0, 0}, {40, 40}});
        LossEstimate earlyE = LossEstimator.estimate(0, 100 * MS, 200 * MS, java.util.List.of(a, early), 10 * MS, "stats");
        assertThat(earlyE.refinedWallNanos()).as("4 intervals of 20, 6 of 10, 60 uncovered").isEqualTo(200 * MS);
    }

    @Test
    void theGridIsWidenedToAtMostMaxIntervals() {
        ThreadAccumulator a = series(1, new long[][] {{0, 0}, {1000, 1000}});
        LossEstimate e = LossEstimator.estimate(0, 1000 * MS, 1000 * MS, java.util.List.of(a), 1, "stats");
        assertThat(e.intervals()).isEqualTo(LossEstimator.MAX_INTERVALS);
        assertThat(e.refinedWallNanos()).isEqualTo(1000 * MS);
        LossEstimate partial = LossEstimator.estimate(0, 95 * MS, 95 * MS, java.util.List.of(series(2,
                new long[][] {{0, 0}, {95, 95}})), 10 * MS, "stats");
        assertThat(partial.intervals()).as("the last interval is cut at the run's end").isEqualTo(10);
        assertThat(partial.refinedWallNanos()).isEqualTo(95 * MS);
    }

    @Test
    void withoutSeriesOrWallTheSimpleBoundIsAllThereIs() {
        ThreadAccumulator one = series(1, new long[][] {{100, 100}});
        LossEstimate e = LossEstimator.estimate(0, 100 * MS, 180 * MS, java.util.List.of(one), 10 * MS, "events");
        assertThat(e.intervals()).isEqualTo(1);
        assertThat(e.refinedWallNanos()).isEqualTo(180 * MS);
        assertThat(e.basis()).isEqualTo("events");
        LossEstimate none = LossEstimator.estimate(5, 5, 10 * MS, java.util.List.of(series(2, new long[][] {{0, 0}, {1, 1}})),
                10 * MS, "stats");
        assertThat(none.wallNanos()).isZero();
        assertThat(none.refinedWallNanos()).isEqualTo(10 * MS);
    }
}
