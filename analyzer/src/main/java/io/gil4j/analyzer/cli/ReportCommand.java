package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.html.HtmlReport;
import io.gil4j.analyzer.report.HlogExport;
import io.gil4j.analyzer.report.Json;
import io.gil4j.analyzer.report.ReportTree;
import io.gil4j.analyzer.report.TextReport;
import io.gil4j.analyzer.rules.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code report REC.jfr...}: per-thread and total GIL statistics and findings. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Report what the GIL did in one or more recordings.",
                "Each file is one run of the program. Shows held / waiting / released / outside shares per thread",
                "and in total, utilization, mean waiters,",
                "wait percentiles, switches/s, revocations, top wait stacks, thread classes and findings."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a recording is missing, not JFR, truncated, corrupt or has no gil events",
                "2:usage error", "3:a finding at or above --fail-on"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "REC.jfr", description = "Recordings made with the gil4j agent.")
    List<Path> recordings;

    @Mixin
    OutputOptions output;

    @Option(names = "--hlog", paramLabel = "FILE",
            description = "Also write the wait-time histograms to FILE in HdrHistogram's log format.")
    Path hlog;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 3 when a finding is at least this severe (INFO, WARNING, CRITICAL).")
    Severity failOn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command with its options already set (by picocli). */
    int execute(PrintWriter out, PrintWriter err) {
        AnalysisReport r;
        try {
            r = Analyzer.report(recordings, output.reader);
        } catch (AnalyzerException e) {
            return Commands.fail(err, e.getMessage());
        }
        String content = switch (output.format) {
            case text -> TextReport.render(r);
            case json -> Json.write(ReportTree.report(r));
            case html -> HtmlReport.render(r);
        };
        if (hlog != null) {
            try {
                OutputOptions.writeAtomically(hlog, HlogExport.render(r.model()));
            } catch (IOException e) {
                return Commands.fail(err, hlog + ": cannot write (" + e.getMessage() + ")");
            }
        }
        try {
            output.emit(content, out);
        } catch (IOException e) {
            return Commands.fail(err, output.output + ": cannot write (" + e.getMessage() + ")");
        }
        return Commands.exitFor(r.worstSeverity(), failOn);
    }
}
