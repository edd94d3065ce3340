package io.gil4j.demo.seed;

import io.gil4j.demo.cli.AgentInfo;
import io.gil4j.demo.cli.Args;
import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;
import io.gil4j.demo.report.SeedTable;
import io.gil4j.demo.server.NumbersServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The seed experiment (sub-command {@code seed}), docs/design.md section 8: a CPU-bound countdown and an
 * I/O-bound run of HTTP requests, each as a single thread, 2 threads (halves) and 2 processes (child
 * JVMs with the same agent options, each with its own GIL). Run it under the agent with
 * {@code include=io.gil4j.demo.seed.**}: this package is the "Python program"; the numbers server
 * ({@code io.gil4j.demo.server}) is outside it and plays the remote server.
 */
public final class SeedMain {
    /** About 1.5 s on one thread of the project's 2-core machine (~1.7 ns per xorshift step, JDK 17). */
    public static final long DEFAULT_N = 900_000_000L;

    static final String USAGE = """
            usage: seed [--n N] [--requests R] [--latency 100ms] [--numbers-url URL]
                        [--only cpu|io] [--skip-processes] [--label TEXT] [--json FILE]
              --n               countdown length for the single thread (halves for 2 threads/processes); default %,d
              --requests        HTTP requests for the I/O-bound run; default 10
              --latency         latency of the in-process numbers server; default 100ms
              --numbers-url     use a numbers server already running (e.g. `numbers-server`) instead
              --only            run only the CPU-bound or only the I/O-bound column
              --skip-processes  skip the 2-processes row (no child JVMs)
              --label           the column title; default from the agent options (no agent, mode=gil...)
              --json            also write the result as JSON to FILE
            """.formatted(DEFAULT_N);

    private SeedMain() {
    }

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("n", "requests", "latency", "numbers-url", "only", "label", "json"),
                Set.of("skip-processes", "help"));
        if (args.flag("help")) {
            System.out.print(USAGE);
            return 0;
        }
        long n = args.longValue("n", DEFAULT_N);
        int requests = args.intValue("requests", 10);
        Duration latency = args.duration("latency", Duration.ofMillis(100));
        String only = args.string("only", "both");
        if (n < 2 || requests < 2) {
            throw new UsageException("--n and --requests must be at least 2 (they are split in two halves)");
        }
        if (!Set.of("both", "cpu", "io").contains(only)) {
            throw new UsageException("--only expects cpu or io, got '" + only + "'");
        }
        AgentInfo agent = AgentInfo.current();
        String label = args.string("label", agent.label());
        boolean cpu = !only.equals("io");
        boolean io = !only.equals("cpu");
        boolean processes = !args.flag("skip-processes");
        System.err.printf("seed: %s, n=%,d, %d requests at %d ms%n", label, n, requests, latency.toMillis());

        NumbersServer server = null;
        String url = args.string("numbers-url", null);
        if (url == null && io) {
            server = NumbersServer.start(0, latency);
            url = server.baseUrl();
        }
        try (WorkerPool pool = processes ? WorkerPool.start(2, k -> ChildJvmCommand.forCurrentJvm(
                "io.gil4j.demo.Main", List.of("seed-worker"), k)) : null) {
            double nan = Double.NaN;
            double cpuSingle = nan, cpuThreads = nan, cpuProcesses = nan, ioSingle = nan, ioThreads = nan, ioProcesses = nan;
            long cpuChecksum = 0, ioChecksum = 0;
            long half = n / 2;
            int halfRequests = requests / 2;
            if (cpu) {
                Countdown.warmUp();
                long t0 = System.nanoTime();
                cpuChecksum = Countdown.countdown(n, 1);
                cpuSingle = seconds(t0);
                progress("CPU single thread", cpuSingle);

                List<Callable<Long>> halves = new ArrayList<>();
                halves.add(() -> Countdown.countdown(half, 1));
                halves.add(() -> Countdown.countdown(n - half, 2));
                t0 = System.nanoTime();
                List<Long> r = ThreadedRun.run("seed-cpu", halves);
                cpuThreads = seconds(t0);
                cpuChecksum ^= r.get(0) ^ r.get(1);
                progress("CPU 2 threads", cpuThreads);

                if (pool != null) {
                    t0 = System.nanoTime();
                    List<Long> p = pool.map(List.of("cpu " + half + " 1", "cpu " + (n - half) + " 2"));
                    cpuProcesses = seconds(t0);
                    check(p.equals(r), "child countdowns differ from the threads'");
                    progress("CPU 2 processes", cpuProcesses);
                }
            }
            if (io) {
                String base = url;
                // one untimed request per JVM first: class loading and the first connection are
                // startup costs (CPython's `import urllib` is not timed either)
                NumberFetcher.fetch(base, 0);
                if (pool != null) {
                    pool.map(List.of("io " + base + " 0 1", "io " + base + " 0 1"));
                }
                long t0 = System.nanoTime();
                ioChecksum = NumberFetcher.fetchRange(base, 0, requests);
                ioSingle = seconds(t0);
                progress("I/O single thread", ioSingle);

                List<Callable<Long>> halves = new ArrayList<>();
                halves.add(() -> NumberFetcher.fetchRange(base, 0, halfRequests));
                halves.add(() -> NumberFetcher.fetchRange(base, halfRequests, requests - halfRequests));
                t0 = System.nanoTime();
                List<Long> r = ThreadedRun.run("seed-io", halves);
                ioThreads = seconds(t0);
                check(r.get(0) + r.get(1) == ioChecksum, "threads fetched other numbers than the single thread");
                progress("I/O 2 threads", ioThreads);

                if (pool != null) {
                    t0 = System.nanoTime();
                    List<Long> p = pool.map(List.of("io " + base + " 0 " + halfRequests,
                            "io " + base + " " + halfRequests + " " + (requests - halfRequests)));
                    ioProcesses = seconds(t0);
                    check(p.get(0) + p.get(1) == ioChecksum, "processes fetched other numbers than the single thread");
                    progress("I/O 2 processes", ioProcesses);
                }
            }
            SeedResult result = new SeedResult(label, agent.present() ? String.join(",", agentOptionList(agent)) : null,
                    n, requests, latency.toMillis(), cpuSingle, cpuThreads, cpuProcesses, ioSingle, ioThreads, ioProcesses,
                    pool == null ? nan : pool.startupNanos() / 1e9, cpuChecksum, ioChecksum);
            System.out.print(SeedTable.render(List.of(result)));
            System.out.printf("checksums: cpu %d, io %d (identical with and without the agent)%n", cpuChecksum, ioChecksum);
            if (pool != null) {
                System.out.printf("2 child JVMs started in %.2f s (not counted in the 2-processes row)%n", pool.startupNanos() / 1e9);
            }
            String json = args.string("json", null);
            if (json != null) {
                Files.writeString(Path.of(json), Json.write(result.toJson()), StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static List<String> agentOptionList(AgentInfo agent) {
        List<String> out = new ArrayList<>();
        agent.options().forEach((k, v) -> out.add(v.isEmpty() ? k : k + "=" + v));
        return out;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void progress(String what, double seconds) {
        System.err.printf("  %-18s %6.2f s%n", what, seconds);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
