package io.gil4j.bootstrap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Per-thread CPU time for the safety net, -1 where the JVM cannot tell (virtual threads, no support);
 * and how many collections the GCs have done, so that a holder stopped by a GC pause is not taken for
 * a stuck one.
 */
final class CpuClock {
    private final ThreadMXBean mx;
    private final List<GarbageCollectorMXBean> gcs;

    CpuClock() {
        ThreadMXBean m = null;
        try {
            m = ManagementFactory.getThreadMXBean();
            if (!m.isThreadCpuTimeSupported()) m = null;
            else if (!m.isThreadCpuTimeEnabled()) m.setThreadCpuTimeEnabled(true);
        } catch (Throwable ignored) {
            m = null;
        }
        mx = m;
        List<GarbageCollectorMXBean> g;
        try {
            g = ManagementFactory.getGarbageCollectorMXBeans();
        } catch (Throwable ignored) {
            g = List.of();
        }
        gcs = g;
    }

    /** Collections done by all GCs so far (pauses and concurrent cycles alike). */
    long collections() {
        long n = 0;
        for (GarbageCollectorMXBean b : gcs) {
            long c = b.getCollectionCount();
            if (c > 0) n += c;
        }
        return n;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    long cpuTimeNanos(Thread t) {
        if (mx == null) return -1;
        try {
            return mx.getThreadCpuTime(t.getId());
        } catch (Throwable e) {
            return -1;
        }
    }
}
