package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.GilThread;
import java.util.Iterator;
import jdk.jfr.FlightRecorder;

/**
 * Writes {@code gil.Stats}: one event per thread per period (JFR's periodic hook, period from the
 * recording's settings) and a last one for every thread at exit. A thread that died gets one final
 * event and is then forgotten, so the registry does not grow with the number of threads ever run.
 */
public final class StatsSampler {
    private StatsSampler() { }

    private static final Runnable HOOK = StatsSampler::emitAll;

    public static void register() {
        FlightRecorder.addPeriodicEvent(StatsEvent.class, HOOK);
    }

    /** One event per known thread, now. Also called at shutdown, before the recording is written. */
    public static synchronized void emitAll() {
        StatsEvent probe = new StatsEvent();
        if (!probe.isEnabled()) return;
        long now = System.nanoTime();
        for (Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) {
            GilThread st = it.next();
            boolean dead = !st.thread.isAlive();
            // A dead thread's totals end when it last left instrumented code, not at this sample.
            emit(st, dead && st.phase() == GilThread.OUTSIDE ? st.lastChangeNanos() : now);
            if (dead) GilThread.forget(st);
        }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static void emit(GilThread st, long now) {
        long[] s = st.snapshot(now);
        StatsEvent e = new StatsEvent();
        e.gilThread = st.thread;
        e.gilThreadId = st.thread.getId();
        e.gilThreadName = st.thread.getName();
        e.wallNanos = s[0];
        e.heldNanos = s[1];
        e.waitNanos = s[2];
        e.releasedNanos = s[3];
        e.outsideNanos = s[4];
        e.releasedIoNanos = s[5];
        e.releasedSleepNanos = s[6];
        e.releasedLockNanos = s[7];
        e.releasedWaitNanos = s[8];
        e.releasedUserNanos = s[9];
        e.acquisitions = s[10];
        e.switches = s[11];
        e.dropRequests = s[12];
        e.revocations = s[13];
        e.commit();
    }
}
