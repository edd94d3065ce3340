package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.gil4j.testkit.Jdks;

/**
 * Starts a real JVM with {@code -javaagent:gil.jar=...} on a test workload and collects what it
 * printed: the end-to-end level of the test pyramid. The JDKs under test are the one running the
 * tests (17 on the project's machines) and JDK 25 (io.gil4j.testkit.Jdks says where it is looked for).
 */
public final class Jvm {
    public static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "target/gil.jar")).toAbsolutePath();
    public static final String CLASSES = Path.of(System.getProperty("gil.test.classes", "target/test-classes"))
            .toAbsolutePath().toString();
    public static final String INCLUDE = "include=io.gil4j.it.work.**";
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

    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** A {@code key=<number>} value from stdout. */
        public double number(String key) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=(-?[0-9.]+(?:E-?[0-9]+)?)").matcher(stdout);
            assertThat(m.find()).as("'%s=' in output:%n%s%nstderr:%n%s", key, stdout, stderr).isTrue();
            return Double.parseDouble(m.group(1));
        }

        public Result ok() {
            assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr).isZero();
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Jvm() { }

    /** Runs {@code mainClass args} with the agent (agentOptions null: no agent). */
    public static Result run(String java, String agentOptions, String mainClass, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return run(java, agentOptions, List.of(), mainClass, timeoutSeconds, args);
    }

    public static Result run(String java, String agentOptions, List<String> jvmArgs, String mainClass,
                             long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xshare:auto");
        if (agentOptions != null) cmd.add("-javaagent:" + AGENT + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(CLASSES);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("gil-it-", ".out");
        Path err = Files.createTempFile("gil-it-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + " s (a hang?): " + String.join(" ", cmd)
                        + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public static double median(double[] xs) {
        double[] c = xs.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
