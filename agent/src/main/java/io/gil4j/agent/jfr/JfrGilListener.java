package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.GilListener;
import io.gil4j.bootstrap.GilReasons;
import io.gil4j.bootstrap.GilThread;
import java.util.function.Consumer;
import jdk.jfr.Event;

/**
 * Turns what the GIL core reports into JFR events. Durations come from JFR's own clock: an event is
 * begun when the thing starts and committed, if it crossed its threshold, when it ends; JFR's
 * {@code shouldCommit()} applies the threshold, so below it nothing is written.
 *
 * <p>Hold events are reused per thread (one per {@link GilThread}) so that an acquisition allocates
 * nothing; every other event belongs to a slow path (a wait, a blocking call) and is allocated there.
 * No method throws: an event that cannot be written is dropped, the program runs on.
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

    /** Ends {@code token} if it is an {@code E}; fills and commits it if it crossed its threshold. */
    private static <E extends Event> void end(Object token, Class<E> type, Consumer<E> fill) {
        if (!type.isInstance(token)) return;
        try {
            E e = type.cast(token);
            e.end();
            if (e.shouldCommit()) {
                fill.accept(e);
                e.commit();
            }
        } catch (Throwable ignored) {
            // an event lost is better than a program broken
        }
    }

    /** Commits an instant event if enabled. */
    private static <E extends Event> void instant(E e, Consumer<E> fill) {
        try {
            if (e.shouldCommit()) {
                fill.accept(e);
                e.commit();
            }
        } catch (Throwable ignored) {
            // see end()
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
            // see end()
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
            // see end()
        }
    }

    @Override
    public Object waitBegin() {
        return begin(new WaitEvent());
    }

    @Override
    public void waitEnd(Object token, int reason, int waiters) {
        end(token, WaitEvent.class, e -> {
            e.reason = GilReasons.waitReason(reason);
            e.waiters = waiters;
        });
    }

    @Override
    public Object releaseBegin() {
        return begin(new ReleaseEvent());
    }

    @Override
    public void releaseEnd(Object token, String blockingPoint, int kind) {
        end(token, ReleaseEvent.class, e -> {
            e.blockingPoint = blockingPoint;
            e.kind = GilReasons.kind(kind);
        });
    }

    @Override
    public void dropRequested(Thread holder) {
        instant(new DropRequestEvent(), e -> e.holder = holder);
    }

    @Override
    public void revoked(Thread holder, String holderState, long latencyNanos) {
        instant(new RevokeEvent(), e -> {
            e.holder = holder;
            e.holderState = holderState;
            e.latency = latencyNanos;
        });
    }

    @Override
    public Object operationBegin() {
        return begin(new OperationEvent());
    }

    @Override
    public void operationEnd(Object token, String method) {
        end(token, OperationEvent.class, e -> e.method = method);
    }
}
