package io.gil4j.analyzer.read;

import io.gil4j.analyzer.RecordedScenarios;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer's own JFR decoder ({@link RecordingReader} / {@link ChunkDecoder}) must deliver exactly
 * what the JDK's parser delivers ({@link JdkRecordingReader}, the former reader): the same sink calls
 * with the same values (times, durations, threads, strings, stack frames, Stats and Config fields),
 * compared as multisets because the JDK's unordered stream may interleave chunks differently.
 */
class DecoderEquivalenceTest {
    @Test
    void sameEventsAsTheJdkParser() throws Exception {
        for (Path rec : List.of(RecordedScenarios.cpuBound(), RecordedScenarios.ioBound(), RecordedScenarios.convoy(),
                RecordedScenarios.legacy(), RecordedScenarios.extension(), RecordedScenarios.hostile(),
                RecordedScenarios.gilWithOps(), RecordedScenarios.offPlain())) {
            Log own = new Log();
            RecordingReader.read(rec, own);
            Log jdk = new Log();
            JdkRecordingReader.read(rec, jdk);
            assertThat(own.calls).as(rec.toString()).hasSizeGreaterThan(2);
            assertThat(own.sorted()).as(rec.toString()).isEqualTo(jdk.sorted());
            assertThat(own.declared).as(rec.toString()).isEqualTo(jdk.declared);
        }
    }

    /** Records every sink call as one line. */
    static final class Log implements GilEventSink {
        final List<String> calls = new ArrayList<>();
        final Set<String> declared = new TreeSet<>();

        List<String> sorted() {
            List<String> l = new ArrayList<>(calls);
            Collections.sort(l);
            return l;
        }

        @Override
        public void beginRun(Path file) {
            calls.add("begin " + file);
        }

        @Override
        public void declaredEventTypes(Set<String> names) {
            declared.addAll(names);
        }

        @Override
        public void waitEvent(ThreadRef thread, long start, long duration, String reason, int waiters, StackKey stack) {
            calls.add("wait " + thread + " " + start + " " + duration + " " + reason + " " + waiters + " "
                    + stack.frames());
        }

        @Override
        public void holdEvent(ThreadRef thread, long start, long duration, String endReason, long checkpoints) {
            calls.add("hold " + thread + " " + start + " " + duration + " " + endReason + " " + checkpoints);
        }

        @Override
        public void releaseEvent(ThreadRef thread, long start, long duration, String blockingPoint, String kind) {
            calls.add("release " + thread + " " + start + " " + duration + " " + blockingPoint + " " + kind);
        }

        @Override
        public void dropRequestEvent(ThreadRef waiter, long time, ThreadRef holder) {
            calls.add("drop " + waiter + " " + time + " " + holder);
        }

        @Override
        public void revokeEvent(ThreadRef thread, long time, ThreadRef holder, String holderState, long latencyNanos) {
            calls.add("revoke " + thread + " " + time + " " + holder + " " + holderState + " " + latencyNanos);
        }

        @Override
        public void statsEvent(long time, ThreadRef gilThread, StatsSample sample) {
            calls.add("stats " + time + " " + gilThread + " " + sample);
        }

        @Override
        public void configEvent(long time, RunConfig config) {
            calls.add("config " + time + " " + config);
        }

        @Override
        public void operationEvent(ThreadRef thread, long start, long duration, String method) {
            calls.add("operation " + thread + " " + start + " " + duration + " " + method);
        }

        @Override
        public void instrumentationErrorEvent(long time, String className, String message) {
            calls.add("error " + time + " " + className + " " + message);
        }

        @Override
        public void endRun() {
            calls.add("end");
        }
    }
}
