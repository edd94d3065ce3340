package io.gil4j.bootstrap;

/**
 * The lock that {@link Gil}'s fast paths will read, handed over before {@link Gil} is initialized.
 *
 * <p>{@link Gil} keeps that lock in a {@code static final} field, so that the JIT compiles it as a
 * constant into every inlined entry and checkpoint: the test is then a load of {@code owner} and of
 * {@code breaker} at fixed addresses, not a load of the lock first (measured: `megamorphic` 0.48 to
 * 0.42 s on one thread; see {@link Gil}). A static final is set once, in {@link Gil}'s initializer,
 * which takes what was staged here. The agent stages its lock before anything touches {@link Gil}.
 *
 * <p>Assumptions and guarantees: {@link #stage} returns false once {@link Gil} has taken its lock (or
 * found none); a lock staged too late is still installed by {@link Gil#install}, and reached through
 * the slow paths only (correct, and slower: unit tests that install a lock per test run that way).
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
