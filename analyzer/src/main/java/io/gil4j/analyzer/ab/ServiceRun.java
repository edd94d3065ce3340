package io.gil4j.analyzer.ab;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One start of the user's service: the command run through {@code sh -c} with {@code {agent}}
 * replaced, its output in a log file, readiness polled, and a stop that lets the JVM write its
 * recording (SIGTERM, then SIGKILL after a grace period). Whatever happens, {@link #close} leaves no
 * process behind: the shell, the JVM and anything they started.
 */
final class ServiceRun implements AutoCloseable {
    static final String PLACEHOLDER = "{agent}";
    private static final Duration GRACE = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;

    private ServiceRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The command with its placeholder replaced by {@code agentArgument} (empty: no agent). */
    static String command(String template, String agentArgument) {
        return template.replace(PLACEHOLDER, agentArgument.isEmpty() ? "" : shellQuote(agentArgument));
    }

    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Starts {@code command} and waits until {@code readyUrl} answers (any HTTP status below 500) or,
     * when it is null, until {@code readyPort} accepts a connection.
     */
    static ServiceRun start(String command, Path log, String readyUrl, int readyPort, Duration timeout)
            throws AbFailure, IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServiceRun run = new ServiceRun(p, log);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!p.isAlive()) {
                    throw new AbFailure("the service exited with code " + p.exitValue() + " before it was ready (its output: "
                            + log + ")");
                }
                if (readyUrl != null ? answers(readyUrl) : accepts(readyPort)) return run;
                if (System.nanoTime() > deadline) {
                    throw new AbFailure("the service was not ready after " + timeout.toSeconds() + " s ("
                            + (readyUrl != null ? readyUrl : "port " + readyPort) + "; its output: " + log + ")");
                }
                Thread.sleep(100);
            }
        } catch (AbFailure | InterruptedException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() < 500;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path log() {
        return log;
    }

    /** Asks the service to stop and waits for it (and for its recording) within the grace period. */
    @Override
    public void close() throws InterruptedException {
        // The JVM first (SIGTERM: its shutdown hooks write the recording), then the shell around it.
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle c : children) {
            try {
                c.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                c.destroyForcibly();
            }
        }
        process.destroy();
        if (!process.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** The log's last lines, for an error message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
