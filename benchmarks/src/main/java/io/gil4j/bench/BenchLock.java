package io.gil4j.bench;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.StagedLock;

/**
 * The GIL for benchmarks that call {@link Gil} in process, without the agent: one lock per JVM, staged
 * before the first use of {@link Gil} as the agent stages its own, so that the fast paths read it as a
 * constant, as they do under the agent. A lock installed without staging would be reached through a
 * forwarding lock's slow paths, and the benchmark would time those.
 */
public final class BenchLock {
    private BenchLock() { }

    private static GilLock lock;

    /** The JVM's lock in mode GIL, created and installed on the first call, with this interval from now on. */
    public static GilLock staged(long intervalNanos) {
        return staged(GilLock.Mode.GIL, intervalNanos);
    }

    /** The same in a given mode; a JVM's lock keeps the mode it was created with. */
    public static synchronized GilLock staged(GilLock.Mode mode, long intervalNanos) {
        if (lock == null) {
            GilLock l = new GilLock(mode, intervalNanos, 100);
            if (!StagedLock.stage(l)) throw new IllegalStateException("Gil was used before its lock was staged");
            Gil.install(l);
            lock = l;
        }
        if (lock.mode() != mode) throw new IllegalStateException("this JVM's lock is in mode " + lock.mode());
        lock.setIntervalNanos(intervalNanos);
        return lock;
    }
}
