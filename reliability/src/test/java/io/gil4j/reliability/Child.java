package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.gil4j.testkit.Jdks;

/**
 * Starts a child JVM (with or without {@code -javaagent:gil.jar}) on a workload of this module's
 * test classes and their libraries, with a hard timeout; on a timeout the child's output so far is
 * part of the failure message.
 */
public final class Child {
    public static final Path AGENT = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar")).toAbsolutePath().normalize();
    public static final Path ANALYZER = Path.of(System.getProperty("gil.analyzer.jar", "../analyzer/target/gil-analyzer.jar")).toAbsolutePath().normalize();
    public static final String SELF = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    public static final String WORK = "include=io.gil4j.reliability.work.**";

    /** The class path of the child: this module's test classes and test libraries, without the test framework. */
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

    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;
        public final String command;
        public final double seconds;

        Result(int exitCode, String stdout, String stderr, String command, double seconds) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.command = command;
            this.seconds = seconds;
        }

        public Result ok() {
            assertThat(exitCode).as("exit code of %s", this).isZero();
            return this;
        }

        @Override
        public String toString() {
            return command + "\nexit " + exitCode + " after " + String.format("%.1f", seconds) + " s\n--- stdout\n"
                    + tail(stdout) + "--- stderr\n" + tail(stderr);
        }
    }

    static String tail(String s) {
        return s.length() <= 20_000 ? s : "[... " + (s.length() - 20_000) + " chars]\n" + s.substring(s.length() - 20_000);
    }

    /** A child command: builder style. */
    public static final class Cmd {
        final String java;
        String agent;
        final List<String> jvmArgs = new ArrayList<>();
        String classpath = CLASSPATH;
        String main;
        final List<String> args = new ArrayList<>();
        long timeoutSeconds = 120;

        Cmd(String java) {
            this.java = java;
        }

        /** Agent options (null: no agent). */
        public Cmd agent(String options) {
            this.agent = options;
            return this;
        }

        public Cmd jvm(String... a) {
            jvmArgs.addAll(Arrays.asList(a));
            return this;
        }

        public Cmd classpath(String cp) {
            this.classpath = cp;
            return this;
        }

        public Cmd main(String mainClass, String... a) {
            this.main = mainClass;
            args.addAll(Arrays.asList(a));
            return this;
        }

        public Cmd timeout(long seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.add("-Xshare:auto");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            if (agent != null) cmd.add("-javaagent:" + AGENT + (agent.isEmpty() ? "" : "=" + agent));
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(main);
            cmd.addAll(args);
            return cmd;
        }

        public Result run() throws IOException, InterruptedException {
            return exec(command(), timeoutSeconds);
        }
    }

    public static Cmd java(String java) {
        return new Cmd(java);
    }

    public static Result exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        if (cmd.stream().anyMatch(a -> a.startsWith("-javaagent:"))) {
            assertThat(AGENT).as("agent jar (build it: mvn -B -q -pl agent -DskipTests package)").exists();
        }
        Path out = Files.createTempFile("gil-rel-", ".out");
        Path err = Files.createTempFile("gil-rel-", ".err");
        String line = cmd.stream().map(a -> a.length() > 300 ? a.substring(0, 120) + "..." : a).collect(Collectors.joining(" "));
        long t0 = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                String dump = threadDump(p);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + " s (a hang?): " + line
                        + "\n--- stdout\n" + tail(Files.readString(out)) + "--- stderr\n" + tail(Files.readString(err))
                        + "--- thread dump\n" + tail(dump));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), line, secs);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** jstack of a hung child, so that a hang report says where it hangs. */
    private static String threadDump(Process p) {
        try {
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            if (!Files.isExecutable(jstack)) return "(no jstack)";
            Process j = new ProcessBuilder(jstack.toString(), Long.toString(p.pid())).redirectErrorStream(true).start();
            byte[] b = j.getInputStream().readAllBytes();
            j.waitFor(20, TimeUnit.SECONDS);
            return new String(b, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(jstack failed: " + e + ")";
        }
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
