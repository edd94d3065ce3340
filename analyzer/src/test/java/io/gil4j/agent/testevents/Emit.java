package io.gil4j.agent.testevents;

import io.gil4j.analyzer.GilEventNames;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Emits the test events the way the agent would, from the calling thread; durations are real (the
 * emitter spins for them) because JFR takes event times from the clock. Lives under io.gil4j.* so
 * its frames are dropped from wait stacks, like the agent's.
 */
public final class Emit {
    private Emit() {
    }

    /** Stats counters: outside = wall - held - wait - released. */
    public record StatsSpec(long wall, long held, long waiting, long releasedIo, long releasedSleep, long releasedLock,
                            long acquisitions, long switches, long dropRequests, long revocations) {
        public long released() {
            return releasedIo + releasedSleep + releasedLock;
        }
    }

    public interface Scenario {
        void run() throws Exception;
    }

    /** Records the scenario into file with every gil event enabled, threshold 0, stack traces on. */
    public static Path record(Path file, Scenario scenario) throws Exception {
        // like the agent, declare every event type up front, so recordings without some events still know them
        for (Class<?> c : GilTestEvents.class.getDeclaredClasses()) {
            if (jdk.jfr.Event.class.isAssignableFrom(c)) {
                jdk.jfr.FlightRecorder.register(c.asSubclass(jdk.jfr.Event.class));
            }
        }
        try (Recording r = new Recording()) {
            for (String name : GilEventNames.ALL) {
                r.enable(name).withThreshold(Duration.ZERO);
            }
            r.enable(GilEventNames.WAIT).withStackTrace();
            r.start();
            scenario.run();
            r.stop();
            r.dump(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    public static void config(String mode, long intervalNanos, int checkInterval, String options) {
        GilTestEvents.Config c = new GilTestEvents.Config();
        c.mode = mode;
        c.interval = intervalNanos;
        c.checkInterval = checkInterval;
        c.include = "com.example.**";
        c.waitThreshold = 0;
        c.holdThreshold = 0;
        c.statsPeriod = 1_000_000_000L;
        c.options = options;
        c.javaVersion = System.getProperty("java.version");
        c.cores = Runtime.getRuntime().availableProcessors();
        c.agentVersion = "test";
        c.monitorEvents = true;
        c.commit();
    }

    public static void waitFor(String reason, int waiters, long nanos) {
        GilTestEvents.Wait w = new GilTestEvents.Wait();
        w.begin();
        spin(nanos);
        w.reason = reason;
        w.waiters = waiters;
        w.commit();
    }

    public static void hold(String endReason, long checkpoints, long nanos) {
        GilTestEvents.Hold h = new GilTestEvents.Hold();
        h.begin();
        spin(nanos);
        h.endReason = endReason;
        h.checkpoints = checkpoints;
        h.commit();
    }

    public static void release(String kind, String blockingPoint, long nanos) {
        GilTestEvents.Release r = new GilTestEvents.Release();
        r.begin();
        spin(nanos);
        r.kind = kind;
        r.blockingPoint = blockingPoint;
        r.commit();
    }

    public static void dropRequest(Thread holder) {
        GilTestEvents.DropRequest d = new GilTestEvents.DropRequest();
        d.holder = holder;
        d.commit();
    }

    public static void revoke(Thread holder, String state) {
        GilTestEvents.Revoke r = new GilTestEvents.Revoke();
        r.holder = holder;
        r.holderState = state;
        r.latency = 400_000L;
        r.commit();
    }

    public static void operation(String method, long nanos) {
        GilTestEvents.Operation o = new GilTestEvents.Operation();
        o.begin();
        spin(nanos);
        o.method = method;
        o.commit();
    }

    public static void stats(Thread t, StatsSpec s) {
        GilTestEvents.Stats e = new GilTestEvents.Stats();
        e.gilThread = t;
        e.gilThreadId = t.getId();
        e.gilThreadName = t.getName();
        e.wallNanos = s.wall();
        e.heldNanos = s.held();
        e.waitNanos = s.waiting();
        e.releasedNanos = s.released();
        e.releasedIoNanos = s.releasedIo();
        e.releasedSleepNanos = s.releasedSleep();
        e.releasedLockNanos = s.releasedLock();
        e.outsideNanos = s.wall() - s.held() - s.waiting() - s.released();
        e.acquisitions = s.acquisitions();
        e.switches = s.switches();
        e.dropRequests = s.dropRequests();
        e.revocations = s.revocations();
        e.releases = s.released() > 0 ? Math.max(1, s.acquisitions()) : 0;
        e.cpuNanos = s.held();
        e.commit();
    }

    public static void instrumentationError(String className, String message) {
        GilTestEvents.InstrumentationError e = new GilTestEvents.InstrumentationError();
        e.className = className;
        e.message = message;
        e.commit();
    }

    public static void spin(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
