package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.ChildJvm.Result;
import io.gil4j.testkit.Jdks;
import io.gil4j.testkit.work.Countdown;

/**
 * The reliability suite's children: the test kit's {@link ChildJvm} on a workload of this module's
 * test classes and their libraries, with a hard timeout; on a timeout the child's output so far is
 * part of the failure message.
 */
public final class Child {
    public static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar")).toAbsolutePath().normalize();
    public static final Path ANALYZER = Path.of(System.getProperty("gil.analyzer.jar", "../analyzer/target/gil-analyzer.jar")).toAbsolutePath().normalize();
    public static final String SELF = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    public static final String WORK = "include=io.gil4j.reliability.work.**;io.gil4j.testkit.work.**";

    /** The class path of the child: this module's test classes, the test kit and test libraries, without the test framework. */
    public static final String CLASSPATH = childClasspath();

    private Child() { }

    private static String childClasspath() {
        String cp = System.getProperty("java.class.path");
        String classes = Path.of(System.getProperty("gil.test.classes", "target/test-classes")).toAbsolutePath().toString();
        List<String> out = new ArrayList<>(List.of(classes));
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.isEmpty() || out.contains(e)) continue;
            if (n.contains("surefire") || n.contains("junit") || n.contains("opentest4j") || n.contains("apiguardian")
                    || n.contains("assertj") || n.contains("byte-buddy") || n.contains("/io/gil4j/")
                    || n.contains("/agent/target/") || n.contains("/analyzer/target/")) continue;
            out.add(e);
        }
        String kit = ChildJvm.classpathOf(Countdown.class); // the work's shared countdown, wherever Maven put the kit
        if (!out.contains(kit)) out.add(kit);
        return String.join(File.pathSeparator, out);
    }

    /** The java launchers to test: this JVM's, and JDK 25 (found by the test kit, never skipped in CI). */
    public static List<String> javas() {
        return Jdks.underTest();
    }

    public static Stream<String> javaStream() {
        return javas().stream();
    }

    /** Feature version of a launcher (17, 25). */
    public static int feature(String java) {
        return Jdks.feature(java);
    }

    /**
     * A child on this module's class path with a collector and compiler that make many short JVMs cheap
     * (serial GC, C1 only; OccupancyIT and the corpus check C2-compiled instrumented code), timeout 120 s.
     */
    public static ChildJvm java(String java) {
        return ChildJvm.java(java).jvm("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1").classpath(CLASSPATH).timeout(120);
    }

    public static Result exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        return ChildJvm.exec(cmd, timeoutSeconds);
    }

    /** {@code gil-analyzer report FILE}: must exit 0. */
    public static Result analyze(Path recording) throws IOException, InterruptedException {
        assertThat(ANALYZER).as("analyzer jar (mvn -B -q -pl analyzer -DskipTests package)").exists();
        assertThat(recording).as("JFR recording").exists();
        Result r = exec(List.of(SELF, "-jar", ANALYZER.toString(), "report", recording.toString()), 180);
        assertThat(r.exitCode).as("gil-analyzer report %s: %s", recording, r).isZero();
        return r;
    }

    /** {@code jfr print --events NAME FILE} of the given launcher's JDK. */
    public static String jfrPrint(Path recording, String event) throws IOException, InterruptedException {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Result r = exec(List.of(jfr.toString(), "print", "--events", event, recording.toString()), 120);
        assertThat(r.exitCode).as("jfr print: %s", r).isZero();
        return r.stdout;
    }
}
