package io.gil4j.analyzer.read;

import java.nio.file.Path;
import java.util.Set;

/**
 * Receives the gil events of one or more recordings, already decoded, in file order within a chunk but
 * not globally sorted (the reader streams unordered for speed; consumers must not rely on order).
 * Times are epoch nanoseconds; durations nanoseconds, never negative. Each recording is framed by
 * {@link #beginRun} / {@link #endRun}; {@link #endRun} is called only when the whole file was read.
 */
public interface GilEventSink {
    void beginRun(Path file);

    /** The gil event types the recording's metadata declares (whether or not any were written). */
    void declaredEventTypes(Set<String> names);

    void waitEvent(ThreadRef thread, long start, long duration, String reason, int waiters, StackKey stack);

    void holdEvent(ThreadRef thread, long start, long duration, String endReason, long checkpoints);

    void releaseEvent(ThreadRef thread, long start, long duration, String blockingPoint, String kind);

    void dropRequestEvent(ThreadRef waiter, long time, ThreadRef holder);

    /** {@code latencyNanos} is -1 where the recording does not carry it. */
    void revokeEvent(ThreadRef thread, long time, ThreadRef holder, String holderState, long latencyNanos);

    void statsEvent(long time, ThreadRef gilThread, StatsSample sample);

    void configEvent(long time, RunConfig config);

    void operationEvent(ThreadRef thread, long start, long duration, String method);

    void instrumentationErrorEvent(long time, String className, String message);

    void endRun();
}
