package io.gil4j.analyzer.read;

import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.GilEventNames;
import jdk.jfr.EventType;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a recording through the JDK's own parser ({@code jdk.jfr.consumer.EventStream}) instead of the
 * analyzer's decoder ({@link RecordingReader}): {@code --reader=jdk}, a fallback a user can choose should
 * a JDK write something the analyzer's decoder cannot read. It gives the same sink calls (the tests hold
 * the two to that, event by event, on recordings of JDK 17 and 25) but is several times slower and
 * needs memory in proportion to a chunk. Decodes every field (the generic path of {@link JdkEventDecoder}).
 */
public final class JdkRecordingReader {
    private static final Set<String> READ = Set.of(GilEventNames.WAIT, GilEventNames.HOLD, GilEventNames.RELEASE,
            GilEventNames.DROP_REQUEST, GilEventNames.REVOKE, GilEventNames.STATS, GilEventNames.CONFIG,
            GilEventNames.OPERATION, GilEventNames.INSTRUMENTATION_ERROR);

    private JdkRecordingReader() {
    }

    /** Reads one recording into the sink, framed by beginRun/endRun. */
    public static void read(Path file, GilEventSink sink) throws AnalyzerException {
        RecordingValidator.Framing framing = RecordingValidator.validate(file);
        Set<String> declared = new HashSet<>();
        Set<Long> gilIds = new HashSet<>();
        JdkEventDecoder decoder = new JdkEventDecoder(sink);
        Throwable[] failure = new Throwable[1];
        long[] delivered = new long[1];
        sink.beginRun(file);
        try (EventStream stream = EventStream.openFile(file)) {
            stream.setReuse(true);
            stream.setOrdered(false);
            // The metadata of every chunk names the gil types and their ids: no separate pass over the file.
            stream.onMetadata(m -> {
                for (EventType type : m.getEventTypes()) {
                    if (type.getName() != null && READ.contains(type.getName())) {
                        gilIds.add(type.getId());
                        declared.add(type.getName());
                    }
                }
            });
            for (String name : READ) {
                stream.onEvent(name, guarded(e -> decoder.decode(name, e), delivered, failure));
            }
            stream.start();
        } catch (Throwable t) { // the JDK parser on corrupt bytes: IOException, runtime exceptions, OOM on huge sizes
            throw corrupt(file, t);
        }
        if (failure[0] != null) {
            throw corrupt(file, failure[0]);
        }
        long expected = expectedGilEvents(framing, gilIds);
        if (expected == 0) {
            throw new AnalyzerException(file, "no gil4j events (gil.*) in this recording; was it recorded with "
                    + "the gil4j agent (option jfr=) or with the gil events enabled?");
        }
        sink.declaredEventTypes(declared);
        if (delivered[0] != expected) {
            throw new AnalyzerException(file, "corrupt recording: only " + delivered[0] + " of " + expected
                    + " gil events could be read");
        }
        sink.endRun();
    }

    private static Consumer<RecordedEvent> guarded(Consumer<RecordedEvent> handler, long[] delivered,
                                                   Throwable[] failure) {
        return event -> {
            delivered[0]++;
            if (failure[0] != null) {
                return;
            }
            try {
                handler.accept(event);
            } catch (RuntimeException | StackOverflowError e) {
                failure[0] = e;
            }
        };
    }

    private static AnalyzerException corrupt(Path file, Throwable t) {
        return RecordingReader.corrupt(file, t);
    }

    /** Counts, from the framing walk, the events whose type id the metadata gave to a gil type. */
    private static long expectedGilEvents(RecordingValidator.Framing framing, Set<Long> gilIds) {
        long total = 0;
        for (Map.Entry<Long, Long> e : framing.eventsPerTypeId().entrySet()) {
            if (gilIds.contains(e.getKey())) {
                total += e.getValue();
            }
        }
        return total;
    }
}
