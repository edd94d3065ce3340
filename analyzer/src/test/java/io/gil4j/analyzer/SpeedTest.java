package io.gil4j.analyzer;

import com.example.workload.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The speed requirement: {@code report} on a recording with >= 1 million gil events takes at most twice
 * as long as {@code jfr summary} on the same file (both as fresh JVMs, medians of 5 interleaved runs).
 * Opt-in because it writes a ~40 MB recording and takes tens of seconds:
 * {@code mvn -pl analyzer verify -Dgil.perf=true}.
 */
class SpeedTest {
    @TempDir
    Path tmp;

    @Test
    void reportIsAtMostTwiceJfrSummary() throws Exception {
        assumeTrue(Boolean.getBoolean("gil.perf"), "set -Dgil.perf=true to run the speed test");
        Path rec = Scenarios.many(tmp.resolve("many.jfr"), 1_200_000);
        RunCheck check = Analyzer::model;
        assertThat(check.count(rec)).isGreaterThanOrEqualTo(1_000_000);
        String javaHome = System.getProperty("java.home");
        List<String> summary = List.of(javaHome + "/bin/jfr", "summary", rec.toString());
        List<String> report = List.of(javaHome + "/bin/java", "-cp", System.getProperty("java.class.path"),
                "io.gil4j.analyzer.cli.Main", "report", "-o", tmp.resolve("out.txt").toString(), rec.toString());
        long[] summaries = new long[RUNS];
        long[] reports = new long[RUNS];
        for (int i = 0; i < RUNS; i++) { // interleaved, so load from elsewhere hits both alike
            summaries[i] = time(summary);
            reports[i] = time(report);
        }
        long s = median(summaries);
        long r = median(reports);
        System.out.printf("recording %d MB: jfr summary %d ms, report %d ms (medians of %d; ratio %.2f)%n",
                Files.size(rec) >> 20, s / 1_000_000, r / 1_000_000, RUNS, (double) r / s);
        assertThat(r).isLessThanOrEqualTo(2 * s);
    }

    private static final int RUNS = 5;

    private static long median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    interface RunCheck {
        io.gil4j.analyzer.model.RunModel model(List<Path> files) throws AnalyzerException;

        default long count(Path rec) throws AnalyzerException {
            return model(List.of(rec)).runs().get(0).gilEvents();
        }
    }

    private static long time(List<String> cmd) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true)
                .redirectOutput(new File("/dev/null")).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return System.nanoTime() - t0;
    }
}
