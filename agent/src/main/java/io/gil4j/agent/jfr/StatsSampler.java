package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilReasons;
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
            if (dead) Gil.lock().forget(st);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** The thread's CPU time (what predict uses as demand on a busy machine), -1 where unknown. */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static long cpuNanos(Thread t) {
        try {
            return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled() ? THREADS.getThreadCpuTime(t.getId()) : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static void emit(GilThread st, long now) {
        GilThread.Totals s = st.snapshot(now);
        StatsEvent e = new StatsEvent();
        e.gilThread = st.thread;
        e.gilThreadId = st.thread.getId();
        e.gilThreadName = st.thread.getName();
        e.wallNanos = s.wall();
        e.heldNanos = s.held();
        e.waitNanos = s.waiting();
        e.releasedNanos = s.released();
        e.outsideNanos = s.outside();
        e.releasedIoNanos = s.releasedByKind()[GilReasons.KIND_IO];
        e.releasedSleepNanos = s.releasedByKind()[GilReasons.KIND_SLEEP];
        e.releasedLockNanos = s.releasedByKind()[GilReasons.KIND_LOCK];
        e.releasedWaitNanos = s.releasedByKind()[GilReasons.KIND_WAIT];
        e.releasedUserNanos = s.releasedByKind()[GilReasons.KIND_USER];
        e.acquisitions = s.acquisitions();
        e.switches = s.switches();
        e.dropRequests = s.dropRequests();
        e.revocations = s.revocations();
        e.releases = s.releases();
        e.cpuNanos = cpuNanos(st.thread);
        e.commit();
    }
}
