package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.rules.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the plain form of {@code report} without picocli, whose start-up (reflection over the
 * annotated command classes, its converters) costs about 0.15 s of a ~0.5 s report: part of the speed
 * requirement in BENCH-report-speed.md. Only {@code report [-f|--format F] [-o|--output FILE]
 * [--hlog FILE] [--fail-on S] REC.jfr...} with separate option values, each option at most once, enum
 * values spelled exactly; anything else (help, version, {@code --opt=value}, clustered short options,
 * {@code --}, {@code @argfiles}, values that start with '-', unknown options, no recording, compare)
 * returns null and goes through picocli, so errors and usage messages stay picocli's.
 */
final class FastReportArgs {
    private FastReportArgs() {
    }

    /** The command with its options set, or null when picocli must parse these arguments. */
    static ReportCommand parse(String[] args) {
        if (args.length < 2 || !"report".equals(args[0])) {
            return null;
        }
        ReportCommand c = new ReportCommand();
        c.output = new OutputOptions();
        c.output.format = Format.text;
        boolean format = false;
        List<Path> recordings = new ArrayList<>();
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.isEmpty() || a.charAt(0) == '@') {
                    return null;
                }
                if (a.charAt(0) != '-') {
                    recordings.add(Path.of(a));
                    continue;
                }
                if (i + 1 >= args.length) {
                    return null;
                }
                String v = args[++i];
                if (v.isEmpty() || v.charAt(0) == '-' || v.charAt(0) == '@') {
                    return null;
                }
                switch (a) {
                    case "-f", "--format" -> {
                        if (format) {
                            return null;
                        }
                        format = true;
                        c.output.format = Format.valueOf(v);
                    }
                    case "-o", "--output" -> {
                        if (c.output.output != null) {
                            return null;
                        }
                        c.output.output = Path.of(v);
                    }
                    case "--hlog" -> {
                        if (c.hlog != null) {
                            return null;
                        }
                        c.hlog = Path.of(v);
                    }
                    case "--fail-on" -> {
                        if (c.failOn != null) {
                            return null;
                        }
                        c.failOn = Severity.valueOf(v);
                    }
                    default -> {
                        return null;
                    }
                }
            }
        } catch (IllegalArgumentException e) { // bad enum value or path (InvalidPathException): picocli's message
            return null;
        }
        if (recordings.isEmpty()) {
            return null;
        }
        c.recordings = recordings;
        return c;
    }
}
