package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.rules.Severity;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the commands: the one-line error and the exit code for findings. */
final class Commands {
    private Commands() {
    }

    static int fail(CommandSpec spec, String message) {
        return fail(spec.commandLine().getErr(), message);
    }

    static int fail(java.io.PrintWriter err, String message) {
        err.println(Main.PROGRAM + ": " + Main.oneLine(message));
        err.flush();
        return Main.EXIT_BAD_INPUT;
    }

    static int exitFor(Severity worst, Severity failOn) {
        if (failOn != null && failOn != Severity.NOT_APPLICABLE && failOn != Severity.OK
                && worst.compareTo(failOn) >= 0) {
            return Main.EXIT_FINDINGS;
        }
        return Main.EXIT_OK;
    }
}
