package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.ab.AbReport;
import io.gil4j.analyzer.ab.AbRunner;
import io.gil4j.analyzer.ab.AbSummary;
import io.gil4j.analyzer.ab.LoadMix;
import io.gil4j.analyzer.report.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ab}: A/B test any HTTP service under the agent, arm against arm, with intervals over runs. */
@Command(name = "ab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A/B test an HTTP service: start it once per run per arm from --cmd (with {agent} where the",
                "-javaagent argument goes), wait until it is ready, send the --load mix, stop it. Arms run in",
                "alternating order (A B, B A, ...). Prints throughput and latency per endpoint with 95% bootstrap",
                "intervals over runs, the throughput loss against the first arm, and compare's CPU-bound / I/O-bound",
                "split of the recordings.",
                "Example: gil-analyzer ab --cmd 'java {agent} -jar app.jar' --agent-options include=com.example.** \\",
                "           --base http://127.0.0.1:8080 --load mix.txt --connections 8 --runs 3"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:the service did not start, exited, never became ready or wrote no recording",
                "2:usage error, or a malformed load file"})
public final class AbCommand implements Callable<Integer> {

    @Option(names = "--cmd", required = true, paramLabel = "COMMAND",
            description = "Starts the service (through sh -c); {agent} is replaced by the -javaagent argument (nothing for an arm without the agent).")
    String command;

    @Option(names = "--base", required = true, paramLabel = "URL", description = "Where the load goes, e.g. http://127.0.0.1:8080.")
    String base;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "The endpoint mix: lines of 'WEIGHT PATH'.")
    Path load;

    @Option(names = "--agent-jar", paramLabel = "JAR", description = "gil.jar (default: $GIL_AGENT_JAR, or agent/target/gil.jar beside this jar's folder).")
    Path agentJar;

    @Option(names = "--agent-options", paramLabel = "OPTIONS", description = "Agent options of every arm, e.g. include=com.example.**")
    String agentOptions = "";

    @Option(names = "--arm", paramLabel = "NAME=OPTIONS",
            description = "An arm (repeatable; default off=mode=off and gil=mode=gil); OPTIONS 'none' runs it without the agent. The first arm is the baseline.")
    List<String> arms = new ArrayList<>();

    @Option(names = "--ready", paramLabel = "URL", description = "Polled until it answers below 500 (default: --base).")
    String ready;

    @Option(names = "--ready-port", paramLabel = "PORT", description = "Instead of --ready: polled until it accepts a connection.")
    int readyPort;

    @Option(names = "--ready-timeout", paramLabel = "DURATION", description = "How long a start may take (default 60s).")
    String readyTimeout = "60s";

    @Option(names = "--rate", paramLabel = "REQ/S", description = "Open loop at this many requests per second (latency from when each was due).")
    double rate;

    @Option(names = "--connections", paramLabel = "N", description = "Closed loop with N connections (default 4 when --rate is not given).")
    int connections;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per arm (default 3).")
    int runs = 3;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Load before measuring, each run (default 5s).")
    String warmup = "5s";

    @Option(names = "--duration", paramLabel = "DURATION", description = "Measured load, each run (default 10s).")
    String duration = "10s";

    @Option(names = "--out", paramLabel = "DIR", description = "Recordings and service logs (default out/ab).")
    Path out = Path.of("out", "ab");

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AbRunner.Plan plan;
        try {
            plan = plan();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Thread cleanup = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy));
        Runtime.getRuntime().addShutdownHook(cleanup);
        AbSummary summary;
        try {
            summary = AbSummary.of(plan, AbRunner.run(plan, spec.commandLine().getErr()), output.reader);
        } catch (io.gil4j.analyzer.ab.AbFailure e) {
            return Commands.fail(spec, e.getMessage());
        } catch (IOException e) {
            return Commands.fail(spec, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Commands.fail(spec, "interrupted");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // shutting down already: the hook runs
            }
        }
        String content = switch (output.format) {
            case text -> AbReport.text(summary);
            case json -> Json.write(AbReport.tree(summary));
            case html -> AbReport.html(summary);
        };
        try {
            output.emit(content, spec.commandLine().getOut());
        } catch (IOException e) {
            return Commands.fail(spec, output.output + ": cannot write (" + e.getMessage() + ")");
        }
        return Main.EXIT_OK;
    }

    private AbRunner.Plan plan() throws IOException {
        if (!command.contains("{agent}")) throw new IOException("--cmd must contain {agent} where the -javaagent argument goes");
        if (runs < 1 || runs > 100) throw new IOException("--runs must be between 1 and 100");
        if (rate < 0 || connections < 0 || (rate > 0 && connections > 0)) {
            throw new IOException("give either --rate (open loop) or --connections (closed loop), positive");
        }
        int conns = rate == 0 && connections == 0 ? 4 : connections;
        URI baseUri = URI.create(base);
        if (!"http".equals(baseUri.getScheme()) || baseUri.getHost() == null) throw new IOException("--base must be an http:// URL, got '" + base + "'");
        List<AbRunner.Arm> armList = new ArrayList<>();
        for (String a : arms.isEmpty() ? List.of("off=mode=off", "gil=mode=gil") : arms) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new IOException("--arm must be NAME=OPTIONS, got '" + a + "'");
            String name = a.substring(0, eq);
            if (!name.matches("[A-Za-z0-9_.-]+")) throw new IOException("--arm name must be letters, digits, '.', '_' or '-', got '" + name + "'");
            if (armList.stream().anyMatch(x -> x.name().equals(name))) throw new IOException("--arm " + name + " given twice");
            String options = a.substring(eq + 1);
            armList.add(new AbRunner.Arm(name, options.equals("none") ? null : options));
        }
        if (armList.size() < 2) throw new IOException("an A/B needs at least two arms");
        Path jar = agentJar();
        if (armList.stream().anyMatch(x -> x.options() != null) && (jar == null || !Files.isRegularFile(jar))) {
            throw new IOException("the agent jar was not found" + (jar == null ? "" : " at " + jar) + ": give --agent-jar");
        }
        LoadMix mix;
        try {
            mix = LoadMix.parse(load);
        } catch (IOException e) {
            throw new IOException(e.getMessage());
        }
        return new AbRunner.Plan(command, jar, agentOptions, armList, runs, base, readyPort > 0 ? null : (ready != null ? ready : base),
                readyPort, duration("--ready-timeout", readyTimeout), mix, rate, conns, duration("--warmup", warmup),
                duration("--duration", duration), out);
    }

    private Path agentJar() {
        if (agentJar != null) return agentJar;
        String env = System.getenv("GIL_AGENT_JAR");
        if (env != null && !env.isBlank()) return Path.of(env);
        try {
            Path self = Path.of(AbCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p : List.of(self.resolveSibling("gil.jar"), self.getParent().resolveSibling("../agent/target/gil.jar").normalize())) {
                if (Files.isRegularFile(p)) return p;
            }
        } catch (Exception ignored) {
            // no default
        }
        return null;
    }

    private static Duration duration(String option, String s) throws IOException {
        try {
            return Duration.ofNanos(Durations.nanos(option, s, 0, 3_600_000_000_000L));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }
}
