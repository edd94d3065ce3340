package io.gil4j.demo.load;

import io.gil4j.demo.cli.Args;
import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Sub-command {@code load}: drives the demo service, prints per-endpoint throughput and latency. */
public final class LoadMain {
    static final String USAGE = """
            usage: load --url http://127.0.0.1:PORT [--mix cpu=4,io=4,mixed=2] [--duration 20s] [--warmup 3s]
                        [--timeout 10s] [--label TEXT] [--json FILE] [--quiet]
              --url       base URL of the service
              --mix       concurrent closed-loop clients per endpoint; default cpu=4,io=4,mixed=2
              --duration  measured window; default 20s
              --warmup    load before the window, not measured (JIT, connections); default 3s
              --timeout   per-request connect/read timeout, a timed-out request counts as failed; default 10s
              --label     the report's title (e.g. mode=gil); default the URL
              --json      also write the report as JSON to FILE
              --quiet     no progress line on stderr
            """;

    private LoadMain() {
    }

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("url", "mix", "duration", "warmup", "timeout", "label", "json"),
                Set.of("quiet", "help"));
        if (args.flag("help")) {
            System.out.print(USAGE);
            return 0;
        }
        String url = args.string("url", null);
        if (url == null) {
            throw new UsageException("load needs --url (e.g. http://127.0.0.1:8080)");
        }
        LoadPlan plan = LoadPlan.parse(args.string("mix", "cpu=4,io=4,mixed=2"));
        Duration duration = args.duration("duration", Duration.ofSeconds(20));
        Duration timeout = args.duration("timeout", Duration.ofSeconds(10));
        if (duration.isZero() || timeout.isZero()) {
            throw new UsageException("--duration and --timeout must be positive");
        }
        LoadGenerator generator = new LoadGenerator(url, plan, args.duration("warmup", Duration.ofSeconds(3)), duration, timeout);
        LoadReport report = generator.run(args.string("label", url), args.flag("quiet") ? null : System.err);
        System.out.print(report.renderText());
        String json = args.string("json", null);
        if (json != null) {
            Files.writeString(Path.of(json), Json.write(report.toJson()), StandardCharsets.UTF_8);
        }
        return 0;
    }
}
