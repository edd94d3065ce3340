package io.gil4j.bootstrap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Per-thread CPU time for the safety net; -1 where the JVM cannot tell (virtual threads, no support). */
final class CpuClock {
    private final ThreadMXBean mx;

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
