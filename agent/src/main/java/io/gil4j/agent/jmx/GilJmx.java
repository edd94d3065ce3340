package io.gil4j.agent.jmx;

import io.gil4j.agent.LiveSettings;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilReasons;
import io.gil4j.bootstrap.GilThread;
import io.gil4j.bootstrap.PlatformServerHook;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * The {@link GilMXBean} implementation: sums the threads' totals ({@link GilThread#snapshot}) on each
 * read, and every {@link #SAMPLE_SECONDS} s folds the GIL's utilization and waiters into moving averages
 * as Unix folds run queues into its load average.
 *
 * <p>Assumptions and guarantees: reads are racy snapshots (each counter whole, the sum off by at most
 * the segments that change meanwhile); threads forgotten after their last gil.Stats keep counting
 * through {@link GilThread#retired()}; registering never throws into the agent: a failure is one line.
 */
public final class GilJmx implements GilMXBean {
    public static final String NAME = "io.gil4j:type=Gil";
    static final int SAMPLE_SECONDS = 5;

    private final GilLock lock;
    private final LiveSettings settings;
    /** Subtracted from every cumulative value: what resetStatistics saw. */
    private volatile GilThread.Totals baseline;
    private volatile long handOversBaseline;
    private final MovingAverages utilization = new MovingAverages(SAMPLE_SECONDS);
    private final MovingAverages waiters = new MovingAverages(SAMPLE_SECONDS);
    private long lastHeld;
    private long lastWait;
    private long lastSample;
    /** Per thread: its held and waiting fractions' moving averages and its totals at the last sample. */
    private final Map<GilThread, ThreadAverages> perThread = new java.util.IdentityHashMap<>();

    private static final class ThreadAverages {
        final MovingAverages held = new MovingAverages(SAMPLE_SECONDS);
        final MovingAverages waiting = new MovingAverages(SAMPLE_SECONDS);
        long lastHeld;
        long lastWait;
    }

    GilJmx(GilLock lock, LiveSettings settings) {
        this.lock = lock;
        this.settings = settings;
        this.baseline = GilThread.Totals.ZERO;
        GilThread.Totals t = GilThread.sum(System.nanoTime());
        lastHeld = t.held();
        lastWait = t.waiting();
        lastSample = System.nanoTime();
    }

    /**
     * Registers the bean when the platform MBean server is created (see {@link PlatformServerHook}),
     * or at once, on a daemon thread, where the hook cannot be installed (the program names its own
     * MBean server builder) or the agent attached to a JVM that may already have the server.
     */
    public static void start(GilLock lock, LiveSettings settings, Consumer<String> warn, boolean attached) {
        Consumer<MBeanServer> register = server -> register(server, lock, settings, warn);
        // A server that exists already (a JVM started with -Dcom.sun.management.jmxremote, say) is
        // never created again: register now.
        if (!attached && MBeanServerFactory.findMBeanServer(null).isEmpty() && PlatformServerHook.install(register)) return;
        Thread t = new Thread(() -> register.accept(ManagementFactory.getPlatformMBeanServer()), "gil4j-jmx-register");
        t.setDaemon(true);
        t.start();
    }

    private static void register(MBeanServer server, GilLock lock, LiveSettings settings, Consumer<String> warn) {
        GilJmx bean = new GilJmx(lock, settings);
        try {
            server.registerMBean(bean, new ObjectName(NAME));
        } catch (Exception | LinkageError e) {
            warn.accept("JMX bean " + NAME + " not registered: " + e);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(SAMPLE_SECONDS * 1000L);
                    bean.sample();
                }
            } catch (InterruptedException e) {
                // the JVM is going away
            }
        }, "gil4j-jmx");
        t.setDaemon(true);
        t.start();
    }

    synchronized void sample() {
        long now = System.nanoTime();
        GilThread.Totals t = GilThread.sum(now);
        double seconds = (now - lastSample) / 1e9;
        if (seconds <= 0) return;
        utilization.add((t.held() - lastHeld) / 1e9 / seconds);
        waiters.add((t.waiting() - lastWait) / 1e9 / seconds);
        java.util.Set<GilThread> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) {
            GilThread st = it.next();
            seen.add(st);
            GilThread.Totals s = st.snapshot(now);
            ThreadAverages a = perThread.get(st);
            if (a == null) {
                a = new ThreadAverages(); // first seen: its totals so far are not this period's
            } else {
                a.held.add((s.held() - a.lastHeld) / 1e9 / seconds);
                a.waiting.add((s.waiting() - a.lastWait) / 1e9 / seconds);
            }
            a.lastHeld = s.held();
            a.lastWait = s.waiting();
            perThread.put(st, a);
        }
        perThread.keySet().retainAll(seen);
        lastHeld = t.held();
        lastWait = t.waiting();
        lastSample = now;
    }

    private GilThread.Totals since() {
        return GilThread.sum(System.nanoTime()).minus(baseline);
    }

    @Override public String getMode() { return settings.mode(); }

    @Override public void setMode(String mode) { settings.setMode(mode); }

    @Override public double getIntervalMillis() { return settings.intervalNanos() / 1e6; }

    @Override
    public void setIntervalMillis(double millis) {
        if (!(millis >= 0.001 && millis <= 10_000)) throw new IllegalArgumentException("interval must be 0.001 to 10000 ms");
        settings.setIntervalNanos(Math.round(millis * 1e6));
    }

    @Override public String getInclude() { return settings.include(); }

    @Override public double getHeldSeconds() { return since().held() / 1e9; }

    @Override public double getWaitingSeconds() { return since().waiting() / 1e9; }

    @Override public double getReleasedSeconds() { return since().released() / 1e9; }

    @Override
    public Map<String, Double> getReleasedSecondsByKind() {
        Map<String, Double> out = new LinkedHashMap<>();
        long[] k = since().releasedByKind();
        for (int i = 0; i < k.length; i++) out.put(GilReasons.kind(i), k[i] / 1e9);
        return out;
    }

    @Override public long getAcquisitions() { return since().acquisitions(); }

    @Override public long getSwitches() { return since().switches(); }

    @Override public long getDropRequests() { return since().dropRequests(); }

    @Override public long getRevocations() { return since().revocations(); }

    @Override public long getHandOvers() { return lock.handOvers() - handOversBaseline; }

    @Override public int getWaiters() { return lock.waiters(); }

    @Override
    public int getThreads() {
        int n = 0;
        for (Iterator<GilThread> it = GilThread.all(); it.hasNext(); it.next()) n++;
        return n;
    }

    @Override public double getUtilization1m() { return utilization.oneMinute(); }

    @Override public double getUtilization5m() { return utilization.fiveMinutes(); }

    @Override public double getUtilization15m() { return utilization.fifteenMinutes(); }

    @Override public double getMeanWaiters1m() { return waiters.oneMinute(); }

    @Override public double getMeanWaiters5m() { return waiters.fiveMinutes(); }

    @Override public double getMeanWaiters15m() { return waiters.fifteenMinutes(); }

    @Override
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    public List<GilThreadStats> getThreadStats() {
        long now = System.nanoTime();
        List<GilThreadStats> out = new ArrayList<>();
        for (Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) {
            GilThread st = it.next();
            GilThread.Totals t = st.snapshot(now);
            ThreadAverages a;
            synchronized (this) {
                a = perThread.get(st);
            }
            out.add(new GilThreadStats(st.thread.getName(), st.thread.getId(), t.held() / 1e9, t.waiting() / 1e9,
                    t.released() / 1e9, t.switches(), t.dropRequests(),
                    a == null ? 0 : a.held.oneMinute(), a == null ? 0 : a.held.fiveMinutes(), a == null ? 0 : a.held.fifteenMinutes(),
                    a == null ? 0 : a.waiting.oneMinute(), a == null ? 0 : a.waiting.fiveMinutes(),
                    a == null ? 0 : a.waiting.fifteenMinutes(), st.waitBuckets()));
        }
        return out;
    }

    @Override
    public synchronized void resetStatistics() {
        baseline = GilThread.sum(System.nanoTime());
        handOversBaseline = lock.handOvers();
    }
}
