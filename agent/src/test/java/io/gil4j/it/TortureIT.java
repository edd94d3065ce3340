package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No deadlock, identical results: each concurrent program finishes within its bound and prints
 * exactly what it prints without the agent, under both GIL modes and on both JDKs.
 */
class TortureIT {

    static final String[] PROGRAMS = {"synchronized", "waitNotify", "reentrantLock", "producerConsumer",
        "completableFuture", "parallelStream", "classInit", "exceptions", "threadDeath", "interrupts", "executor"};

    static Stream<Arguments> cases() {
        return Jvm.javas().flatMap(j -> Stream.of(Arguments.of(j, "gil"), Arguments.of(j, "legacy")));
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @MethodSource("cases")
    void sameResultsWithAndWithoutTheAgent(String java, String mode) throws Exception {
        String expected = Jvm.run(java, null, "io.gil4j.it.work.Torture", 120, PROGRAMS).ok().stdout;
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",mode=" + mode + ",interval=1ms", "io.gil4j.it.work.Torture", 120, PROGRAMS).ok();
        assertThat(r.stdout).isEqualTo(expected);
        assertThat(r.stderr).doesNotContain("Exception").doesNotContain("gil4j:");
    }
}
