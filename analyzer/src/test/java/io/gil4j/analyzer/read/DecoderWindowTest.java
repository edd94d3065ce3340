package io.gil4j.analyzer.read;

import io.gil4j.analyzer.RecordedScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader loads a chunk's events through a window that slides over it and reuses a chunk's metadata
 * for the next chunk when it is the same: neither may change what is delivered. Windows of a few bytes
 * make nearly every event straddle a window's end; concatenated recordings (a valid JFR file is a
 * sequence of chunks) give files of many chunks, with the same and with different metadata.
 */
class DecoderWindowTest {
    @TempDir
    Path tmp;

    @Test
    void smallWindowsDeliverWhatTheDefaultWindowDoes() throws Exception {
        for (Path rec : List.of(RecordedScenarios.cpuBound(), RecordedScenarios.convoy(),
                RecordedScenarios.hostile(), RecordedScenarios.gilWithOps())) {
            DecoderEquivalenceTest.Log reference = new DecoderEquivalenceTest.Log();
            RecordingReader.read(rec, reference);
            for (int window : new int[] {1, 37, 200, 4096}) {
                DecoderEquivalenceTest.Log small = new DecoderEquivalenceTest.Log();
                RecordingReader.read(rec, small, window);
                assertThat(small.calls).as(rec + " window " + window).isEqualTo(reference.calls);
                assertThat(small.declared).isEqualTo(reference.declared);
            }
        }
    }

    @Test
    void concatenatedRecordingsMatchTheJdkParser() throws Exception {
        Path same = concat("same.jfr", RecordedScenarios.cpuBound(), RecordedScenarios.cpuBound(),
                RecordedScenarios.convoy());
        Path mixed = concat("mixed.jfr", RecordedScenarios.ioBound(), RecordedScenarios.legacy(),
                RecordedScenarios.offPlain(), RecordedScenarios.hostile());
        for (Path rec : List.of(same, mixed)) {
            for (int window : new int[] {64, ChunkDecoder.WINDOW}) {
                DecoderEquivalenceTest.Log own = new DecoderEquivalenceTest.Log();
                RecordingReader.read(rec, own, window);
                DecoderEquivalenceTest.Log jdk = new DecoderEquivalenceTest.Log();
                JdkRecordingReader.read(rec, jdk);
                assertThat(own.calls).as(rec.toString()).hasSizeGreaterThan(2);
                assertThat(own.sorted()).as(rec + " window " + window).isEqualTo(jdk.sorted());
                assertThat(own.declared).isEqualTo(jdk.declared);
            }
        }
    }

    private Path concat(String name, Path... parts) throws Exception {
        Path out = tmp.resolve(name);
        try (OutputStream o = Files.newOutputStream(out)) {
            for (Path p : parts) {
                Files.copy(p, o);
            }
        }
        return out;
    }
}
