package io.gil4j.analyzer.it;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.server.EchoServer;
import io.gil4j.testkit.work.EchoRoundTrips;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one workload main of {@code io.gil4j.analyzer.it.work} in a child JVM under the real agent
 * ({@code -javaagent:gil.jar=include=io.gil4j.analyzer.it.work.**;io.gil4j.testkit.work.**,jfr=...}) and returns the recording and
 * the wall time the workload printed ({@code wallNanos=<n>}). The child gets its own JFR repository inside
 * the test's temp dir and a timeout (the test kit's {@link ChildJvm}). An empty recording fails the test:
 * JFR's own shutdown hook writes it (RecordingAtExitIT), so an empty one would be a bug a user meets.
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
        return Path.of(System.getProperty("gil.agent.jar", "../agent/target/gil.jar"));
    }

    /**
     * Runs {@code mainClass} (a simple name in the work package, or a full one) with {@code args}; {@code options} are extra
     * agent options appended after include= and jfr= (e.g. {@code "mode=off"}, may be empty).
     */
    public static Result run(Path dir, String name, String options, String mainClass, String... args)
            throws IOException, InterruptedException {
        Path jfr = dir.resolve(name + ".jfr");
        Path repository = Files.createDirectories(dir.resolve(name + "-repository"));
        String agentArgs = "include=" + WORK_PACKAGE + ".**;" + EchoRoundTrips.class.getPackageName() + ".**,jfr=" + jfr + (options.isEmpty() ? "" : "," + options);
        ChildJvm.Result r = ChildJvm.self().agent(agentJar(), agentArgs)
                .jvm("-Xmx256m", "-XX:FlightRecorderOptions:repository=" + repository)
                .classpath(workloadClasspath()).main(mainClass.contains(".") ? mainClass : WORK_PACKAGE + "." + mainClass, args)
                .timeout(TIMEOUT_SECONDS).run();
        if (r.exitCode != 0 || !Files.exists(jfr)) {
            throw new AssertionError(name + ": recording " + (Files.exists(jfr) ? "present" : "missing") + ", " + r);
        }
        if (Files.size(jfr) == 0) {
            throw new AssertionError(name + ": the agent left an empty recording; " + r);
        }
        Matcher m = WALL.matcher(r.stdout);
        return new Result(jfr, m.find() ? Long.parseLong(m.group(1)) : -1, r.output());
    }

    /**
     * Runs {@code mainClass} without gil4j, recorded by JFR alone ({@code -XX:StartFlightRecording} with
     * {@code settings}, e.g. {@code settings=profile}): the recording {@code predict --include} reads.
     */
    public static Result runPlain(Path dir, String name, String settings, String mainClass, String... args)
            throws IOException, InterruptedException {
        Path jfr = dir.resolve(name + ".jfr");
        Path repository = Files.createDirectories(dir.resolve(name + "-repository"));
        ChildJvm.Result r = ChildJvm.self()
                .jvm("-Xmx256m", "-XX:FlightRecorderOptions:repository=" + repository,
                        "-XX:StartFlightRecording=" + settings + ",filename=" + jfr)
                .classpath(workloadClasspath()).main(mainClass.contains(".") ? mainClass : WORK_PACKAGE + "." + mainClass, args)
                .timeout(TIMEOUT_SECONDS).run();
        if (r.exitCode != 0 || !Files.exists(jfr) || Files.size(jfr) == 0) {
            throw new AssertionError(name + ": no recording; " + r);
        }
        Matcher m = WALL.matcher(r.stdout);
        return new Result(jfr, m.find() ? Long.parseLong(m.group(1)) : -1, r.output());
    }

    /** The test classes and the test kit's servers: no agent classes may sit on the child's path. */
    static String workloadClasspath() {
        return ChildJvm.classpathOf(io.gil4j.analyzer.it.work.Convoy.class) + File.pathSeparator
                + ChildJvm.classpathOf(EchoServer.class);
    }
}
