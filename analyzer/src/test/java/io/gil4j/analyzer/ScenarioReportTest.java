package io.gil4j.analyzer;

import com.example.workload.Scenarios;
import io.gil4j.analyzer.GilEventNames.HoldEndReasons;
import io.gil4j.analyzer.model.ModelBuilder;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.ThreadClass;
import io.gil4j.analyzer.model.ThreadModel;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.rules.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End to end on real recordings written in this JVM: classification, rules, percentiles, shares. */
class ScenarioReportTest {
    private static final long MS = 1_000_000L;

    private static ThreadModel thread(RunModel m, String name) {
        return m.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertSharesAddUp(TimeShares t) {
        assertThat(t.heldShare() + t.waitShare() + t.releasedShare() + t.outsideShare()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void cpuBoundTwoThreads() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.cpuBound()));
        RunModel m = r.model();
        assertThat(m.threads()).extracting(ThreadModel::name).containsExactlyInAnyOrder("cpu-1", "cpu-2");
        for (ThreadModel t : m.threads()) {
            assertThat(t.classification().threadClass()).isEqualTo(ThreadClass.CPU_BOUND);
            assertThat(t.fromStats()).isTrue();
            assertSharesAddUp(t.time());
            assertThat(t.time().heldShare()).isCloseTo(0.495, within(0.001));
        }
        assertSharesAddUp(m.total());
        assertThat(m.wallNanos()).isBetween(2000 * MS, 2500 * MS);
        assertThat(m.utilization()).isCloseTo(1980.0 * MS / m.wallNanos(), within(1e-9));
        assertThat(m.meanWaiters()).isCloseTo(1980.0 * MS / m.wallNanos(), within(1e-9));
        assertThat(m.switches()).isEqualTo(400);
        assertThat(m.switchesPerSecond()).isCloseTo(400 / m.wallSeconds(), within(1e-9));
        assertThat(m.waits().count()).isEqualTo(30);
        assertThat(m.waits().p50()).isBetween(MS, 5 * MS);
        assertThat(m.waits().p50()).isLessThanOrEqualTo(m.waits().p90());
        assertThat(m.waits().p99()).isLessThanOrEqualTo(m.waits().max());
        assertThat(m.holds().count()).isEqualTo(30);
        assertThat(m.topWaitStacks()).isNotEmpty();
        assertThat(m.topWaitStacks().get(0).frames().get(0)).startsWith("com.example.workload.Scenarios.cpuLoop");
        assertThat(r.finding("gil-saturation").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.finding("convoy-effect").severity()).isEqualTo(Severity.OK);
        assertThat(r.finding("starvation").severity()).isEqualTo(Severity.OK);
        assertThat(r.finding("legacy-thrashing").severity()).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(r.finding("hidden-blocking").severity()).isEqualTo(Severity.OK);
        assertThat(m.config().present()).isTrue();
        assertThat(m.intervalNanos()).isEqualTo(MS);
    }

    @Test
    void ioBoundThreads() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.ioBound()));
        RunModel m = r.model();
        for (ThreadModel t : m.threads()) {
            assertThat(t.classification().threadClass()).isEqualTo(ThreadClass.IO_BOUND);
            assertThat(t.time().share(t.time().releasedIoNanos())).isCloseTo(0.9, within(1e-9));
            assertSharesAddUp(t.time());
        }
        assertThat(m.releasesByKind()).containsEntry("io", 20L);
        assertThat(r.finding("gil-saturation").severity()).isEqualTo(Severity.OK);
        assertThat(r.finding("convoy-effect").severity()).isEqualTo(Severity.OK);
    }

    @Test
    void convoyIsDetected() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.convoy()));
        RunModel m = r.model();
        assertThat(thread(m, "io").classification().threadClass()).isEqualTo(ThreadClass.IO_BOUND);
        assertThat(thread(m, "cpu").classification().threadClass()).isEqualTo(ThreadClass.CPU_BOUND);
        // Stats were written by the test's main thread: the analyzer must use gilThread, not eventThread
        assertThat(m.threads()).extracting(ThreadModel::name).containsExactlyInAnyOrder("cpu", "io");
        assertThat(thread(m, "io").fromStats()).isTrue();
        assertThat(m.waitsByReason().get("io-return").count()).isEqualTo(120);
        assertThat(m.waitsByReason().get("io-return").p50()).isBetween(MS, 5 * MS);
        assertThat(r.finding("convoy-effect").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.finding("convoy-effect").numbers()).containsEntry("ioReturnWaits", 120L);
        assertThat(r.finding("starvation").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.finding("starvation").numbers()).containsEntry("worstThread", "io");
        assertThat(m.topWaitStacks().get(0).frames().get(0)).startsWith("com.example.workload.Scenarios.convoyIoLoop");
    }

    @Test
    void legacyThrashing() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.legacy()));
        assertThat(r.model().mode()).isEqualTo("legacy");
        assertThat(r.finding("legacy-thrashing").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void extensionHoldsAndRevocations() throws Exception {
        AnalysisReport r = Analyzer.report(List.of(RecordedScenarios.extension()));
        RunModel m = r.model();
        // The six 5-interval holds are overdue; a 0.1-interval one becomes so only when the test's thread was
        // preempted for 3 intervals inside it (3 ms: seen once on a busy CI machine), so the count is checked
        // against the recording itself, read here without the analyzer.
        long overdue = overdueHoldsIn(RecordedScenarios.extension(), Scenarios.INTERVAL);
        assertThat(overdue).isBetween(6L, 12L);
        assertThat(m.overdueHolds()).isEqualTo(overdue);
        assertThat(thread(m, "numpy-like").overdueHolds()).isEqualTo(overdue);
        assertThat(r.finding("uninstrumented-hold").severity()).isIn(Severity.WARNING, Severity.CRITICAL);
        assertThat(m.count(GilEventNames.REVOKE)).isEqualTo(12);
        assertThat(m.revocationsByHolderState()).containsEntry("NO_CPU_PROGRESS", 12L);
        assertThat(r.finding("hidden-blocking").severity()).isEqualTo(Severity.WARNING);
    }

    /** gil.Hold events ended by a drop request or a revocation, of at least 3 intervals, with at most one checkpoint. */
    private static long overdueHoldsIn(java.nio.file.Path recording, long intervalNanos) throws java.io.IOException {
        long n = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals(GilEventNames.HOLD)) continue;
            String reason = e.getString("endReason");
            if (!HoldEndReasons.DROP_REQUEST.equals(reason) && !HoldEndReasons.REVOKED.equals(reason)) continue;
            long overdue = ModelBuilder.OVERDUE_INTERVALS * intervalNanos;
            if (e.getDuration().toNanos() >= overdue && e.getLong("checkpoints") <= 1) n++;
        }
        return n;
    }

    @Test
    void severalRecordingsAreSeveralRuns() throws Exception {
        RunModel one = Analyzer.model(List.of(RecordedScenarios.ioBound()));
        RunModel two = Analyzer.model(List.of(RecordedScenarios.ioBound(), RecordedScenarios.ioBound()));
        assertThat(two.runs()).hasSize(2);
        assertThat(two.threads()).hasSize(2 * one.threads().size());
        assertThat(two.wallNanos()).isEqualTo(2 * one.wallNanos());
        assertThat(two.utilization()).isCloseTo(one.utilization(), within(1e-9));
    }
}
