package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.html.HtmlReport;
import io.gil4j.analyzer.report.HlogExport;
import io.gil4j.analyzer.report.Json;
import io.gil4j.analyzer.report.ReportTree;
import io.gil4j.analyzer.report.TextComparison;
import io.gil4j.analyzer.rules.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code compare A.jfr B.jfr} or {@code compare --a x.jfr --a y.jfr --b z.jfr}: A/B throughput loss. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compare a baseline A (e.g. mode=off) with B (e.g. mode=gil): the throughput loss.",
                "Throughput comes from gil.Operation events (or 1/wall time per run), latency percentiles, throughput loss = 1 - thr_B/thr_A in total and",
                "for CPU-bound and I/O-bound threads, beside the loss estimated from A alone.",
                "Several recordings per side are several runs: their operations and wall times add up."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a recording is missing, not JFR, truncated, corrupt or has no gil events",
                "2:usage error", "3:a finding of B at or above --fail-on"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "0..2", paramLabel = "A.jfr B.jfr", description = "Baseline and candidate recording.")
    List<Path> positional = new ArrayList<>();

    @Option(names = "--a", paramLabel = "FILE", description = "A baseline recording (repeatable).")
    List<Path> a = new ArrayList<>();

    @Option(names = "--b", paramLabel = "FILE", description = "A candidate recording (repeatable).")
    List<Path> b = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Also write B's wait-time histograms (HdrHistogram log).")
    Path hlog;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = "Exit with 3 when a finding of B is at least this severe.")
    Severity failOn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> sideA = new ArrayList<>(a);
        List<Path> sideB = new ArrayList<>(b);
        if (!positional.isEmpty() && (!a.isEmpty() || !b.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "give recordings either as A B or with --a/--b, not both");
        }
        if (!positional.isEmpty()) {
            if (positional.size() != 2) {
                throw new ParameterException(spec.commandLine(), "expected two recordings: A.jfr B.jfr");
            }
            sideA.add(positional.get(0));
            sideB.add(positional.get(1));
        }
        if (sideA.isEmpty() || sideB.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "need at least one recording for A and one for B");
        }
        Comparison c;
        try {
            c = Analyzer.compare(sideA, sideB, output.reader);
        } catch (AnalyzerException e) {
            return Commands.fail(spec, e.getMessage());
        }
        String content = switch (output.format) {
            case text -> TextComparison.render(c);
            case json -> Json.write(ReportTree.compare(c));
            case html -> HtmlReport.render(c);
        };
        try {
            if (hlog != null) {
                OutputOptions.writeAtomically(hlog, HlogExport.render(c.reportB().model()));
            }
        } catch (IOException e) {
            return Commands.fail(spec, hlog + ": cannot write (" + e.getMessage() + ")");
        }
        try {
            output.emit(content, spec.commandLine().getOut());
        } catch (IOException e) {
            return Commands.fail(spec, output.output + ": cannot write (" + e.getMessage() + ")");
        }
        return Commands.exitFor(c.reportB().worstSeverity(), failOn);
    }
}
