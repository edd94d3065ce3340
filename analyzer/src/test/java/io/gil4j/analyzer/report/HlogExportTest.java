package io.gil4j.analyzer.report;

import io.gil4j.analyzer.RecordedScenarios;
import io.gil4j.analyzer.cli.CliRun;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HlogExportTest {
    @TempDir
    Path tmp;

    @Test
    void writesReadableHistogramLog() throws Exception {
        Path hlog = tmp.resolve("waits.hlog");
        CliRun r = CliRun.run("report", "--hlog", hlog.toString(), "-o", tmp.resolve("r.txt").toString(),
                RecordedScenarios.convoy().toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Histogram> byTag = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(hlog.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                byTag.put(h.getTag() == null ? "" : h.getTag(), (Histogram) h);
            }
        }
        assertThat(byTag).containsKeys("all", "reason.io-return");
        assertThat(byTag.get("reason.io-return").getTotalCount()).isEqualTo(120);
        assertThat(byTag.get("all").getTotalCount()).isEqualTo(120);
    }

    @Test
    void tagsAreSanitized() {
        assertThat(HlogExport.tag("<script> a,b")).isEqualTo("_script__a_b");
    }
}
