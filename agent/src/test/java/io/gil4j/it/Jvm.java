package io.gil4j.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.ChildJvm.Result;
import io.gil4j.testkit.Jdks;
import io.gil4j.testkit.server.EchoServer;

/**
 * Starts a real JVM with {@code -javaagent:gil.jar=...} on a test workload and collects what it
 * printed: the end-to-end level of the test pyramid. The JDKs under test are the one running the
 * tests (17 on the project's machines) and JDK 25 (io.gil4j.testkit.Jdks says where it is looked for).
 */
public final class Jvm {
    public static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "target/gil.jar")).toAbsolutePath();
    /** The children's class path: this module's test classes and the test kit's servers (outside include=). */
    public static final String CLASSES = Path.of(System.getProperty("gil.test.classes", "target/test-classes"))
            .toAbsolutePath() + java.io.File.pathSeparator + ChildJvm.classpathOf(EchoServer.class);
    /** The workloads: this module's and the test kit's building blocks they call (its servers stay outside). */
    public static final String INCLUDE = "include=io.gil4j.it.work.**;io.gil4j.testkit.work.**";
    /** The java launchers to test: this JVM's, and JDK 25 (found by the test kit, never skipped in CI). */
    public static Stream<String> javas() {
        return Jdks.underTest().stream();
    }

    /** Feature version of a launcher (17, 25). */
    public static int feature(String java) {
        return Jdks.feature(java);
    }

    /**
     * The JVM options that let the agent load its JVMTI helper: JDK 24+ (JEP 472) grants native access
     * only from the command line.
     */
    public static List<String> nativeAccess(String java) {
        return feature(java) >= 24 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    /** How many events of {@code type} in a recording have {@code field} equal to {@code value}. */
    public static long count(Path jfr, String type, String field, String value) throws IOException {
        long n = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals(type) && value.equals(e.getString(field))) n++;
        }
        return n;
    }

    /** How many events of {@code type} a recording holds. */
    public static long countType(Path jfr, String type) throws IOException {
        long n = 0;
        for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals(type)) n++;
        }
        return n;
    }

    private Jvm() { }

    /** Runs {@code mainClass args} with the agent (agentOptions null: no agent). */
    public static Result run(String java, String agentOptions, String mainClass, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(java, agentOptions, List.of(), mainClass, timeoutSeconds, args);
    }

    public static Result run(String java, String agentOptions, List<String> jvmArgs, String mainClass,
                             long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return ChildJvm.java(java).agent(AGENT, agentOptions).jvm(jvmArgs).classpath(CLASSES)
                .main(mainClass, args).timeout(timeoutSeconds).run();
    }

    public static double min(double[] xs) {
        return java.util.Arrays.stream(xs).min().orElseThrow();
    }

    public static double median(double[] xs) {
        return io.gil4j.testkit.Stats.median(xs);
    }
}
