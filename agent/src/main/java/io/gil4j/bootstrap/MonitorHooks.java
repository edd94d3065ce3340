package io.gil4j.bootstrap;

/**
 * Where gil4j's JVMTI helper (agent/src/main/native) calls in: a thread is about to block entering
 * a contended {@code synchronized} or in {@code Object.wait}, and later is done blocking. A thread
 * that holds the GIL releases it here and takes it back after, as CPython does around a blocking
 * acquire, in every class, instrumented or not, JDK included. Without the helper the safety net's
 * probe finds such holders (docs/design.md section 4), later.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>The JVM calls {@link #blocking} and {@link #unblocked} in pairs on the blocking thread, the
 *     first before it blocks, the second once it has the monitor (enter) or has stopped waiting
 *     (wait); the helper never nests them.</li>
 * <li>Only a thread that holds the GIL releases it; the pair is a no-op for every other thread, for
 *     a holder inside the lock's own code, and when a hook already released around the same wait
 *     (an advised {@code Object.wait}).</li>
 * <li>Nothing here enters a monitor: the GIL core uses {@code java.util.concurrent} locks only.</li>
 * </ul>
 */
public final class MonitorHooks {
    private MonitorHooks() { }

    /** The JVMTI events' kinds, as the helper passes them. */
    static final int ENTER = 0;
    static final int WAIT = 1;

    private static final String ENTER_POINT = "monitorenter";
    private static final String WAIT_POINT = "java.lang.Object.wait";

    private static volatile boolean active;

    /** True once the JVMTI events are on: monitors no longer need the safety net's probe. */
    public static boolean active() {
        return active;
    }

    /**
     * Turns the events on, once the helper is {@link NativeHelper#load loaded}. Returns 0 on success,
     * else the helper's code (see gil4j_monitors.c).
     */
    public static int install() {
        int rc = install0();
        if (rc == 0) active = true;
        return rc;
    }

    private static native int install0();

    /** The thread is about to block ({@link #ENTER} or {@link #WAIT}). */
    static void blocking(int kind) {
        GilThread st = GilThread.peek();
        if (st == null || st.phase != GilThread.HELD || st.monitorReleased) return;
        boolean enter = kind == ENTER;
        st.monitorReleased = Gil.beginBlocking(enter ? ENTER_POINT : WAIT_POINT,
                enter ? GilReasons.KIND_LOCK : GilReasons.KIND_WAIT);
    }

    /** The thread got the monitor, or stopped waiting: take the GIL back if {@link #blocking} gave it up. */
    static void unblocked(int kind) {
        GilThread st = GilThread.peek();
        if (st == null || !st.monitorReleased) return;
        st.monitorReleased = false;
        Gil.endBlocking(true);
    }
}
