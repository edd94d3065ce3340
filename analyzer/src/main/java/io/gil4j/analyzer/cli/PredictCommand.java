package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.predict.ClassPatterns;
import io.gil4j.analyzer.predict.Prediction;
import io.gil4j.analyzer.predict.Predictor;
import io.gil4j.analyzer.report.Json;
import io.gil4j.analyzer.report.PredictionReport;
import java.io.IOException;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict off.jfr...}: what mode=gil would cost, from recordings made without the GIL. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Predict mode=gil from recordings made under mode=off: each stats period is replayed",
                "through the GIL's rules (interval, drop requests, forced switching, re-taking after I/O).",
                "Prints the throughput loss in total, for CPU-bound and I/O-bound threads, per throughput=",
                "operation and per thread, and the predicted waits. Several recordings are several runs."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a recording is missing, not JFR, truncated, corrupt or has no gil.Stats",
                "2:usage error"})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "OFF.jfr", description = "Recordings made with mode=off.")
    List<Path> files;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Switch interval to simulate, e.g. 5ms or 500us (default: the recorded one).")
    String interval;

    @Option(names = "--cores", paramLabel = "N",
            description = "Processors to cap the demand at (default: the recorded count).")
    int cores;

    @Option(names = "--closed-loop",
            description = {"The throughput= operations are requests of a service under closed-loop load (a fixed",
                    "number of connections, each waiting for its answer) that may pass through several threads",
                    "(an event loop and workers): predict from how much longer a request stays in the service."})
    boolean closedLoop;

    @Option(names = "--connections", paramLabel = "N",
            description = {"With --closed-loop: the load's connections. Event loops (threads that pass requests on",
                    "without counting them) then handle the wake-ups they missed while waiting for the GIL in",
                    "one turn, up to their share of the connections. Default: not known, every wake-up waits."})
    int connections;

    @Option(names = "--skip", paramLabel = "DURATION",
            description = {"Leave out each recording's first DURATION (e.g. 4s), counted from its first entry into",
                    "instrumented code: start-up and warm-up that an A/B does not measure either."})
    String skip;

    @Option(names = "--include", paramLabel = "PATTERNS",
            description = {"The recordings were made without gil4j (ordinary JFR with method sampling, e.g.",
                    "-XX:StartFlightRecording:settings=profile): predict as if these classes ran under the GIL,",
                    "as the agent's include= option says them, e.g. 'com.example.**' ('a.**;b.C' for several).",
                    "Rougher than a mode=off recording: held time comes from execution samples."})
    String include;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long intervalNanos = interval == null ? 0 : duration("--interval", interval, 1_000L, 10_000_000_000L);
        long skipNanos = skip == null ? 0 : duration("--skip", skip, 0L, 86_400_000_000_000L);
        if (cores < 0) throw new ParameterException(spec.commandLine(), "--cores must be at least 1");
        if (connections < 0) throw new ParameterException(spec.commandLine(), "--connections must be at least 1");
        if (connections > 0 && !closedLoop) {
            throw new ParameterException(spec.commandLine(), "--connections describes a closed loop: add --closed-loop");
        }
        ClassPatterns patterns = null;
        if (include != null) {
            try {
                patterns = ClassPatterns.parse(include);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--include: " + e.getMessage());
            }
            if (closedLoop || skipNanos > 0) {
                throw new ParameterException(spec.commandLine(), (closedLoop ? "--closed-loop needs gil.Operation events"
                        : "--skip needs gil.Stats periods") + ", which a recording made without gil4j has not");
            }
        }
        Prediction p;
        try {
            p = patterns != null ? Predictor.predictPlain(files, patterns, intervalNanos, cores)
                    : Predictor.predict(files, intervalNanos, cores, closedLoop, output.reader, skipNanos, connections);
        } catch (AnalyzerException e) {
            return Commands.fail(spec, e.getMessage());
        }
        String content = switch (output.format) {
            case text -> PredictionReport.text(p);
            case json -> Json.write(PredictionReport.tree(p));
            case html -> throw new ParameterException(spec.commandLine(), "predict writes text or json, not html");
        };
        try {
            output.emit(content, spec.commandLine().getOut());
        } catch (IOException e) {
            return Commands.fail(spec, output.output + ": cannot write (" + e.getMessage() + ")");
        }
        return Main.EXIT_OK;
    }

    private long duration(String option, String s, long min, long max) {
        try {
            return Durations.nanos(option, s, min, max);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
