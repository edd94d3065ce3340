package io.gil4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one launcher of the test suites' child JVMs: a program started with or without
 * {@code -javaagent:gil.jar}, run to its end under a hard timeout, its output collected.
 *
 * <p>Assumptions and guarantees: the child never inherits {@code JAVA_TOOL_OPTIONS} or
 * {@code JDK_JAVA_OPTIONS} from the build (a developer's own agent or flags would change what is
 * measured); a child that outlives its timeout is killed with its descendants, and the failure message
 * carries its output so far and a thread dump taken before the kill, so a hang report says where it
 * hangs; nothing is retried.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.java(java).agent(gilJar, "include=com.example.**,jfr=" + jfr)
 *         .classpath(classes).main("com.example.Main", "3").timeout(60).run().ok();
 * double wall = r.number("wall");
 * }</pre>
 */
public final class ChildJvm {
    private static final int TAIL_CHARS = 20_000;

    private final String java;
    private Path agentJar;
    private String agentOptions;
    private final List<String> jvmArgs = new ArrayList<>();
    private String classpath;
    private String main;
    private final List<String> args = new ArrayList<>();
    private long timeoutSeconds = 120;

    private ChildJvm(String java) {
        this.java = java;
    }

    /** A child run by the given {@code java} launcher. */
    public static ChildJvm java(String java) {
        return new ChildJvm(java);
    }

    /** A child run by the launcher of the JVM running the tests. */
    public static ChildJvm self() {
        return java(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** With {@code -javaagent:jar=options}; options null: no agent, empty: the agent with no options. */
    public ChildJvm agent(Path jar, String options) {
        this.agentJar = jar;
        this.agentOptions = options;
        return this;
    }

    public ChildJvm jvm(String... a) {
        jvmArgs.addAll(Arrays.asList(a));
        return this;
    }

    public ChildJvm jvm(List<String> a) {
        jvmArgs.addAll(a);
        return this;
    }

    public ChildJvm classpath(String cp) {
        this.classpath = cp;
        return this;
    }

    public ChildJvm main(String mainClass, String... a) {
        this.main = mainClass;
        args.addAll(Arrays.asList(a));
        return this;
    }

    /** {@code -jar jar a...} instead of a main class. */
    public ChildJvm jar(Path jar, String... a) {
        this.main = "-jar";
        args.add(jar.toString());
        args.addAll(Arrays.asList(a));
        return this;
    }

    public ChildJvm timeout(long seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /** The command line as it will run. */
    public List<String> command() {
        if (main == null) throw new IllegalStateException("no main class given");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xshare:auto");
        if (agentOptions != null) {
            if (!Files.isRegularFile(agentJar)) {
                throw new IllegalStateException("agent jar " + agentJar.toAbsolutePath() + " is missing: build it with "
                        + "mvn -B -q -pl agent -DskipTests package (or run the reactor build: mvn -B verify)");
            }
            cmd.add("-javaagent:" + agentJar.toAbsolutePath() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        cmd.addAll(jvmArgs);
        if (classpath != null) {
            cmd.add("-cp");
            cmd.add(classpath);
        }
        cmd.add(main);
        cmd.addAll(args);
        return cmd;
    }

    /** Runs the child to its end; fails (AssertionError) on a timeout, never on a non-zero exit. */
    public Result run() throws IOException, InterruptedException {
        return exec(command(), timeoutSeconds);
    }

    /**
     * Starts the child and returns at once, for a program that runs until told to stop (a service, a
     * program to attach to); the caller owns the process and must end it.
     */
    public Process start(ProcessBuilder.Redirect stdout, ProcessBuilder.Redirect stderr) throws IOException {
        return clean(new ProcessBuilder(command())).redirectOutput(stdout).redirectError(stderr).start();
    }

    /** Runs any command (a JDK tool, a packaged jar) the same way. */
    public static Result exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gil-child-", ".out");
        Path err = Files.createTempFile("gil-child-", ".err");
        String line = cmd.stream().map(a -> a.length() > 300 ? a.substring(0, 120) + "..." : a)
                .collect(Collectors.joining(" "));
        long t0 = System.nanoTime();
        try {
            Process p = clean(new ProcessBuilder(cmd)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                String dump = threadDump(p.pid());
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + timeoutSeconds + " s (a hang?): " + line
                        + "\n--- stdout\n" + tail(Files.readString(out)) + "--- stderr\n" + tail(Files.readString(err))
                        + "--- thread dump\n" + tail(dump));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), line, (System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Without the build's own agent or flags, which would change what the child measures. */
    private static ProcessBuilder clean(ProcessBuilder pb) {
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        return pb;
    }

    /** The threads of a running JVM with their locks ({@code jcmd PID Thread.print -l}), for a failure message. */
    public static String threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) return "(no jcmd in " + jcmd.getParent() + ")";
        try {
            Process j = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print", "-l")
                    .redirectErrorStream(true).start();
            byte[] b = j.getInputStream().readAllBytes();
            j.waitFor(30, TimeUnit.SECONDS);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** The class path entry (a folder or a jar) that holds {@code c}, for a child's {@code -cp}. */
    public static String classpathOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String s) {
        return s.length() <= TAIL_CHARS ? s : "[... " + (s.length() - TAIL_CHARS) + " chars]\n" + s.substring(s.length() - TAIL_CHARS);
    }

    /** A finished child: exit code, its two streams, the command (shortened) and the wall seconds it took. */
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

        /** stdout then stderr, for a failure message or a pattern that may be in either. */
        public String output() {
            return stdout + stderr;
        }

        /** A {@code key=<number>} value from stdout; fails saying what the child printed when it is absent. */
        public double number(String key) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(key) + "=(-?[0-9.]+(?:E-?[0-9]+)?)").matcher(stdout);
            if (!m.find()) throw new AssertionError("no '" + key + "=' in the child's output: " + this);
            return Double.parseDouble(m.group(1));
        }

        /** This result, or an AssertionError with the child's output when it exited non-zero. */
        public Result ok() {
            if (exitCode != 0) throw new AssertionError("child exited " + exitCode + ": " + this);
            return this;
        }

        @Override
        public String toString() {
            return command + "\nexit " + exitCode + " after " + String.format("%.1f", seconds) + " s\n--- stdout\n"
                    + tail(stdout) + "--- stderr\n" + tail(stderr);
        }
    }
}
