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
    /** Set by {@link #ready}: the agent has finished starting, the periodic events may be registered. */
    private static boolean started;
    private static boolean configured;
    private static Runnable configure;
    private static Runnable onActivation;

    /** True once gil4j's events are registered with a running JFR. */
    public static boolean active() {
        return active;
    }

    /**
     * @param lock         whose listener becomes a {@link JfrGilListener}
     * @param stats        registers the per-thread totals' periodic event: on activation, at once. Before
     *                     any recording of ours starts, so JFR's periodic thread, which naps until the next
     *                     event it knows is due (up to a second) and is not woken when one is added, plans
     *                     the first period from the recording's start. Registered at {@link #ready}, a
     *                     {@code jfr=} recording's first samples came 0.8-1 s after the start, and a short
     *                     program's prediction had one period where it should have had ten
     * @param periodic     registers the configuration's periodic event: on activation, but never before
     *                     {@link #ready}
     */
    public static void install(GilLock lock, Runnable stats, Runnable periodic) {
        synchronized (JfrActivation.class) {
            configure = periodic;
            onActivation = stats;
        }
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                activate(lock);
            }
        });
    }

    private static synchronized void activate(GilLock lock) {
        if (active) return;
        try {
            for (String e : EVENTS) {
                Class.forName(JfrActivation.class.getPackageName() + "." + e, true, JfrActivation.class.getClassLoader());
            }
            // The first event committed initializes JFR's writer classes. Drop requests and revocations
            // are committed under the GIL's mutex, and Bits' initializer contends for a monitor, whose
            // JVMTI hook releases the GIL and so needs that mutex: a program's first hold event and
            // first drop request at the same moment deadlocked (seen in CI: a countdown starting two
            // threads at once under jfr=). So those classes are initialized here, before the listener
            // can be called (the writer class moved in JDK 22; absent names are skipped).
            for (String c : new String[] {"jdk.jfr.internal.Bits", "jdk.jfr.internal.EventWriter",
                    "jdk.jfr.internal.event.EventWriter"}) {
                try {
                    Class.forName(c, true, null);
                } catch (ClassNotFoundException notInThisJdk) {
                    // another JDK's layout
                }
            }
            if (onActivation != null) onActivation.run();
            lock.setListener(new JfrGilListener());
            active = true;
            if (started) configureOnce();
        } catch (Throwable t) {
            System.err.println("gil4j: JFR events not available: " + t);
        }
    }

    /**
     * The agent has finished starting. The periodic events are registered only from here on: a
     * configuration written at a recording's start during the agent's own start-up would say what is
     * not installed yet (the JVMTI helper), and its time stamp would open the run early, counting the
     * agent's start-up as wall time in which the GIL was idle (measured: utilization 80% instead of 96%
     * for two CPU-bound threads).
     */
    public static synchronized void ready() {
        started = true;
        if (active) configureOnce();
    }

    private static void configureOnce() {
        if (configured || configure == null) return;
        configured = true;
        try {
            configure.run();
        } catch (Throwable t) {
            System.err.println("gil4j: JFR periodic events not registered: " + t);
        }
    }
}
