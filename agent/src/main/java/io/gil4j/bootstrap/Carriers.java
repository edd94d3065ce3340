package io.gil4j.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The platform thread that a virtual thread runs on right now, for the safety net: a virtual holder's
 * own CPU time is unknown to the JVM, its carrier's is not. A virtual holder that waits inside the JVM
 * (for another thread's class initialization) stays RUNNABLE to Java and keeps its carrier, whose CPU
 * time stops; without this the net could not tell it from a running one, and a program in which the
 * initializing thread itself needs the GIL hung.
 *
 * <p>Assumptions and guarantees: reads the JDK's private {@code java.lang.VirtualThread.carrierThread}
 * (JDK 21 to 25), which needs {@code java.lang} opened to this class's module (the agent does it before
 * {@link #init}); where that is not possible, {@link #of} answers null and the net behaves as before.
 * It never throws.
 */
public final class Carriers {
    private Carriers() { }

    private static volatile VarHandle carrier;

    /** Looks the field up once; call before the lock is installed (no reflection under the GIL's mutex). */
    public static void init() {
        try {
            Class<?> vt = Class.forName("java.lang.VirtualThread", false, null); // not initialized: that starts its threads
            carrier = MethodHandles.privateLookupIn(vt, MethodHandles.lookup()).findVarHandle(vt, "carrierThread", Thread.class);
        } catch (Throwable unavailable) {
            return; // JDK 17, or the field is not there or not open: no carriers
        }
        try {
            // Link the access path now, not first under the mutex; a platform thread is the wrong type,
            // and creating a virtual thread here would start the JDK's virtual-thread machinery in
            // programs that never use it.
            read(carrier, Thread.currentThread());
        } catch (ClassCastException expected) {
            // linked
        } catch (Throwable ignored) {
            // only a warm-up
        }
    }

    /** The carrier of the virtual thread {@code t} if it is mounted; null otherwise or when unknown. */
    static Thread of(Thread t) {
        VarHandle h = carrier;
        if (h == null) return null;
        try {
            return read(h, t);
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * {@code t.getState()}, without the monitor a virtual thread's own answer takes when it is mounted
     * (JDK 21 to 25 lock its interrupt lock to read the carrier's state). The safety net asks under the
     * GIL's mutex, and a thread that got that lock after contention, say to interrupt the holder, waits
     * for the GIL in the JVMTI callback while holding it: asking the thread itself could deadlock. The
     * carrier's state is what the JDK answers for a mounted virtual thread; an unmounted one answers
     * from its own state field, without a lock (a mount in between is the one window left).
     */
    static Thread.State stateOf(Thread t, boolean virtual) {
        if (virtual) {
            Thread c = of(t);
            if (c != null) return c.getState();
        }
        return t.getState();
    }

    private static Thread read(VarHandle h, Thread t) {
        return (Thread) h.getVolatile(t);
    }
}
