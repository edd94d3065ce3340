package io.gil4j.analyzer.cli;

import io.gil4j.analyzer.RecordedScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The picocli-free parse of plain {@code report} arguments must behave exactly as picocli does. */
class FastReportArgsTest {
    @TempDir
    Path tmp;

    @Test
    void sameResultAsPicocli() throws Exception {
        String rec = RecordedScenarios.convoy().toString();
        String out = tmp.resolve("out.txt").toString();
        String hlog = tmp.resolve("w.hlog").toString();
        List<String[]> cases = List.of(
                new String[] {"report", rec},
                new String[] {"report", "--format", "json", rec},
                new String[] {"report", "-f", "html", rec},
                new String[] {"report", rec, "-f", "json", "--fail-on", "WARNING"},
                new String[] {"report", "--fail-on", "OK", rec, rec},
                new String[] {"report", "-o", out, "--hlog", hlog, rec},
                new String[] {"report", tmp.resolve("missing.jfr").toString()},
                new String[] {"report", tmp.toString()},
                new String[] {"report", "-f", "JSON", rec},
                new String[] {"report", "-f", "json", "-f", "text", rec},
                new String[] {"report", "--format=json", rec},
                new String[] {"report", "-fjson", rec},
                new String[] {"report", "--fail-on", "bad", rec},
                new String[] {"report", "--nope", rec},
                new String[] {"report", "-o"},
                new String[] {"report"},
                new String[] {"report", "--", rec});
        for (String[] args : cases) {
            String what = String.join(" ", args);
            boolean fast = FastReportArgs.parse(args) != null;
            Result a = run(args, false, out, hlog);
            Result b = run(args, true, out, hlog);
            assertThat(a).as(what + (fast ? " (fast path)" : " (picocli)")).isEqualTo(b);
        }
        assertThat(FastReportArgs.parse(new String[] {"report", "-f", "json", "-o", out, rec})).isNotNull();
        assertThat(FastReportArgs.parse(new String[] {"report", "--format=json", rec})).isNull();
    }

    private record Result(int code, String out, String err, String file, String hlog) {
    }

    private static Result run(String[] args, boolean picocli, String outFile, String hlogFile) throws Exception {
        Files.deleteIfExists(Path.of(outFile));
        Files.deleteIfExists(Path.of(hlogFile));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        if (picocli) {
            PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
            PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
            code = Main.runPicocli(args, o, e);
            o.flush();
            e.flush();
        } else {
            CliRun r = CliRun.run(args);
            code = r.code();
            out.write(r.out().getBytes(StandardCharsets.UTF_8));
            err.write(r.err().getBytes(StandardCharsets.UTF_8));
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Files.exists(Path.of(outFile)) ? Files.readString(Path.of(outFile)) : null,
                Files.exists(Path.of(hlogFile)) ? strip(Files.readString(Path.of(hlogFile))) : null);
    }

    /** The hlog has a start-time header line written at render time; compare the histograms. */
    private static String strip(String hlog) {
        return hlog.lines().filter(l -> !l.startsWith("#")).reduce("", (x, y) -> x + y + "\n");
    }
}
