package io.gil4j.bootstrap;

/**
 * Where the GIL core reports what it does. The core lives on the bootstrap class path and cannot see
 * JFR event classes defined by the agent's loader, so the agent installs an implementation of this
 * interface after premain; until then {@link #NONE} swallows everything.
 *
 * <p>Assumptions and guarantees: implementations never throw and never block for long (they run on
 * the GIL's slow paths, sometimes while the core's mutex is held). Methods whose name ends in
 * {@code Begin} return an opaque token (a JFR event with its start time taken) or {@code null}; the
 * matching {@code End} method receives it back on the same thread.
 */
public interface GilListener {

    /** A hold starts: {@code thread.holdToken} may be (re)used to time it. Called on every acquisition. */
    void holdBegin(GilThread thread);

    /** A hold ends for {@code endReason} (one of {@link GilReasons#END_DROP_REQUEST} ...). */
    void holdEnd(GilThread thread, int endReason, long checkpoints);

    Object waitBegin();

    void waitEnd(Object token, int reason, int waiters);

    Object releaseBegin();

    void releaseEnd(Object token, String blockingPoint, int kind);

    /** A waiter timed out and asked {@code holder} to drop the GIL (called on the waiter). */
    void dropRequested(Thread holder);

    /**
     * The safety net took the GIL from {@code holder}, which was in {@code holderState}; waiters had
     * been kept from it for at most {@code latencyNanos}.
     */
    void revoked(Thread holder, String holderState, long latencyNanos);

    Object operationBegin();

    void operationEnd(Object token, String method);

    GilListener NONE = new GilListener() {
        @Override public void holdBegin(GilThread thread) { }
        @Override public void holdEnd(GilThread thread, int endReason, long checkpoints) { }
        @Override public Object waitBegin() { return null; }
        @Override public void waitEnd(Object token, int reason, int waiters) { }
        @Override public Object releaseBegin() { return null; }
        @Override public void releaseEnd(Object token, String blockingPoint, int kind) { }
        @Override public void dropRequested(Thread holder) { }
        @Override public void revoked(Thread holder, String holderState, long latencyNanos) { }
        @Override public Object operationBegin() { return null; }
        @Override public void operationEnd(Object token, String method) { }
    };
}
