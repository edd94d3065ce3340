package io.gil4j.bootstrap;

/**
 * What instrumented code calls. Every method here is static, tiny and meant to be inlined by the JIT:
 * the fast paths are one read of {@code owner} against the current thread and one read of the breaker
 * word; everything else is in {@link GilLock}.
 *
 * <p>Assumptions and guarantees: this class is loaded by the bootstrap class loader (the agent appends
 * it to the bootstrap search path) so that any class, JDK classes included, can call it. A lock
 * {@link StagedLock staged} before this class is initialized is live from then on (the agent calls
 * nothing here but the checkpoint priming before its set-up is done); otherwise, until {@link #install}
 * runs, every call is a no-op ({@link GilLock.Mode#DISABLED}).
 *
 * <p>The bytecode the agent emits around an instrumented method (see the agent's
 * {@code GilMethodVisitor}):
 * <pre>{@code
 * boolean acquired = Gil.enter();           // take the GIL if this thread does not hold it
 * try {
 *     ... Gil.checkpoint(); ...              // at loop back-edges and after calls to uninstrumented code
 *     boolean released = Gil.beginBlocking("java.lang.Thread.sleep", KIND_SLEEP);
 *     try { Thread.sleep(10); } finally { Gil.endBlocking(released); }
 * } finally {
 *     Gil.exit(acquired);                    // only the frame that took it gives it back
 * }
 * }</pre>
 */
public final class Gil {
    private Gil() { }

    /*
     * The lock is a static final, so that the JIT compiles it as a constant into every inlined entry and
     * checkpoint: the test is two loads at fixed addresses (owner, breaker), where a plain static costs
     * a third one before them, on every call of every instrumented method, and the slow-path calls
     * are bound to GilLock's methods directly. Measured against the plain static (2026-12-04, BENCHMARKS.md
     * "The lock as a constant"): `exceptions` 0.95x on one thread (JDK 17), contended `trees`,
     * `megamorphic` and `exceptions` 0.87-0.99x, the other shapes within their noise.
     *
     * A static final is set once, when this class is initialized: to the lock the agent staged
     * (StagedLock) before anything touched this class. Where nothing was staged (unit tests,
     * benchmarks that install a lock per run) it is a ForwardingLock, which never holds, keeps its
     * breaker set once a lock is installed, and forwards every slow path to that lock: the same
     * semantics by a longer way. The routing lives in the forwarding lock's slow paths, not here:
     * a routing step in Gil's own slow paths (a second static for the installed lock, read there) made
     * contended `exceptions` 1.06x and, read directly in the slow-path call, 1.37-1.44x slower.
     */
    private static final GilLock LOCK = fixed();

    private static GilLock fixed() {
        GilLock staged = StagedLock.take();
        return staged != null ? staged : ForwardingLock.create();
    }

    /**
     * Installs the lock every instrumented class will use. Call before any instrumented code runs. The
     * fast paths read it directly only if it is the lock that was {@link StagedLock#stage staged}, which
     * then stays installed: installing another one is an error.
     */
    public static synchronized void install(GilLock l) {
        if (l == LOCK) return;
        if (!(LOCK instanceof ForwardingLock f)) {
            throw new IllegalStateException("the GIL was fixed at start-up (StagedLock): another lock cannot be installed");
        }
        f.forwardTo(l);
        OffThreads.clear(); // the table is the installed lock's
    }

    /** The installed lock. */
    public static GilLock lock() {
        return LOCK instanceof ForwardingLock f ? f.target() : LOCK;
    }

    /** True if the fast paths read the installed lock itself (the agent's case), not through a forwarding one. */
    public static boolean fastPathsReadInstalled() {
        return !(LOCK instanceof ForwardingLock);
    }

    /**
     * Method entry: a checkpoint if this thread holds the GIL, a take otherwise. True if it took it. The
     * checkpoint reads the breaker's plain hint: entries the JIT inlined into one another share it.
     */
    public static boolean enter() {
        // Kept under 35 bytes of bytecode (-XX:MaxInlineSize), so even C1 and lukewarm call sites inline it.
        GilLock l = LOCK;
        Thread t = Thread.currentThread();
        if (l.runsInside(t) && l.breakerHint == 0) return false;
        return l.enterOrCheckpointSlow(t);
    }

    /**
     * Entry of a leaf method (no loops, no calls but trivial JDK ones): a take if this thread does not
     * hold the GIL, otherwise nothing. It skips {@link #enter}'s checkpoint because a leaf runs for
     * nanoseconds and its caller checks at its next back-edge or call; a revoked thread still finds
     * {@code owner} is not itself and goes through the slow path.
     */
    public static boolean enterLeaf() {
        GilLock l = LOCK;
        Thread t = Thread.currentThread();
        return l.owner != t && l.enterLeafSlow(t);
    }

    /**
     * A leaf's entry test, which the instrumenter emits with the branch on its result in the leaf's own
     * bytecode: {@code flag = false; if (!Gil.needsNothing()) flag = Gil.enterLeafOutside();}. True if
     * this thread needs nothing to run the leaf: it holds the GIL, or it runs nested in OFF.
     *
     * <p>Why not {@link #enterLeaf}: the JIT profiles a branch where its bytecode is, and the branch
     * inside {@code enterLeaf} is shared by every leaf of the program. One leaf entered from outside
     * anywhere (a callback, a task's first method) made the call to the slow path part of every leaf
     * that the JIT inlined, and a call that returns into a loop ends the loop's optimizations: nothing
     * is hoisted across it, nothing unrolled or vectorized (a stream pipeline whose lambdas are
     * instrumented ran 4-10x slower with two threads in OFF). With the branch in the leaf, a leaf
     * only ever entered from inside compiles the slow path as a trap that is never hit.
     *
     * <p>It reads the lock {@code Gil} was initialized with, not through it: with a
     * {@link ForwardingLock} (unit tests) only OFF's table can say yes, and a leaf of a thread that holds
     * the installed lock goes the long way.
     */
    public static boolean needsNothing() {
        GilLock l = LOCK;
        Thread t = Thread.currentThread();
        return l.owner == t || OffThreads.holds(t); // not runsInside: a level less where leaves sit deep
    }

    /** A leaf entered by a thread that {@link #needsNothing} said no to: a take. True if it took the GIL. */
    public static boolean enterLeafOutside() {
        return LOCK.enterLeafSlow(Thread.currentThread());
    }

    /** Method exit (normal or exceptional) of a frame; releases the GIL if that frame took it. */
    public static void exit(boolean acquired) {
        if (acquired) LOCK.exitSlow(Thread.currentThread());
    }

    /** Entry of a class initializer: like {@link #enter} but no drop request is honoured inside it. */
    public static boolean enterClinit() {
        boolean acquired = enter();
        LOCK.enterClinit();
        return acquired;
    }

    public static void exitClinit(boolean acquired) {
        LOCK.exitClinit();
        exit(acquired);
    }

    /**
     * The checkpoint after a call into uninstrumented code: a plain read of the breaker's hint
     * ({@code GilLock.breakerHint}), which the JIT may read once for a loop into which it inlined the
     * call, and reads again after a call that stayed a call; the breaker itself only when the hint is set.
     */
    public static void afterCall() {
        GilLock l = LOCK;
        if (l.breakerHint != 0) l.afterCallSlow(Thread.currentThread());
    }

    /**
     * Entry of a method only callers that hold the GIL reach (a held copy, a private method whose callers
     * all hold it) that is no leaf and calls instrumented code (the others have no entry check: only a
     * recursion needs it): the plain hint's test, as {@link #afterCall}, so that entries the
     * JIT inlined into a loop share one read and keep no load of the loop's after them; the loop's own
     * checkpoints serve a request there, and an entry that stayed a call reads the hint again. A
     * volatile read here made a lexer's token loop, which inlines its scanners' copies, 1.1x slower
     * (2026-12-06). A method of its own, so that its branch's profile is not the calls' one.
     */
    public static void heldEntry() {
        GilLock l = LOCK;
        if (l.breakerHint != 0) l.afterCallSlow(Thread.currentThread());
    }

    /**
     * The call-site hint ({@code GilLock.breakerHint}), 0 or 1, for a call inside a strip-mined loop: set,
     * it ends the loop's chunk, and the checkpoint between chunks serves the request. A plain read.
     */
    public static int callHint() {
        return LOCK.breakerHint;
    }

    /** The eval breaker: one volatile read unless a drop was requested or a revocation is pending. */
    public static void checkpoint() {
        GilLock l = LOCK;
        if (l.breaker != 0) l.checkpointSlow(Thread.currentThread());
    }

    /**
     * Before a blocking call ({@code Py_BEGIN_ALLOW_THREADS}).
     *
     * @param point what blocks, e.g. {@code java.net.Socket$SocketInputStream.read}
     * @param kind  one of {@code GilReasons.KIND_*}
     * @return true if the GIL was released, to be passed to {@link #endBlocking}
     */
    public static boolean beginBlocking(String point, int kind) {
        return LOCK.beginBlocking(Thread.currentThread(), point, kind);
    }

    /** After the blocking call ({@code Py_END_ALLOW_THREADS}), normal or exceptional. */
    public static void endBlocking(boolean released) {
        if (released) LOCK.endBlocking();
    }

    /** Start of a {@code throughput=} method: a token for {@link #operationEnd}, or null. */
    public static Object operationBegin() {
        return LOCK.operationBegin();
    }

    public static void operationEnd(Object token, String method) {
        if (token != null) LOCK.operationEnd(token, method);
    }
}
