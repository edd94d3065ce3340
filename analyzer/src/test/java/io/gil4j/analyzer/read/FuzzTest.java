package io.gil4j.analyzer.read;

import io.gil4j.analyzer.RecordedScenarios;
import io.gil4j.analyzer.cli.CliRun;
import io.gil4j.analyzer.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Truncated and bit-flipped copies of a real recording: each must end in one clear error line (exit 1)
 * or a complete, schema-valid report (exit 0); never a hang, an internal error or a stack trace.
 * Seed: -Dgil.fuzz.seed (default fixed); the seed and variant are in every failure message.
 */
class FuzzTest {
    private static final int TRUNCATIONS = 120;
    private static final int FLIPS = 180;

    @TempDir
    Path tmp;

    @Test
    void truncatedAndBitFlippedRecordings() throws Exception {
        long seed = Long.getLong("gil.fuzz.seed", 20240917L);
        byte[] original = Files.readAllBytes(RecordedScenarios.convoy());
        Random rnd = new Random(seed);
        Path file = tmp.resolve("fuzzed.jfr");
        int errors = 0;
        int reports = 0;
        for (int v = 0; v < TRUNCATIONS + FLIPS; v++) {
            byte[] bytes;
            String what;
            if (v < TRUNCATIONS) {
                int len = rnd.nextInt(original.length);
                bytes = java.util.Arrays.copyOf(original, len);
                what = "truncated to " + len + " bytes";
            } else {
                bytes = original.clone();
                int flips = 1 + rnd.nextInt(4);
                StringBuilder sb = new StringBuilder("flipped bits at");
                for (int k = 0; k < flips; k++) {
                    int pos = rnd.nextInt(bytes.length);
                    int bit = rnd.nextInt(8);
                    bytes[pos] ^= (byte) (1 << bit);
                    sb.append(' ').append(pos).append('.').append(bit);
                }
                what = sb.toString();
            }
            Files.write(file, bytes);
            String context = "seed " + seed + ", variant " + v + " (" + what + ")";
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> CliRun.run("report", "--format", "json", file.toString()), context + ": hang");
            if (r.code() == 0) {
                reports++;
                assertThat(r.err()).as(context).isEmpty();
                assertThat(ReportSchema.validate(r.out())).as(context).isEmpty();
            } else {
                errors++;
                assertThat(r.code()).as(context + ": " + r.err()).isEqualTo(1);
                assertThat(r.out()).as(context).isEmpty();
                assertThat(r.errLines()).as(context).hasSize(1);
                assertThat(r.err()).as(context).startsWith("gil-analyzer: " + file + ": ");
            }
        }
        System.out.println("fuzz seed " + seed + ": " + reports + " valid reports, " + errors + " clear errors");
        assertThat(errors).isPositive();
    }

    @Test
    void truncationIsAlwaysAnError() throws Exception {
        byte[] original = Files.readAllBytes(RecordedScenarios.convoy());
        Path file = tmp.resolve("cut.jfr");
        for (int len : List.of(1, 3, 4, 40, 67, 68, 69, 1000, original.length / 2, original.length - 1)) {
            Files.write(file, java.util.Arrays.copyOf(original, len));
            CliRun r = CliRun.run("report", file.toString());
            assertThat(r.code()).as("length " + len).isEqualTo(1);
            assertThat(r.errLines()).as("length " + len).hasSize(1);
        }
    }
}
