package io.gil4j.demo;

import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.convoy.ConvoyMain;
import io.gil4j.demo.load.LoadCompareMain;
import io.gil4j.demo.load.LoadMain;
import io.gil4j.demo.report.SeedTableMain;
import io.gil4j.demo.seed.SeedMain;
import io.gil4j.demo.seed.SeedWorker;
import io.gil4j.demo.server.ServerMain;
import io.gil4j.demo.service.ServiceMain;

import java.util.Arrays;

/**
 * Entry point of {@code gil-demos.jar}: {@code java [-javaagent:gil.jar=...] -jar gil-demos.jar COMMAND [options]}.
 * This class is outside every package the scripts instrument, so dispatching never takes the GIL;
 * the workload a command runs does, when its package is named in {@code include=}.
 */
public final class Main {
    static final String USAGE = """
            usage: java [-javaagent:gil.jar=OPTIONS] -jar gil-demos.jar COMMAND [options]   (COMMAND --help for its options)

            workloads (instrument them with include=io.gil4j.demo.<package>.**):
              seed            the seed experiment: countdown and HTTP requests, 1 thread / 2 threads / 2 processes
              convoy          16-byte TCP round trips alone, then beside a CPU-bound thread
              service         HTTP service with /cpu, /io, /mixed on a fixed worker pool
            tools (never instrumented):
              load            load generator for `service`: throughput, latency percentiles, failures
              load-compare    throughput loss per endpoint between two `load --json` files (A = no GIL, B = GIL)
              seed-table      one seed table over several `seed --json` files
              numbers-server  the seed experiment's HTTP server on its own (latency configurable)
              echo-server     the convoy's TCP echo server on its own
            internal:
              seed-worker     a child JVM of the seed experiment's 2-processes row
            """;

    private Main() {
    }

    public static void main(String[] argv) {
        int status;
        try {
            status = run(argv);
        } catch (UsageException e) {
            System.err.println("gil-demos: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("gil-demos: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        // exit explicitly: server and pool threads must not keep a finished demo alive
        System.exit(status);
    }

    static int run(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            System.out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        return switch (argv[0]) {
            case "seed" -> SeedMain.run(rest);
            case "seed-worker" -> SeedWorker.run(rest);
            case "seed-table" -> SeedTableMain.run(rest);
            case "convoy" -> ConvoyMain.run(rest);
            case "service" -> ServiceMain.run(rest);
            case "load" -> LoadMain.run(rest);
            case "load-compare" -> LoadCompareMain.run(rest);
            case "numbers-server" -> ServerMain.numbers(rest);
            case "echo-server" -> ServerMain.echo(rest);
            default -> throw new UsageException("unknown command '" + argv[0] + "'; try --help");
        };
    }
}
