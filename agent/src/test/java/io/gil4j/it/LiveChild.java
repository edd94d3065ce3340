package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.work.LiveCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link LiveCpu} child JVM, started without the agent, for attach tests:
 * its rate lines as they arrive, its commands, its stderr.
 */
final class LiveChild implements AutoCloseable {
    final Process process;
    final long pid;
    private final List<long[]> rates = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Path stderr;
    private final Writer stdin;

    LiveChild(String java, List<String> jvmArgs) throws IOException, InterruptedException {
        stderr = Files.createTempFile("gil-live-", ".err");
        process = ChildJvm.java(java).jvm(jvmArgs).classpath(ChildJvm.classpathOf(LiveCpu.class))
                .main(LiveCpu.class.getName(), "2")
                .start(ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.to(stderr.toFile()));
        pid = process.pid();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("rate ")) {
                        String[] f = line.split(" ");
                        rates.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "live-child-reader");
        reader.setDaemon(true);
        reader.start();
        awaitLine("ready", 30_000);
    }

    void awaitLine(String prefix, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
            if (System.currentTimeMillis() > end || !process.isAlive()) {
                throw new AssertionError("no '" + prefix + "' from the child: " + this);
            }
            Thread.sleep(10);
        }
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /** The median of the 100 ms rates in the wall-clock window [from, to), waiting for it to pass. */
    double medianRate(long from, long to) throws InterruptedException {
        while (System.currentTimeMillis() < to + 250) Thread.sleep(20);
        double[] in = rates.stream().filter(r -> r[0] >= from && r[0] < to).mapToDouble(r -> r[1]).toArray();
        if (in.length < 3) throw new AssertionError("too few rate lines in the window: " + in.length + " " + this);
        return Jvm.median(in);
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("the child did not exit: " + this);
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }

    @Override
    public String toString() {
        return "LiveCpu pid " + pid + " lines=" + lines + "\n--- stderr\n" + stderr();
    }
}
