package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real programs from Maven Central with their own packages instrumented: H2 (4 JDBC threads), Jackson
 * (4 threads), NanoHTTPD under a JDK HttpClient load of 400 requests from 4 threads. Each completes,
 * answers as without the agent, and its {@code jfr=} recording passes {@code gil-analyzer report}.
 */
class RealProgramsIT {
    static final String MAIN = "io.gil4j.reliability.real.RealPrograms";
    static final String OWN = "io.gil4j.reliability.real.**";

    static Stream<Arguments> cases() {
        return Child.javaStream().flatMap(j -> Stream.of(
                Arguments.of(j, "h2", "org.h2.**"),
                Arguments.of(j, "jackson", "com.fasterxml.jackson.**"),
                Arguments.of(j, "http", "fi.iki.elonen.**")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void runsAndRecords(String java, String program, String library, @TempDir Path tmp) throws Exception {
        String expected = Child.java(java).main(MAIN, program).timeout(120).run().ok().stdout;
        assertThat(expected).doesNotContain("failed=1", "failed=2");
        Path jfr = tmp.resolve(program + ".jfr");
        Child.Result r = Child.java(java).agent("include=" + library + ";" + OWN + ",interval=1ms,jfr=" + jfr)
                .main(MAIN, program).timeout(240).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
        assertThat(r.stderr).as("%s", r).doesNotContain("Exception");
        assertThat(Files.size(jfr)).isPositive();
        Child.Result report = Child.analyze(jfr);
        assertThat(report.stdout).as("%s", report).isNotBlank();
    }
}
