package io.gil4j.bootstrap;

/**
 * {@link Gil}'s fixed lock in a JVM where none was {@link StagedLock staged}: unit tests and benchmarks
 * that install a lock of their own, one or many. It never holds; it forwards every slow path to the
 * installed lock, after that lock's own fast test, so instrumented code behaves as if the installed
 * lock were the fixed one, only by a longer way.
 *
 * <p>Once a lock is installed, this lock's breaker stays set: {@link Gil}'s fast paths read this
 * lock's {@code owner} (never the caller), {@code breaker} and {@code breakerHint} (never clear), so
 * every entry and checkpoint takes its slow path, and lands here.
 */
final class ForwardingLock extends GilLock {
    private volatile GilLock target = new GilLock(Mode.DISABLED, 5_000_000L, 100);

    private ForwardingLock() {
        super(Mode.DISABLED, 5_000_000L, 100);
    }

    /** Declared as a GilLock, so that verifying {@link Gil} does not load this class. */
    static GilLock create() {
        return new ForwardingLock();
    }

    GilLock target() {
        return target;
    }

    void forwardTo(GilLock lock) {
        target = lock;
        breaker = DROP;
        breakerHint = 1;
    }

    @Override
    boolean enterOrCheckpointSlow(Thread t) {
        GilLock l = target;
        return (l.owner != t || l.breakerHint != 0) && l.enterOrCheckpointSlow(t);
    }

    @Override
    boolean enterSlow(Thread t) {
        GilLock l = target;
        return l.owner != t && l.enterSlow(t);
    }

    @Override
    boolean enterLeafSlow(Thread t) {
        GilLock l = target;
        return l.owner != t && l.enterLeafSlow(t);
    }

    @Override
    void checkpointSlow(Thread t) {
        GilLock l = target;
        if (l.breaker != 0) l.checkpointSlow(t);
    }

    @Override
    void afterCallSlow(Thread t) {
        GilLock l = target;
        if (l.breakerHint != 0) l.afterCallSlow(t);
    }

    @Override
    void exitSlow(Thread t) {
        target.exitSlow(t);
    }

    @Override
    void enterClinit() {
        target.enterClinit();
    }

    @Override
    void exitClinit() {
        target.exitClinit();
    }

    @Override
    boolean beginBlocking(Thread t, String point, int kind) {
        return target.beginBlocking(t, point, kind);
    }

    @Override
    void endBlocking() {
        target.endBlocking();
    }

    @Override
    Object operationBegin() {
        return target.operationBegin();
    }

    @Override
    void operationEnd(Object token, String method) {
        target.operationEnd(token, method);
    }
}
