package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real programs from Maven Central with their own packages instrumented: H2 (4 JDBC threads), Jackson
 * (4 threads), NanoHTTPD under a JDK HttpClient load of 400 requests from 4 threads, and libraries
 * from other compilers: Scala 2.13's collections and Groovy 5 scripts (4 threads each), 400 Kotlin
 * coroutines suspending on {@code Dispatchers.Default}, Clojure forms compiled at run time on 4 threads
 * sharing an atom and a ref (its STM). Each runs in
 * {@code mode=gil} (1 ms interval) and in {@code mode=legacy} (Python 2's GIL, {@code checkInterval=100}),
 * completes, answers as without the agent, and its {@code jfr=} recording passes
 * {@code gil-analyzer report} in the mode it ran in.
 */
class RealProgramsIT {
    static final String MAIN = "io.gil4j.reliability.real.RealPrograms";
    static final String OWN = "io.gil4j.reliability.real.**";
    static final Map<String, String> MODES = Map.of("gil", "mode=gil,interval=1ms", "legacy", "mode=legacy,checkInterval=100");
    /** The answers without the agent, by launcher and program: one run serves both modes. */
    static final Map<String, String> EXPECTED = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return Child.javaStream().flatMap(j -> Stream.of("h2", "jackson", "http", "scala", "groovy", "kotlin", "clojure")
                .flatMap(p -> Stream.of("gil", "legacy").map(mode -> Arguments.of(j, p, switch (p) {
                    case "h2" -> "org.h2.**";
                    case "jackson" -> "com.fasterxml.jackson.**";
                    case "scala" -> "scala.**";
                    case "groovy" -> "groovy.**;org.codehaus.groovy.**;org.apache.groovy.**";
                    case "kotlin" -> "kotlin.**;kotlinx.coroutines.**";
                    case "clojure" -> "clojure.**";
                    default -> "fi.iki.elonen.**";
                }, mode))));
    }

    static String expected(String java, String program) throws Exception {
        String key = java + " " + program;
        String out = EXPECTED.get(key);
        if (out == null) {
            out = Child.java(java).main(MAIN, program).timeout(120).run().ok().stdout;
            EXPECTED.put(key, out);
        }
        return out;
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{1} mode={3} on {0}")
    @MethodSource("cases")
    void runsAndRecords(String java, String program, String library, String mode, @TempDir Path tmp) throws Exception {
        String expected = expected(java, program);
        assertThat(expected).doesNotContain("failed=1", "failed=2");
        Path jfr = tmp.resolve(program + ".jfr");
        ChildJvm.Result r = Child.java(java).agent(Child.AGENT, "include=" + library + ";" + OWN + "," + MODES.get(mode) + ",jfr=" + jfr)
                .main(MAIN, program).timeout(240).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
        assertThat(r.stderr).as("%s", r).doesNotContain("Exception");
        assertThat(Files.size(jfr)).isPositive();
        ChildJvm.Result report = Child.analyze(jfr);
        assertThat(report.stdout).as("%s", report).isNotBlank().contains(", mode=" + mode + ", ");
    }
}
