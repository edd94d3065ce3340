package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * More concurrent programs (lock ordering, nested monitors across switches, spurious wake-ups, the
 * java.util.concurrent primitives, fork/join, deep recursion, StackOverflowError, 2^31 loop
 * iterations): each finishes within its bound and prints exactly what it prints without the agent.
 */
class TortureIT {
    static final String MAIN = "io.gil4j.reliability.work.Programs";
    static final String[] MONITORS = {"lockOrder", "nestedMonitors", "spuriousWakeups", "deepRecursion", "stackOverflow"};
    static final String[] JUC = {"semaphore", "cyclicBarrier", "phaser", "stampedLock", "readWriteLock",
        "synchronousQueue", "chmCompute", "scheduledExecutor", "forkJoin"};

    static Stream<Arguments> cases() {
        return Child.javaStream().flatMap(j -> Stream.of(Arguments.of(j, "monitors", MONITORS, "interval=1ms")));
    }

    static Stream<Arguments> jucCases() {
        return Child.javaStream().flatMap(j -> Stream.of(
                Arguments.of(j, "juc", JUC, "interval=1ms"),
                Arguments.of(j, "juc-legacy", JUC, "mode=legacy")));
    }

    /**
     * The java.util.concurrent primitives. They used to hang intermittently (Semaphore in legacy mode,
     * Exchanger, LinkedTransferQueue): the park hook's GIL release could use up the unpark permit
     * meant for the real park (fixed in GilLock.release).
     */
    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("jucCases")
    void concurrencyPrimitives(String java, String group, String[] programs, String options) throws Exception {
        sameResultsWithAndWithoutTheAgent(java, group, programs, options);
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void sameResultsWithAndWithoutTheAgent(String java, String group, String[] programs, String options) throws Exception {
        String expected = Child.java(java).main(MAIN, programs).timeout(120).run().ok().stdout;
        assertThat(expected.lines()).hasSize(programs.length);
        ChildJvm.Result r = Child.java(java).agent(Child.AGENT, Child.WORK + "," + options).main(MAIN, programs).timeout(180).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
        assertThat(r.stderr).as("%s", r).doesNotContain("Exception").doesNotContain("gil4j:");
    }

    /**
     * Exchanger and LinkedTransferQueue hand-offs: the regression test for lost LockSupport.unpark
     * permits (they hung in about half of the runs before GilLock.release gave the permit back).
     */
    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "handoffs on {0}")
    @MethodSource("io.gil4j.reliability.Child#javaStream")
    void parkWakeupsAreNotLost(String java) throws Exception {
        String expected = Child.java(java).main(MAIN, "handoffs").timeout(60).run().ok().stdout;
        ChildJvm.Result r = Child.java(java).agent(Child.AGENT, Child.WORK + ",interval=1ms").main(MAIN, "handoffs").timeout(60).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
    }

    /** 2^31 iterations in 16 chunks over 4 threads (this JDK only: it is the slowest program). */
    @Execution(ExecutionMode.CONCURRENT)
    @org.junit.jupiter.api.Test
    void hugeLoops() throws Exception {
        String expected = Child.java(Child.SELF).main(MAIN, "hugeLoop").timeout(120).run().ok().stdout;
        ChildJvm.Result r = Child.java(Child.SELF).agent(Child.AGENT, Child.WORK).main(MAIN, "hugeLoop").timeout(240).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
    }
}
