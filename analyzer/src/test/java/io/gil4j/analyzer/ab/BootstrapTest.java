package io.gil4j.analyzer.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Intervals that behave: identical runs give a point, noise gives a band around the estimate, order alternates. */
class BootstrapTest {
    @Test
    void identicalRunsGiveAPointInterval() {
        Bootstrap.Interval i = Bootstrap.loss(new double[] {100, 100, 100}, new double[] {50, 50, 50}, 1);
        assertThat(i.estimate()).isEqualTo(0.5);
        assertThat(i.low()).isEqualTo(0.5);
        assertThat(i.high()).isEqualTo(0.5);
    }

    @Test
    void noisyRunsGiveABandAroundTheRatioOfMeans() {
        double[] a = {95, 100, 105, 98, 102};
        double[] b = {48, 52, 50, 47, 53};
        Bootstrap.Interval i = Bootstrap.loss(a, b, 7);
        assertThat(i.estimate()).isCloseTo(0.5, within(1e-9));
        assertThat(i.low()).isLessThan(0.5).isGreaterThan(0.4);
        assertThat(i.high()).isGreaterThan(0.5).isLessThan(0.6);
        assertThat(Bootstrap.loss(a, a, 7).contains(0)).as("A against itself").isTrue();
        assertThat(Bootstrap.loss(a, b, 7)).as("seeded").isEqualTo(i);
    }

    @Test
    void armsAlternateTheirOrderFromBlockToBlock() {
        AbRunner.Arm a = new AbRunner.Arm("a", "mode=off");
        AbRunner.Arm b = new AbRunner.Arm("b", "mode=gil");
        AbRunner.Arm c = new AbRunner.Arm("c", null);
        assertThat(AbRunner.order(List.of(a, b), 2)).containsExactly(a, b, b, a);
        assertThat(AbRunner.order(List.of(a, b, c), 2)).containsExactly(a, b, c, c, b, a);
    }

    @Test
    void theAgentArgumentIsQuotedForTheShell() {
        assertThat(ServiceRun.command("java {agent} -jar x.jar", "-javaagent:/a b/gil.jar=include=x.**"))
                .isEqualTo("java '-javaagent:/a b/gil.jar=include=x.**' -jar x.jar");
        assertThat(ServiceRun.command("java {agent} -jar x.jar", "")).isEqualTo("java  -jar x.jar");
        assertThat(ServiceRun.shellQuote("it's")).isEqualTo("'it'\\''s'");
    }
}
