package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gil.Stats totals add up per thread (held + waiting + released + outside = wall within 5%), and the
 * parts are where the workload put its time: {@code StatsWorkload} sleeps outside instrumented code,
 * sleeps inside it (released, kind sleep) and computes inside it beside a competitor (held, waiting).
 */
class StatsAddUpIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void totalsAddUpAndLandInTheRightPhase(String java) throws Exception {
        Path jfr = dir.resolve("stats.jfr");
        Jvm.run(java, "include=io.gil4j.it.work.StatsWorkload,jfr=" + jfr + ",statsPeriod=200ms",
                "io.gil4j.it.work.StatsWorkloadMain", 60).ok();
        Map<String, RecordedEvent> last = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Stats")) continue;
            String name = e.getString("gilThreadName");
            RecordedEvent prev = last.get(name);
            if (prev == null || prev.getLong("wallNanos") <= e.getLong("wallNanos")) last.put(name, e);
        }
        assertThat(last).containsKeys("stats-a", "stats-b");
        for (RecordedEvent e : last.values()) {
            long wall = e.getLong("wallNanos");
            long sum = e.getLong("heldNanos") + e.getLong("waitNanos") + e.getLong("releasedNanos") + e.getLong("outsideNanos");
            assertThat((double) sum).as("sum of parts vs wall for %s", e.getString("gilThreadName"))
                    .isCloseTo(wall, org.assertj.core.data.Percentage.withPercentage(5));
            long byKind = e.getLong("releasedIoNanos") + e.getLong("releasedSleepNanos") + e.getLong("releasedLockNanos")
                    + e.getLong("releasedWaitNanos") + e.getLong("releasedUserNanos");
            assertThat((double) byKind).isCloseTo(e.getLong("releasedNanos"), org.assertj.core.data.Offset.offset(1e6));
        }
        RecordedEvent a = last.get("stats-a");
        long ms = 1_000_000L;
        assertThat(a.getLong("outsideNanos")).as("slept 300 ms outside instrumented code").isGreaterThan(250 * ms);
        assertThat(a.getLong("releasedSleepNanos")).as("slept 200 ms inside it").isGreaterThan(170 * ms);
        assertThat(a.getLong("heldNanos")).as("computed beside a competitor").isGreaterThan(50 * ms);
        assertThat(a.getLong("waitNanos") + last.get("stats-b").getLong("waitNanos")).as("someone waited").isGreaterThan(50 * ms);
    }

    /**
     * A {@code jfr=} recording samples every period from the program's start: JFR's periodic thread naps
     * until the next event it knows is due and is not woken when one is added, so totals registered late
     * began up to a second after the start (a short program's prediction then had one period, not ten).
     */
    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void totalsAreSampledEveryPeriodFromTheStart(String java) throws Exception {
        Path jfr = dir.resolve("periods.jfr");
        Jvm.run(java, "include=io.gil4j.it.work.StatsWorkload,jfr=" + jfr + ",statsPeriod=100ms",
                "io.gil4j.it.work.StatsWorkloadMain", 60).ok();
        long firstWall = Long.MAX_VALUE;
        long lastWall = 0;
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Stats") || !"stats-b".equals(e.getString("gilThreadName"))) continue;
            samples++;
            firstWall = Math.min(firstWall, e.getLong("wallNanos"));
            lastWall = Math.max(lastWall, e.getLong("wallNanos"));
        }
        long ms = 1_000_000L;
        assertThat(firstWall).as("the thread's first sample, %d samples over %d ms", samples, lastWall / ms)
                .isLessThan(250 * ms);
        assertThat(samples).as("samples over %d ms", lastWall / ms).isGreaterThanOrEqualTo((int) (lastWall / (100 * ms) * 0.6));
    }
}
