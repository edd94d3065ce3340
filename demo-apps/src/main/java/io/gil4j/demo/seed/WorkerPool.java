package io.gil4j.demo.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code multiprocessing.Pool(k)} for the seed experiment: k child JVMs running {@link SeedWorker}.
 * Like a pool created before the timed {@code map}, the children are started and ready before a
 * measurement begins, so the "2 processes" column measures the work, not JVM (and agent) startup;
 * {@link #startupNanos()} reports that cost separately.
 */
public final class WorkerPool implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<BufferedReader> replies = new ArrayList<>();
    private final List<Writer> requests = new ArrayList<>();
    private long startupNanos;

    private WorkerPool() {
    }

    /** Starts {@code size} children with {@code commandFor(k)} and waits until each said READY. */
    public static WorkerPool start(int size, java.util.function.IntFunction<List<String>> commandFor) throws IOException {
        long t0 = System.nanoTime();
        WorkerPool pool = new WorkerPool();
        try {
            for (int k = 1; k <= size; k++) {
                Process p = new ProcessBuilder(commandFor.apply(k))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                pool.processes.add(p);
                pool.replies.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
                pool.requests.add(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
            }
            for (int k = 0; k < size; k++) {
                pool.awaitLine(k, SeedWorker.READY);
            }
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.startupNanos = System.nanoTime() - t0;
        return pool;
    }

    public long startupNanos() {
        return startupNanos;
    }

    /** Sends job k to child k (all first, so they run concurrently), then collects every answer. */
    public List<Long> map(List<String> jobs) throws IOException {
        if (jobs.size() != processes.size()) {
            throw new IllegalArgumentException(jobs.size() + " jobs for " + processes.size() + " workers");
        }
        for (int k = 0; k < jobs.size(); k++) {
            requests.get(k).write(jobs.get(k) + "\n");
            requests.get(k).flush();
        }
        List<Long> results = new ArrayList<>();
        for (int k = 0; k < jobs.size(); k++) {
            String line = awaitLine(k, SeedWorker.DONE);
            results.add(Long.parseLong(line.substring(SeedWorker.DONE.length()).trim()));
        }
        return results;
    }

    /** Reads child k's stdout up to a protocol line starting with {@code expected}. */
    private String awaitLine(int k, String expected) throws IOException {
        String line;
        while ((line = replies.get(k).readLine()) != null) {
            if (line.startsWith(expected)) {
                return line;
            }
            if (line.startsWith(SeedWorker.ERROR)) {
                throw new IOException("worker " + (k + 1) + " failed: " + line.substring(SeedWorker.ERROR.length()));
            }
            // anything else on the child's stdout (an agent banner) is not ours: pass it on
            if (!line.startsWith(SeedWorker.PREFIX)) {
                System.out.println("[worker " + (k + 1) + "] " + line);
            }
        }
        throw new IOException("worker " + (k + 1) + " exited before answering (exit code "
                + exitCodeOrUnknown(processes.get(k)) + "); its stderr is above");
    }

    private static String exitCodeOrUnknown(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Asks every child to exit (they dump their recordings on a normal exit), kills stragglers. */
    @Override
    public void close() {
        for (Writer w : requests) {
            try {
                w.write("exit\n");
                w.close();
            } catch (IOException e) {
                // that child is gone already
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
