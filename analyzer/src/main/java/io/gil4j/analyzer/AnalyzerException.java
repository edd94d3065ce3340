package io.gil4j.analyzer;

import java.nio.file.Path;

/**
 * A recording the analyzer cannot turn into a complete report: missing, not JFR, truncated, corrupt,
 * or without gil events. {@link #getMessage()} is the one line the CLI prints:
 * {@code <file>: <what is wrong>}. Never carries a partial result.
 */
public final class AnalyzerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String problem;

    public AnalyzerException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public AnalyzerException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
