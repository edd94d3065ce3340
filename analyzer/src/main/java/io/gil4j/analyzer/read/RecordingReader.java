package io.gil4j.analyzer.read;

import io.gil4j.analyzer.AnalyzerException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams the gil events of JFR recordings into a {@link GilEventSink}, in one pass per file.
 *
 * <p>{@link RecordingValidator} first checks every chunk header (magic, version, finished, inside the
 * file, chunks tile the file). Then each chunk is read once, in pieces (memory does not grow with the
 * file or the chunk), and decoded by {@link ChunkDecoder}, which walks the size-prefixed events (they
 * must tile the chunk exactly, the same framing check as the validator's and as {@code jfr summary}'s
 * walk) and decodes the gil.* events directly, without
 * {@code jdk.jfr.consumer} (whose per-event objects made {@code report} 4x slower than
 * {@code jfr summary}; see BENCH-report-speed.md).
 *
 * <p>Completeness guarantee: every event of every chunk is framed, and every gil event is decoded and
 * delivered; anything that does not decode ends the read with an {@link AnalyzerException}
 * ("corrupt recording: ..."), and {@link GilEventSink#endRun} is called only when the whole file was
 * read, so a damaged file never turns into a partial report.
 */
public final class RecordingReader {
    private RecordingReader() {
    }

    /** Reads one recording into the sink, framed by beginRun/endRun. */
    public static void read(Path file, GilEventSink sink) throws AnalyzerException {
        read(file, sink, ChunkDecoder.WINDOW);
    }

    /** As {@link #read(Path, GilEventSink)}, the events read through windows of this size (tests). */
    static void read(Path file, GilEventSink sink, int window) throws AnalyzerException {
        List<RecordingValidator.Chunk> chunks = RecordingValidator.chunks(file);
        Set<String> declared = new TreeSet<>();
        long gilEvents = 0;
        sink.beginRun(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] buffer = new byte[window + ChunkInput.PADDING];
            ChunkMetadata metadata = null;
            for (RecordingValidator.Chunk c : chunks) {
                ChunkDecoder d = new ChunkDecoder(sink, ch, c, buffer, metadata, window);
                d.decode();
                buffer = d.buffer();
                metadata = d.metadata();
                declared.addAll(d.declared);
                gilEvents += d.gilEvents;
            }
        } catch (ChunkDecoder.Corrupt e) {
            throw new AnalyzerException(file, "corrupt recording: " + e.getMessage());
        } catch (ChunkInput.FileShrank e) {
            throw new AnalyzerException(file, "truncated recording: the file shrank while being read");
        } catch (IOException e) {
            throw new AnalyzerException(file, "cannot read file (" + e.getMessage() + ")");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError t) { // a value the model cannot take
            throw corrupt(file, t);
        }
        if (gilEvents == 0) {
            throw new AnalyzerException(file, "no gil4j events (gil.*) in this recording; was it recorded with "
                    + "the gil4j agent (option jfr=) or with the gil events enabled?");
        }
        sink.declaredEventTypes(declared);
        sink.endRun();
    }

    /** The one-line error for a recording a parser failed on (either parser: see {@link Parser}). */
    static AnalyzerException corrupt(Path file, Throwable t) {
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        detail = detail.replaceAll("\\s+", " ");
        if (detail.length() > 160) {
            detail = detail.substring(0, 160) + "...";
        }
        return new AnalyzerException(file, "corrupt recording (" + detail + ")", t);
    }
}
