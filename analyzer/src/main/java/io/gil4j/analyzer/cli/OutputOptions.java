package io.gil4j.analyzer.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --format}, {@code -o} and {@code --reader}, shared by the commands that read recordings. The output is rendered completely in memory
 * first and written to a temporary file that is then moved into place, so a failure never leaves a
 * partial report at the destination.
 */
public final class OutputOptions {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Option(names = "--reader", paramLabel = "PARSER", defaultValue = "own",
            description = "JFR parser: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); jdk is the JDK's own, "
                    + "slower, a fallback for a recording the analyzer's decoder cannot read.")
    io.gil4j.analyzer.read.Parser reader;

    void emit(String content, PrintWriter stdout) throws IOException {
        if (output == null) {
            stdout.print(content);
            stdout.flush();
            return;
        }
        writeAtomically(output, content.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = newTemporaryFile(dir);
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A new empty file in dir, named from the clock. Not Files.createTempFile: its
     * SecureRandom name loads and seeds the security providers, ~20 ms of a ~0.4 s report
     * (BENCH-report-speed.md). CREATE_NEW makes a name clash (another writer) a retry, never a
     * shared file.
     */
    private static Path newTemporaryFile(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(".gil-analyzer-" + System.nanoTime() + "-" + attempt + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
