package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.GilListener;
import io.gil4j.bootstrap.GilReasons;
import io.gil4j.bootstrap.GilThread;
import jdk.jfr.Event;

/**
 * Turns what the GIL core reports into JFR events. Durations come from JFR's own clock: an event is
 * begun when the thing starts and committed, if it crossed its threshold, when it ends; JFR's
 * {@code shouldCommit()} applies the threshold, so below it nothing is written.
 *
 * <p>Hold events are reused per thread (one per {@link GilThread}) so that an acquisition allocates
 * nothing; every other event belongs to a slow path (a wait, a blocking call) and is allocated there.
 * No method throws: an event that cannot be written is dropped, the program runs on.
 *
 * <p>No lambdas and no string concatenation: these methods run on program threads, two of them under
 * the GIL's mutex, and the first run of an {@code invokedynamic} links it, initializing JDK classes
 * there (see {@code ContendedPathWarmUp} for why nothing may be initialized under that mutex).
 */
public final class JfrGilListener implements GilListener {

    /** A begun event, or null when the event type is disabled (then its end costs nothing). */
    private static <E extends Event> E begin(E e) {
        try {
            if (!e.isEnabled()) return null;
            e.begin();
            return e;
        } catch (Throwable t) {
            return null;
        }
    }

    @Override
    public void holdBegin(GilThread thread) {
        try {
            HoldEvent e = (HoldEvent) thread.holdToken;
            if (e == null) {
                e = new HoldEvent();
                thread.holdToken = e;
            }
            e.begin(); // reused: begin() resets the start, end() recomputes the duration
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public void holdEnd(GilThread thread, int endReason, long checkpoints) {
        // Written out rather than through end(): this runs on every uncontended drop, where a
        // capturing lambda would be an allocation.
        try {
            HoldEvent e = (HoldEvent) thread.holdToken;
            if (e == null) return;
            e.end();
            if (e.shouldCommit()) {
                e.endReason = GilReasons.endReason(endReason);
                e.checkpoints = checkpoints;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public Object waitBegin() {
        return begin(new WaitEvent());
    }

    @Override
    public void waitEnd(Object token, int reason, int waiters) {
        if (!(token instanceof WaitEvent)) return;
        try {
            WaitEvent e = (WaitEvent) token;
            e.end();
            if (e.shouldCommit()) {
                e.reason = GilReasons.waitReason(reason);
                e.waiters = waiters;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public Object releaseBegin() {
        return begin(new ReleaseEvent());
    }

    @Override
    public void releaseEnd(Object token, String blockingPoint, int kind) {
        if (!(token instanceof ReleaseEvent)) return;
        try {
            ReleaseEvent e = (ReleaseEvent) token;
            e.end();
            if (e.shouldCommit()) {
                e.blockingPoint = blockingPoint;
                e.kind = GilReasons.kind(kind);
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public void dropRequested(Thread holder) {
        try {
            DropRequestEvent e = new DropRequestEvent();
            if (e.shouldCommit()) {
                e.holder = holder;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public void revoked(Thread holder, String holderState, long latencyNanos) {
        try {
            RevokeEvent e = new RevokeEvent();
            if (e.shouldCommit()) {
                e.holder = holder;
                e.holderState = holderState;
                e.latency = latencyNanos;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }

    @Override
    public Object operationBegin() {
        return begin(new OperationEvent());
    }

    @Override
    public void operationEnd(Object token, String method) {
        if (!(token instanceof OperationEvent)) return;
        try {
            OperationEvent e = (OperationEvent) token;
            e.end();
            if (e.shouldCommit()) {
                e.method = method;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see the class comment
        }
    }
}
