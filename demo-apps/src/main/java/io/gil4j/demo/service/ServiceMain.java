package io.gil4j.demo.service;

import com.sun.net.httpserver.HttpServer;
import io.gil4j.demo.cli.AgentInfo;
import io.gil4j.demo.cli.Args;
import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.server.NumbersServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A production-like HTTP service (sub-command {@code service}): the JDK's HttpServer dispatching to
 * a fixed pool of worker threads. Instrument it with {@code include=io.gil4j.demo.service.**}; its
 * slow downstream (a {@link NumbersServer}, started in-process unless {@code --downstream} names
 * one) is in io.gil4j.demo.server, never instrumented: the remote service it stands for.
 * Serves until killed (SIGTERM lets the agent dump its recording) or {@code --exit-after}.
 */
public final class ServiceMain {
    static final String USAGE = """
            usage: service [--port 0] [--port-file FILE] [--workers 8] [--cpu-iterations 3000000]
                           [--downstream-latency 20ms | --downstream URL] [--exit-after DURATION]
              --port                TCP port on 127.0.0.1; 0 picks a free one (see --port-file); default 0
              --port-file           write the port there once the service accepts requests
              --workers             fixed worker threads serving requests; default 8
              --cpu-iterations      LCG steps of /cpu and /mixed (~1.1 ns each); default 3000000 (~3 ms)
              --downstream-latency  latency of the in-process downstream used by /io and /mixed; default 20ms
              --downstream          base URL of a downstream numbers server already running
              --exit-after          exit normally after this long (a safety net for scripts); default never
            """;

    private ServiceMain() {
    }

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("port", "port-file", "workers", "cpu-iterations", "downstream-latency",
                "downstream", "exit-after"), Set.of("help"));
        if (args.flag("help")) {
            System.out.print(USAGE);
            return 0;
        }
        int workers = args.intValue("workers", 8);
        long cpuIterations = args.longValue("cpu-iterations", 3_000_000);
        if (workers < 1 || cpuIterations < 0) {
            throw new UsageException("--workers must be at least 1 and --cpu-iterations not negative");
        }
        String downstream = args.string("downstream", null);
        NumbersServer downstreamServer = null;
        if (downstream == null) {
            downstreamServer = NumbersServer.start(0, args.duration("downstream-latency", Duration.ofMillis(20)));
            downstream = downstreamServer.baseUrl();
        }

        HttpServer http = NumbersServer.createLoopbackHttpServer(args.intValue("port", 0), 1024);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, "service-worker-" + threadNumber.incrementAndGet()));
        http.createContext("/", new EndpointHandler(new Endpoints(cpuIterations, downstream)));
        http.setExecutor(pool);
        http.start();
        int port = http.getAddress().getPort();
        System.out.printf("service [%s] listening on http://127.0.0.1:%d (%d workers, /cpu %,d steps, downstream %s)%n",
                AgentInfo.current().label(), port, workers, cpuIterations, downstream);
        System.out.flush();

        String portFile = args.string("port-file", null);
        if (portFile != null) {
            // write then rename, so a script polling for the file never reads half a number
            Path target = Path.of(portFile);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, port + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Duration exitAfter = args.duration("exit-after", null);
        if (exitAfter != null) {
            Thread.sleep(exitAfter.toMillis());
            System.err.println("service: --exit-after " + exitAfter.toMillis() + " ms reached, exiting");
            http.stop(0);
            pool.shutdownNow();
            if (downstreamServer != null) {
                downstreamServer.close();
            }
            return 0;
        }
        new CountDownLatch(1).await();
        return 0;
    }
}
