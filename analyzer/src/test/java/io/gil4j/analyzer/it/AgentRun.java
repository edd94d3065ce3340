package io.gil4j.analyzer.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one workload main of {@code io.gil4j.analyzer.it.work} in a child JVM under the real agent
 * ({@code -javaagent:gil.jar=include=io.gil4j.analyzer.it.work.**,jfr=...}) and returns the recording and
 * the wall time the workload printed ({@code wallNanos=<n>}).
 *
 * <p>The child gets its own JFR repository inside the test's temp dir, a timeout, and its output is put
 * into every failure message. One retry is allowed when the child exits normally but leaves an empty
 * recording: the agent's shutdown hook races JFR's own hook and sometimes loses the chunk file
 * ({@code [error][jfr] Missing chunkfile when writing recording "gil4j"}), an agent bug reported, not a
 * property of the workload; the retry is announced on stdout so it never goes unnoticed.
 */
public final class AgentRun {
    public static final String WORK_PACKAGE = "io.gil4j.analyzer.it.work";
    private static final Pattern WALL = Pattern.compile("wallNanos=(\\d+)");
    private static final long TIMEOUT_SECONDS = 60;

    /** A finished child run: its recording, its printed wall time (-1 when none) and its output. */
    public record Result(Path recording, long wallNanos, String output) {
    }

    private AgentRun() {
    }

    /** The shaded agent built by the agent module (passed in by failsafe; a path next to this module otherwise). */
    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar " + jar.toAbsolutePath() + " is missing: build it with "
                    + "mvn -B -q -pl agent -DskipTests package (or run the reactor build: mvn -B verify)");
        }
        return jar;
    }

    /**
     * Runs {@code mainClass} (simple name in the work package) with {@code args}; {@code options} are extra
     * agent options appended after include= and jfr= (e.g. {@code "mode=off"}, may be empty).
     */
    public static Result run(Path dir, String name, String options, String mainClass, String... args)
            throws IOException, InterruptedException {
        Result r = runOnce(dir, name, options, mainClass, args);
        // No retry: JFR's own shutdown hook writes the recording (RecordingAtExitIT), so an empty one is a bug.
        if (Files.size(r.recording()) == 0) {
            throw new AssertionError(name + ": the agent left an empty recording; child output:\n" + r.output());
        }
        return r;
    }

    private static Result runOnce(Path dir, String name, String options, String mainClass, String... args)
            throws IOException, InterruptedException {
        Path jfr = dir.resolve(name + ".jfr");
        Path repository = Files.createDirectories(dir.resolve(name + "-repository"));
        Path log = dir.resolve(name + ".log");
        String agentArgs = "include=" + WORK_PACKAGE + ".**,jfr=" + jfr + (options.isEmpty() ? "" : "," + options);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:FlightRecorderOptions:repository=" + repository,
                "-javaagent:" + agentJar().toAbsolutePath() + "=" + agentArgs,
                "-cp", workloadClasspath(), WORK_PACKAGE + "." + mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            String dump = threadDump(p.pid());
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + ": child JVM did not finish in " + TIMEOUT_SECONDS + " s: "
                    + String.join(" ", cmd) + "\n" + read(log) + "\n--- thread dump\n" + dump);
        }
        String out = read(log);
        if (p.exitValue() != 0 || !Files.exists(jfr)) {
            throw new AssertionError(name + ": child JVM exit " + p.exitValue() + ", recording "
                    + (Files.exists(jfr) ? "present" : "missing") + ": " + String.join(" ", cmd) + "\n" + out);
        }
        Matcher m = WALL.matcher(out);
        return new Result(jfr, m.find() ? Long.parseLong(m.group(1)) : -1, out);
    }

    /** The hung child's threads (jcmd Thread.print -l, locks included), for the failure message. */
    private static String threadDump(long pid) {
        try {
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print", "-l").redirectErrorStream(true).start();
            String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            j.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Only the test classes: the workloads need nothing else, and no agent classes may sit on the child's path. */
    static String workloadClasspath() {
        try {
            return Path.of(io.gil4j.analyzer.it.work.Countdown.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "<no output>";
    }
}
