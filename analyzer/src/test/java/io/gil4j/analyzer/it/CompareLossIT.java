package io.gil4j.analyzer.it;

import io.gil4j.testkit.work.Countdown;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.compare.Comparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare} against reality: the 2-thread countdown with mode=off (A) and mode=gil (B). The loss
 * compare reports must agree with the loss measured from the wall times the workloads print
 * (1 - wall_off / wall_gil) within 10 points, and the single-recording estimate from A must say about half.
 *
 * <p>The build machine is shared (2 cores, other builds running), and a mode=off run needs both cores
 * while a mode=gil run needs one, so load from elsewhere slows A more than B. Pairs are therefore run
 * alternately and the fastest run of each mode is compared (best-of-3, the usual benchmark practice),
 * and the recordings compared are those of the same fastest runs.
 */
class CompareLossIT {
    private static final int PAIRS = 3;

    @TempDir
    Path tmp;

    @Test
    void reportedAndEstimatedLossMatchMeasuredLoss() throws Exception {
        AgentRun.Result off = null;
        AgentRun.Result gil = null;
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < PAIRS; i++) {
            AgentRun.Result o = AgentRun.run(tmp, "off-" + i, "mode=off", Countdown.class.getName(), "2",
                    RealRecordingsIT.COUNTDOWN_ITERATIONS);
            AgentRun.Result g = AgentRun.run(tmp, "gil-" + i, "mode=gil", Countdown.class.getName(), "2",
                    RealRecordingsIT.COUNTDOWN_ITERATIONS);
            assertThat(o.wallNanos()).as(o.output()).isPositive();
            assertThat(g.wallNanos()).as(g.output()).isPositive();
            log.append(String.format("pair %d: off %.0f ms, gil %.0f ms%n", i, o.wallNanos() / 1e6, g.wallNanos() / 1e6));
            off = off == null || o.wallNanos() < off.wallNanos() ? o : off;
            gil = gil == null || g.wallNanos() < gil.wallNanos() ? g : gil;
        }
        double measured = 1.0 - (double) off.wallNanos() / gil.wallNanos();
        Comparison c = Analyzer.compare(List.of(off.recording()), List.of(gil.recording()));
        double estimate = c.estimateFromA().refinedLoss();
        String context = String.format("%smeasured loss %.3f (off %d ns, gil %d ns), compare %.3f, estimate %.3f "
                        + "(simple %.3f), recorded walls A %d ns B %d ns", log, measured, off.wallNanos(),
                gil.wallNanos(), c.throughputLoss(), estimate, c.estimateFromA().simpleLoss(), c.a().wallNanos(),
                c.b().wallNanos());
        System.out.println("[CompareLossIT] " + context.replace('\n', ' '));
        assertThat(c.throughputLoss()).as(context).isCloseTo(measured, org.assertj.core.data.Offset.offset(0.10));
        // The estimate from A alone for two CPU-bound threads on two cores: about half. Not compared with the
        // measured loss: a busy host slows the two-core mode=off runs (a fresh-clone CI run measured 0.296
        // against an estimate of 0.471), while compare's loss above follows the same runs exactly.
        assertThat(estimate).as(context).isBetween(0.3, 0.6);
    }
}
