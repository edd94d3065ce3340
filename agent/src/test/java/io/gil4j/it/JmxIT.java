package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's MBean in a real JVM ({@code io.gil4j:type=Gil} in the platform MBean server, read by the
 * program itself through the standard JMX API, as JConsole reads it): counters that add up to two
 * CPU-bound threads sharing the GIL; and no bean with {@code jmx=false}.
 */
class JmxIT {
    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void theBeanShowsTheGil(String java) throws Exception {
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",interval=5ms", Jvm.nativeAccess(java), "io.gil4j.it.work.JmxProbe", 60, "1").ok();
        assertThat(r.stdout).as("%s", r).contains("bean=present").contains("mode=gil");
        assertThat(r.number("switches")).as("switches in 1 s of two spinning threads (5 ms interval)").isBetween(40.0, 400.0);
        assertThat(r.number("heldSeconds")).as("held: one thread at a time").isBetween(0.7, 1.5);
        assertThat(r.number("waitingSeconds")).isBetween(0.5, 1.5);
        assertThat(r.number("threadRows")).isGreaterThanOrEqualTo(2);

        ChildJvm.Result off = Jvm.run(java, Jvm.INCLUDE + ",jmx=false", Jvm.nativeAccess(java), "io.gil4j.it.work.JmxProbe", 60, "0.2").ok();
        assertThat(off.stdout).contains("bean=absent");
    }
}
