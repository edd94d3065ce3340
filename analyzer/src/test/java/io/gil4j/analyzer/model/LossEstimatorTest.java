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
}
