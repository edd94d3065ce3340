package io.gil4j.analyzer.model;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** gil.Revoke's latency field becomes the report's revocation-latency distribution. */
class RevocationLatencyTest {

    @Test
    void latenciesFormADistribution() {
        RunModel m = Synth.run().config("gil", 5 * MS)
                .revokesWithLatency("holder", "BLOCKED", 100_000, 200_000, 300_000, 400_000, 9_000_000).build();
        Distribution d = m.revocationLatency();
        assertThat(d.count()).isEqualTo(5);
        assertThat((double) d.p50()).isCloseTo(300_000, within(3_000.0));
        assertThat((double) d.max()).isCloseTo(9_000_000, within(90_000.0));
    }

    @Test
    void recordingsWithoutTheFieldLeaveItEmpty() {
        RunModel m = Synth.run().config("gil", 5 * MS).revokesWithLatency("holder", "BLOCKED", -1, -1).build();
        assertThat(m.revocations()).isEqualTo(2);
        assertThat(m.revocationLatency().count()).isZero();
    }
}
