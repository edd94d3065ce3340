package io.gil4j.analyzer.read;

import io.gil4j.analyzer.AnalyzerException;
import java.nio.file.Path;

/**
 * Which JFR parser reads the recordings ({@code --reader}): the analyzer's own decoder, which streams
 * a recording in bounded memory and is the default, or the JDK's, as a fallback. Both give a sink the
 * same calls for the same file.
 */
public enum Parser {
    own, jdk;

    /** Reads one recording into the sink, framed by beginRun/endRun. */
    public void read(Path file, GilEventSink sink) throws AnalyzerException {
        if (this == jdk) JdkRecordingReader.read(file, sink);
        else RecordingReader.read(file, sink);
    }
}
