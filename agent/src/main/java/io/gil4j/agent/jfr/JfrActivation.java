package io.gil4j.agent.jfr;

import io.gil4j.bootstrap.GilLock;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Turns gil4j's JFR events on when JFR itself starts, not before: at once if it runs already (a
 * {@code jfr=} recording, {@code -XX:StartFlightRecording}), else the first time anything starts it
 * ({@code jcmd JFR.start}, JMC). Until then the lock reports to no listener.
 *
 * <p>Why: the first JFR event class a JVM loads costs it about 0.24 s (JFR instruments the class and
 * sets itself up; JDK 17, measured with an empty event in a Hello program), most of the agent's
 * start-up when no recording is wanted at all.
 *
 * <p>Assumptions and guarantees: the event classes are loaded and initialized, and the periodic
 * events registered, on the thread that starts JFR, before the lock's listener is swapped: program
 * threads never load an event class (nothing may be initialized under the GIL's mutex, see
 * {@code ContendedPathWarmUp}). Holds and waits that began before the swap end without an event.
 */
public final class JfrActivation {
    private JfrActivation() { }

    private static final String[] EVENTS = {"WaitEvent", "HoldEvent", "ReleaseEvent", "DropRequestEvent",
            "RevokeEvent", "OperationEvent", "StatsEvent", "InstrumentationErrorEvent", "ConfigEvent"};

    private static volatile boolean active;

    /** True once gil4j's events are registered with a running JFR. */
    public static boolean active() {
        return active;
    }

    /**
     * @param lock      whose listener becomes a {@link JfrGilListener}
     * @param configure registers the periodic events (configuration, per-thread totals), on activation
     */
    public static void install(GilLock lock, Runnable configure) {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                activate(lock, configure);
            }
        });
    }

    private static synchronized void activate(GilLock lock, Runnable configure) {
        if (active) return;
        try {
            for (String e : EVENTS) {
                Class.forName(JfrActivation.class.getPackageName() + "." + e, true, JfrActivation.class.getClassLoader());
            }
            configure.run();
            lock.setListener(new JfrGilListener());
            active = true;
        } catch (Throwable t) {
            System.err.println("gil4j: JFR events not available: " + t);
        }
    }
}
