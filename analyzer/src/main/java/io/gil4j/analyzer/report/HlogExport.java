package io.gil4j.analyzer.report;

import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.RunInfo;
import io.gil4j.analyzer.model.RunModel;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the GIL wait-time histograms in HdrHistogram's interval log format ({@link HistogramLogWriter}),
 * values in nanoseconds: one interval spanning the analyzed runs, tagged {@code all} for every gil.Wait
 * and {@code reason.<reason>} per wait reason (tag characters outside {@code [A-Za-z0-9_.-]} become
 * {@code _}, as the log format forbids separators in tags). Readable by HistogramLogReader and
 * HistogramLogAnalyzer.
 */
public final class HlogExport {
    private HlogExport() {
    }

    public static byte[] render(RunModel m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            long startMs = m.runs().stream().mapToLong(RunInfo::startNanos).min().orElse(0) / 1_000_000;
            long endMs = m.runs().stream().mapToLong(RunInfo::endNanos).max().orElse(0) / 1_000_000;
            w.outputComment("gil4j analyzer: GIL wait times (gil.Wait durations) in nanoseconds");
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputLegend();
            interval(w, m.waits(), "all", startMs, endMs);
            for (Map.Entry<String, Distribution> e : m.waitsByReason().entrySet()) {
                interval(w, e.getValue(), "reason." + tag(e.getKey()), startMs, endMs);
            }
        }
        return bytes.toByteArray();
    }

    private static void interval(HistogramLogWriter w, Distribution d, String tag, long startMs, long endMs) {
        Histogram h = d.histogram();
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(Math.max(startMs, endMs));
        h.setTag(tag);
        w.outputIntervalHistogram(h);
    }

    static String tag(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
