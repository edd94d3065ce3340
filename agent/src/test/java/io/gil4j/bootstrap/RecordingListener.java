package io.gil4j.bootstrap;

import java.util.ArrayList;
import java.util.List;

/** A listener for the lock's unit tests: its calls, in order, as short strings. */
class RecordingListener implements GilListener {
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override public void holdBegin(GilThread thread) { calls.add("holdBegin"); }
    @Override public void holdEnd(GilThread thread, int endReason, long checkpoints) {
        calls.add("holdEnd " + GilReasons.endReason(endReason));
    }
    @Override public Object waitBegin() { return null; }
    @Override public void waitEnd(Object token, int reason, int waiters) { calls.add("waitEnd " + GilReasons.waitReason(reason)); }
    @Override public Object releaseBegin() { calls.add("releaseBegin"); return "token"; }
    @Override public void releaseEnd(Object token, String blockingPoint, int kind) {
        calls.add("releaseEnd " + token + " " + blockingPoint + " " + GilReasons.kind(kind));
    }
    @Override public void dropRequested(Thread holder) { calls.add("dropRequested"); }
    @Override public void revoked(Thread holder, String holderState, long latencyNanos) { calls.add("revoked"); }
    @Override public Object operationBegin() { return null; }
    @Override public void operationEnd(Object token, String method) { }
}
