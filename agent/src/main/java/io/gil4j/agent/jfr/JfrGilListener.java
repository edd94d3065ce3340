package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.GilListener;
import io.gil4j.bootstrap.GilReasons;
import io.gil4j.bootstrap.GilThread;

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

    @Override
    public void holdBegin(GilThread thread) {
        try {
            HoldEvent e = (HoldEvent) thread.holdToken;
            if (e == null) {
                e = new HoldEvent();
                thread.holdToken = e;
            }
            e.begin();
        } catch (Throwable ignored) {
            // an event lost is better than a program broken
        }
    }

    @Override
    public void holdEnd(GilThread thread, int endReason, long checkpoints) {
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
            // see holdBegin
        }
    }

    @Override
    public Object waitBegin() {
        try {
            WaitEvent e = new WaitEvent();
            if (!e.isEnabled()) return null;
            e.begin();
            return e;
        } catch (Throwable t) {
            return null;
        }
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
            // see holdBegin
        }
    }

    @Override
    public Object releaseBegin() {
        try {
            ReleaseEvent e = new ReleaseEvent();
            if (!e.isEnabled()) return null;
            e.begin();
            return e;
        } catch (Throwable t) {
            return null;
        }
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
            // see holdBegin
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
            // see holdBegin
        }
    }

    @Override
    public void revoked(Thread holder, String holderState) {
        try {
            RevokeEvent e = new RevokeEvent();
            if (e.shouldCommit()) {
                e.holder = holder;
                e.holderState = holderState;
                e.commit();
            }
        } catch (Throwable ignored) {
            // see holdBegin
        }
    }

    @Override
    public Object operationBegin() {
        try {
            OperationEvent e = new OperationEvent();
            if (!e.isEnabled()) return null;
            e.begin();
            return e;
        } catch (Throwable t) {
            return null;
        }
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
            // see holdBegin
        }
    }
}
