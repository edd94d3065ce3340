package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's MBean in a real JVM ({@code io.gil4j:type=Gil} in the platform MBean server, read by the
 * program itself through the standard JMX API, as JConsole reads it): counters that add up to two
 * CPU-bound threads sharing the GIL; the bean registered in the moment the platform server is
 * created, and no server created by the agent before (it costs 125-230 ms of CPU at start-up), unless
 * the program names its own MBean server builder; and no bean with {@code jmx=false}.
 */
class JmxIT {
    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void theBeanShowsTheGil(String java) throws Exception {
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",interval=5ms", Jvm.nativeAccess(java), "io.gil4j.it.work.JmxProbe", 60, "1").ok();
        assertThat(r.stdout).as("%s", r).contains("bean=present").contains("mode=gil");
        assertThat(r.number("switches")).as("switches in 1 s of two spinning threads (5 ms interval)").isBetween(40.0, 400.0);
        // Against the spinning phase's own wall time, not against 1 s: on a loaded machine (this test's two
        // invocations run side by side) main's return from its sleep waits behind the spinners and the phase
        // runs longer (a fresh-clone CI run counted 1.61 s of waiting).
        double wall = r.number("wallSeconds");
        assertThat(r.number("heldSeconds") / wall).as("held per second of the phase (main holds too, outside it): one at a time, %s", r).isBetween(0.7, 1.5);
        assertThat(r.number("waitingSeconds") / wall).as("waiting per second of the phase: the other spinner, %s", r).isBetween(0.5, 1.5);
        assertThat(r.number("threadRows")).isGreaterThanOrEqualTo(2);
        assertThat(r.number("serversBefore")).as("the agent created no MBean server of its own at start-up").isZero();
        assertThat(r.stdout).as("registered as the platform server was created").contains("registeredAtCreation=true");
        assertThat(r.stdout).as("the builder property is the program's again").contains("builderPropertyAfter=null");

        java.util.List<String> ownBuilder = new java.util.ArrayList<>(Jvm.nativeAccess(java));
        ownBuilder.add("-Djavax.management.builder.initial=javax.management.MBeanServerBuilder");
        ChildJvm.Result own = Jvm.run(java, Jvm.INCLUDE, ownBuilder, "io.gil4j.it.work.JmxProbe", 60, "0.2").ok();
        assertThat(own.stdout).as("a program's own MBean server builder: the agent registers at start-up, %s", own)
                .contains("bean=present").contains("serversBefore=1");

        ChildJvm.Result off = Jvm.run(java, Jvm.INCLUDE + ",jmx=false", Jvm.nativeAccess(java), "io.gil4j.it.work.JmxProbe", 60, "0.2").ok();
        assertThat(off.stdout).contains("bean=absent");
    }
}
