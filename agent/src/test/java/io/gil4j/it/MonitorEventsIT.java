package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JVMTI helper: a GIL holder that blocks on a contended {@code synchronized} releases the GIL
 * where it blocks (a {@code gil.Release} at {@code monitorenter}), is never revoked as BLOCKED,
 * and a waiting thread runs within a tenth of the interval (docs/design.md section 4). The control
 * in the same test turns the helper off: then only the safety net's probe hands the GIL on, as
 * revocations, so the first half fails whenever the helper does not work.
 */
class MonitorEventsIT {
    private static final int ROUNDS = 60;
    private static final double INTERVAL_US = 5000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void aHolderBlockedOnAMonitorReleasesTheGil(String java) throws Exception {
        List<String> jvmArgs = Jvm.nativeAccess(java);
        Path onJfr = dir.resolve("on.jfr");
        Path offJfr = dir.resolve("off.jfr");
        ChildJvm.Result on = Jvm.run(java, Jvm.INCLUDE + ",interval=5ms,jfr=" + onJfr, jvmArgs,
                "io.gil4j.it.work.MonitorHandOff", 120, String.valueOf(ROUNDS)).ok();
        ChildJvm.Result off = Jvm.run(java, Jvm.INCLUDE + ",interval=5ms,monitorEvents=false,jfr=" + offJfr, jvmArgs,
                "io.gil4j.it.work.MonitorHandOff", 120, String.valueOf(ROUNDS)).ok();
        System.out.printf("%s: hand-off after a monitor block, helper on: p50 %.0f us, p99 %.0f us, max %.0f us, "
                        + "%d revocations; helper off (probe): p50 %.0f us, p99 %.0f us, %d revocations%n", java,
                on.number("p50us"), on.number("p99us"), on.number("maxus"), (long) on.number("revocations"),
                off.number("p50us"), off.number("p99us"), (long) off.number("revocations"));

        assertThat(Jvm.count(onJfr, "gil.Revoke", "holderState", "BLOCKED")).as("helper on: revocations of BLOCKED holders").isZero();
        assertThat(Jvm.count(onJfr, "gil.Release", "blockingPoint", "monitorenter"))
                .as("helper on: gil.Release at monitorenter").isGreaterThanOrEqualTo(ROUNDS * 4 / 5);
        // A round where the holder got the GIL back only after the owner let go never blocks: a few such
        // rounds on a busy machine are no failure of the helper.
        assertThat(on.number("seen")).as("rounds the waiter saw").isGreaterThanOrEqualTo(ROUNDS * 4 / 5);
        assertThat(on.number("p50us")).as("helper on: median hand-off, us").isLessThan(INTERVAL_US / 10);
        // Other revocations may happen in both arms: a holder starting a thread waits inside the JVM
        // for it, and the probe rightly hands the GIL on (CPython releases it there too).
        assertThat(Jvm.count(offJfr, "gil.Revoke", "holderState", "BLOCKED")).as("helper off: the probe revokes instead")
                .isGreaterThanOrEqualTo(ROUNDS / 2);
        assertThat(Jvm.count(offJfr, "gil.Release", "blockingPoint", "monitorenter")).as("helper off: no monitorenter release").isZero();
    }
}
