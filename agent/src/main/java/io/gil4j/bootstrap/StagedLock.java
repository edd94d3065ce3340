package io.gil4j.bootstrap;

/**
 * The lock that {@link Gil}'s fast paths will read, handed over before {@link Gil} is initialized.
 *
 * <p>{@link Gil} keeps that lock in a {@code static final} field, so that the JIT compiles it as a
 * constant into every inlined entry and checkpoint: the test is then a load of {@code owner} and of
 * {@code breaker} at fixed addresses, not a load of the lock first (measured in {@link Gil}'s notes).
 * A static final is set once, in {@link Gil}'s initializer, which takes what was staged here. The
 * agent stages its lock before anything touches {@link Gil}.
 *
 * <p>Assumptions and guarantees: {@link #stage} returns false once {@link Gil} has taken its lock (or
 * found none). A lock installed without being staged works all the same, through a
 * {@link ForwardingLock}'s slow paths (correct and slower: unit tests install their locks that way).
 *
 * <pre>{@code
 * GilLock lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
 * boolean fixed = StagedLock.stage(lock); // before the first use of Gil
 * Gil.install(lock);
 * }</pre>
 */
public final class StagedLock {
    private StagedLock() { }

    private static GilLock staged;
    private static boolean taken;

    /** Makes {@code lock} the one {@link Gil} fixes when it is initialized. False if that already happened. */
    public static synchronized boolean stage(GilLock lock) {
        if (taken) return false;
        staged = lock;
        return true;
    }

    /** Called once, by {@link Gil}'s static initializer: the staged lock, or null. */
    static synchronized GilLock take() {
        taken = true;
        GilLock l = staged;
        staged = null;
        return l;
    }
}
