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
 * How programs end while other threads want the GIL: System.exit from main and from a worker (with
 * a shutdown hook that needs the GIL), daemon threads still running, halt, uncaught exceptions and
 * errors, OutOfMemoryError in instrumented code. Same exit status and output as without the agent,
 * within the bound.
 */
class ExitsIT {
    static final String MAIN = "io.gil4j.reliability.work.Exits";

    static Stream<Arguments> cases() {
        return Child.javaStream().flatMap(j -> Stream.of(
                Arguments.of(j, "exit", 42),
                Arguments.of(j, "exitFromThread", 3),
                Arguments.of(j, "daemons", 0),
                Arguments.of(j, "halt", 7),
                Arguments.of(j, "uncaught", 0),
                Arguments.of(j, "oom", 0)));
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void endsAsWithoutTheAgent(String java, String program, int status) throws Exception {
        String[] jvm = program.equals("oom") ? new String[] {"-Xmx64m"} : new String[0];
        ChildJvm.Result base = Child.java(java).jvm(jvm).main(MAIN, program).timeout(60).run();
        assertThat(base.exitCode).as("%s", base).isEqualTo(status);
        ChildJvm.Result r = Child.java(java).agent(Child.AGENT, Child.WORK + ",interval=1ms").jvm(jvm).main(MAIN, program).timeout(60).run();
        assertThat(r.exitCode).as("%s", r).isEqualTo(status);
        assertThat(r.stdout).as("%s", r).isEqualTo(base.stdout);
        assertThat(r.stderr).as("%s", r).doesNotContain("gil4j:");
        if (program.equals("uncaught")) {
            assertThat(r.stderr).as("%s", r).contains("boom4");
            assertThat(r.stdout).contains("t0:boom0", "t1:error1", "t2:boom2");
        }
        if (program.equals("oom")) assertThat(r.stdout).as("%s", r).isEqualTo("oom=ok other=true\n");
        if (program.startsWith("exit") || program.equals("daemons")) assertThat(r.stdout).contains("hook ran 0");
    }
}
