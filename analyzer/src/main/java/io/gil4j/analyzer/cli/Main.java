package io.gil4j.analyzer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar gil-analyzer.jar report|compare|predict|ab|top ...}.
 *
 * <p>Exit codes: 0 success; 1 a recording or output file problem (one line on stderr:
 * {@code gil-analyzer: <file>: <what is wrong>}); 2 usage error; 3 a finding at or above
 * {@code --fail-on}; 70 an internal error (one line, no stack trace).
 */
@Command(name = "gil-analyzer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ReportCommand.class, CompareCommand.class, PredictCommand.class, AbCommand.class, TopCommand.class, CommandLine.HelpCommand.class},
        description = "Analyzes gil4j JFR recordings: where the GIL's time goes, what it costs, and why.")
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FINDINGS = 3;
    public static final int EXIT_INTERNAL = 70;
    static final String PROGRAM = "gil-analyzer";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: report, compare, predict, ab or top");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests, never exits the JVM). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return runPicocli(args, o, e);
    }

    /** Every command line, through picocli (its model building costs about 0.2 s of start-up: BENCH-report-speed.md). */
    static int runPicocli(String[] args, PrintWriter o, PrintWriter e) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
            e.println(PROGRAM + ": " + oneLine(ex.getMessage()) + " (see '" + cmd + " --help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            e.println(PROGRAM + ": internal error: " + oneLine(String.valueOf(ex)));
            return EXIT_INTERNAL;
        });
        int code = cl.execute(args);
        o.flush();
        e.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "" : io.gil4j.analyzer.report.Fmt.clean(s.replaceAll("[\\r\\n]+", " ").trim());
    }
}
