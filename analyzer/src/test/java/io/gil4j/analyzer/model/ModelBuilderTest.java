package io.gil4j.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StackKey;
import io.gil4j.analyzer.read.ThreadRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelBuilder} from events alone (no gil.Stats): what each event adds to its thread and to the
 * run, the hold judged overdue against a config that arrives after it, the wait stacks.
 */
class ModelBuilderTest {
    private static final long MS = 1_000_000L;
    private static final ThreadRef T1 = new ThreadRef(1, "one");
    private static final ThreadRef T2 = new ThreadRef(2, "two");
    private static final StackKey STACK = new StackKey(List.of("a.B.c:1", "a.B.main:2"));

    private static RunModel model() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        b.waitEvent(T1, 100 * MS, 3 * MS, "entry", 1, STACK);
        b.holdEvent(T1, 103 * MS, 10 * MS, "drop-request", 0);
        b.waitEvent(T1, 113 * MS, 2 * MS, "io-return", 1, STACK);
        b.releaseEvent(T1, 115 * MS, 4 * MS, "java.net.Socket.read", "io");
        b.operationEvent(T1, 100 * MS, 20 * MS, "a.B.op");
        b.holdEvent(T2, 100 * MS, 5 * MS, "exit", 0);
        b.releaseEvent(T2, 105 * MS, 6 * MS, "java.lang.Thread.sleep", "sleep");
        b.dropRequestEvent(T1, 108 * MS, T2);
        b.revokeEvent(T1, 109 * MS, T2, "WAITING", MS);
        b.instrumentationErrorEvent(110 * MS, "a.Big", "method too large");
        b.instrumentationErrorEvent(111 * MS, "a.Big2", "method too large");
        // the config comes last, as at the end of a chunk: the 10 ms hold is judged at 1 ms intervals
        b.configEvent(130 * MS, withInterval(MS));
        b.endRun();
        return b.build();
    }

    private static RunConfig withInterval(long nanos) {
        RunConfig d = RunConfig.DEFAULTS;
        return new RunConfig(true, "gil", nanos, d.checkInterval(), d.include(), d.exclude(), d.release(), d.throughput(),
                d.waitThresholdNanos(), d.holdThresholdNanos(), d.releaseThresholdNanos(), d.statsPeriodNanos(),
                d.options(), d.javaVersion(), d.cores(), d.agentVersion(), d.monitorEvents());
    }

    private static ThreadModel thread(RunModel m, String name) {
        return m.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachEventCountsForItsThread() {
        RunModel m = model();
        ThreadModel one = thread(m, "one");
        assertThat(one.fromStats()).isFalse();
        assertThat(one.waitEvents()).isEqualTo(2);
        assertThat(one.waitEventNanos()).isEqualTo(5 * MS);
        assertThat(one.maxWaitNanos()).isEqualTo(3 * MS);
        assertThat(one.holdEvents()).isEqualTo(1);
        assertThat(one.holdEventNanos()).isEqualTo(10 * MS);
        assertThat(one.maxHoldNanos()).isEqualTo(10 * MS);
        assertThat(one.overdueHolds()).as("10 ms >= 3 intervals of 1 ms, no checkpoint").isEqualTo(1);
        assertThat(one.overdueHoldNanos()).isEqualTo(10 * MS);
        assertThat(one.releaseEvents()).isEqualTo(1);
        assertThat(one.operations()).isEqualTo(1);
        assertThat(one.time().heldNanos()).isEqualTo(10 * MS);
        assertThat(one.time().waitNanos()).isEqualTo(5 * MS);
        assertThat(one.time().releasedNanos()).isEqualTo(4 * MS);
        assertThat(one.time().wallNanos()).as("first wait, hold or release to the last (operations do not count)")
                .isEqualTo(19 * MS);

        ThreadModel two = thread(m, "two");
        assertThat(two.holdEventNanos()).isEqualTo(5 * MS);
        assertThat(two.overdueHolds()).as("ended at its exit, nobody asked").isZero();
        assertThat(two.time().releasedNanos()).isEqualTo(6 * MS);
        assertThat(two.dropRequests()).as("requests to it as holder").isEqualTo(1);
        assertThat(two.revocations()).isEqualTo(1);
        assertThat(one.dropRequests()).isZero();
        assertThat(one.revocations()).isZero();
    }

    @Test
    void theRunAddsUpItsEvents() {
        RunModel m = model();
        assertThat(m.waitsByReason()).containsOnlyKeys("entry", "io-return");
        assertThat(m.waitsByReason().get("entry").count()).isEqualTo(1);
        assertThat(m.waits().count()).isEqualTo(2);
        assertThat(m.holdsByEndReason()).isEqualTo(Map.of("drop-request", 1L, "exit", 1L));
        assertThat(m.releasesByKind()).containsEntry("io", 1L).containsEntry("sleep", 1L);
        assertThat(m.operationsByMethod()).isEqualTo(Map.of("a.B.op", 1L));
        assertThat(m.revocationsByHolderState()).isEqualTo(Map.of("WAITING", 1L));
        assertThat(m.revocationLatency().count()).isEqualTo(1);
        assertThat(m.overdueHolds()).isEqualTo(1);
        assertThat(m.overdueHoldNanos()).isEqualTo(10 * MS);
        assertThat(m.instrumentationErrors()).isEqualTo(2);
        assertThat(m.instrumentationErrorSamples()).containsExactly("a.Big: method too large", "a.Big2: method too large");
        assertThat(m.count("gil.Wait")).isEqualTo(2);
        assertThat(m.count("gil.Hold")).isEqualTo(2);
        assertThat(m.count("gil.Release")).isEqualTo(2);
        assertThat(m.count("gil.DropRequest")).isEqualTo(1);
        assertThat(m.count("gil.Revoke")).isEqualTo(1);
        assertThat(m.count("gil.Operation")).isEqualTo(1);
        assertThat(m.runs()).singleElement().satisfies(r -> assertThat(r.wallNanos()).isEqualTo(30 * MS));
        assertThat(m.topWaitStacks()).singleElement().satisfies(s -> {
            assertThat(s.frames()).isEqualTo(STACK.frames());
            assertThat(s.waits()).isEqualTo(2);
            assertThat(s.totalWaitNanos()).isEqualTo(5 * MS);
        });
    }

    @Test
    void aHoldThatPassedCheckpointsIsNotUninstrumentedCode() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        b.configEvent(0, withInterval(MS));
        b.holdEvent(T1, 0, 3 * MS, "drop-request", 2);
        b.holdEvent(T1, 5 * MS, 3 * MS, "drop-request", 1);
        b.holdEvent(T1, 10 * MS, 3 * MS - 1, "drop-request", 0);
        b.holdEvent(T1, 20 * MS, 3 * MS, "revoked", 0);
        b.endRun();
        RunModel m = b.build();
        assertThat(m.overdueHoldsWithCheckpoints()).isEqualTo(1);
        assertThat(m.overdueHolds()).as("3 ms at 1 ms with one checkpoint, and a revoked one; not 1 ns under").isEqualTo(2);
    }

    @Test
    void waitsByReasonFollowTheReasonOfEachWait() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        // alternating reasons, then a thread change with the same reason: each wait lands in its own reason
        b.waitEvent(T1, 0, 1 * MS, "entry", 1, STACK);
        b.waitEvent(T1, 2 * MS, 2 * MS, "switch", 1, STACK);
        b.waitEvent(T1, 5 * MS, 4 * MS, "entry", 1, STACK);
        b.waitEvent(T2, 5 * MS, 8 * MS, "entry", 1, STACK);
        b.waitEvent(T2, 14 * MS, 16 * MS, null, 1, STACK);
        b.endRun();
        RunModel m = b.build();
        assertThat(m.waitsByReason().get("entry").count()).isEqualTo(3);
        assertThat(m.waitsByReason().get("switch").count()).isEqualTo(1);
        assertThat(m.waitsByReason().get("switch").max()).isBetween(2 * MS, 2 * MS + MS / 100);
        assertThat(m.waitsByReason()).hasSize(3);
        assertThat(m.waits().count()).isEqualTo(5);
        assertThat(m.meanWaiters()).as("31 ms of waiting over a 30 ms wall").isEqualTo(31.0 / 30);
        assertThat(m.utilization()).isZero();
    }

    @Test
    void theTopWaitStacksAreTheTenWithTheMostWaitingTime() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        for (int i = 1; i <= 12; i++) {
            StackKey k = new StackKey(List.of("a.B.m" + i + ":1"));
            b.waitEvent(T1, i * 100 * MS, i * MS, "entry", 1, k);
            b.waitEvent(T2, i * 100 * MS, i * MS, "entry", 1, k); // the same stack again, from another thread
        }
        b.endRun();
        List<WaitStack> top = b.build().topWaitStacks();
        assertThat(top).hasSize(10);
        assertThat(top).extracting(WaitStack::totalWaitNanos).startsWith(24 * MS, 22 * MS).endsWith(6 * MS);
        assertThat(top).allMatch(w -> w.waits() == 2);
        assertThat(top.get(0).frames()).containsExactly("a.B.m12:1");
    }

    @Test
    void runsAddUpTheirWallsAndTheFirstRecordedConfigIsTheModels() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("a.jfr"));
        b.holdEvent(T1, 0, 10 * MS, "exit", 0);
        b.endRun();
        b.beginRun(Path.of("b.jfr"));
        b.configEvent(1_000 * MS, withInterval(2 * MS));
        b.holdEvent(T1, 1_000 * MS, 30 * MS, "exit", 0);
        b.configEvent(1_010 * MS, withInterval(7 * MS)); // a later config of the same run does not replace it
        b.endRun();
        RunModel m = b.build();
        assertThat(m.runs()).extracting(RunInfo::wallNanos).containsExactly(10 * MS, 30 * MS);
        assertThat(m.runs()).extracting(RunInfo::gilEvents).containsExactly(1L, 3L);
        assertThat(m.wallNanos()).isEqualTo(40 * MS);
        assertThat(m.config().intervalNanos()).isEqualTo(2 * MS);
        assertThat(m.threads()).as("a thread per run").hasSize(2).extracting(ThreadModel::run).containsExactly(0, 1);
        assertThat(m.utilization()).isEqualTo(1.0);
        assertThat(m.count("gil.Config")).isEqualTo(2);
    }

    @Test
    void aRunWithNoEventsHasNoWall() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("empty.jfr"));
        b.endRun();
        RunModel m = b.build();
        assertThat(m.wallNanos()).isZero();
        assertThat(m.utilization()).isZero();
        assertThat(m.meanWaiters()).isZero();
        assertThat(m.runs()).singleElement().satisfies(r -> assertThat(r.startNanos()).isZero());
        assertThat(m.config().present()).isFalse();
    }

    @Test
    void instrumentationErrorsAreAllCountedButOnlyTwentyKept() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        for (int i = 0; i < 25; i++) b.instrumentationErrorEvent(i, "a.C" + i, "too large");
        b.endRun();
        RunModel m = b.build();
        assertThat(m.instrumentationErrors()).isEqualTo(25);
        assertThat(m.instrumentationErrorSamples()).hasSize(20).startsWith("a.C0: too large").endsWith("a.C19: too large");
    }

    @Test
    void anUnknownRevocationLatencyIsNotADistributionValue() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        b.revokeEvent(T1, 0, T2, "BLOCKED", -1);
        b.revokeEvent(T1, 1, T2, "BLOCKED", 0);
        b.endRun();
        RunModel m = b.build();
        assertThat(m.revocationLatency().count()).isEqualTo(1);
        assertThat(m.revocations()).isEqualTo(2);
        assertThat(m.revocationsByHolderState()).isEqualTo(Map.of("BLOCKED", 2L));
    }

    @Test
    void aThreadKeepsItsLatestNameAndAHoldWithoutConfigIsJudgedAtTheDefaultInterval() {
        ModelBuilder b = new ModelBuilder();
        b.beginRun(Path.of("run.jfr"));
        b.holdEvent(T1, 0, 15 * MS, "drop-request", 0); // 3 x the default 5 ms: overdue
        b.holdEvent(new ThreadRef(1, "renamed"), 20 * MS, 15 * MS - 1, "drop-request", 0); // 1 ns under
        b.holdEvent(new ThreadRef(1, null), 40 * MS, MS, "exit", 0); // no name: keeps the last one
        b.endRun();
        RunModel m = b.build();
        assertThat(m.threads()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("renamed");
            assertThat(t.overdueHolds()).isEqualTo(1);
            assertThat(t.holdEvents()).isEqualTo(3);
            assertThat(t.maxHoldNanos()).isEqualTo(15 * MS);
        });
        assertThat(m.overdueHoldNanos()).isEqualTo(15 * MS);
    }
}
