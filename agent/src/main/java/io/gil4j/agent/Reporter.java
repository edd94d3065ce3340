package io.gil4j.agent;

import io.gil4j.agent.jfr.InstrumentationErrorEvent;
import io.gil4j.agent.jfr.JfrActivation;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reports problems without ever blocking the thread that met them. A transformer runs inside class
 * loading, possibly while its thread holds {@code System.err}'s lock or a class-loading lock, so it
 * only queues a message; a daemon thread prints it (once per class) and writes the JFR event.
 */
public final class Reporter {
    private Reporter() { }

    /** One queued report: a class that runs without the GIL and why, or (no class) a note to print. */
    private record Report(String className, String text) {
        static Report note(String text) {
            return new Report(null, text);
        }
    }

    private static final ConcurrentLinkedQueue<Report> QUEUE = new ConcurrentLinkedQueue<>();
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean verbose;

    static void start(boolean beVerbose) {
        verbose = beVerbose;
        Thread t = new Thread(Reporter::run, "gil4j-reporter");
        t.setDaemon(true);
        t.start();
        // What is still queued at exit would be lost with the daemon thread: print it then.
        Runtime.getRuntime().addShutdownHook(new Thread(Reporter::drain, "gil4j-reporter-exit"));
    }

    /** A class could not be instrumented and runs as it was. Reported once per class. */
    public static void instrumentationFailed(String className, String message) {
        if (SEEN.add(className)) QUEUE.add(new Report(className, message));
    }

    /** A class whose instrumentation waits (after an attach): always printed, once per class. */
    static void deferred(String className, String why) {
        if (SEEN.add("deferred " + className)) QUEUE.add(Report.note(className + " is instrumented later: " + why));
    }

    /** A note always printed: something in the agent did not go as it must. */
    static void warn(String message) {
        QUEUE.add(Report.note(message));
    }

    /** A note printed only with verbose=true. */
    public static void info(String message) {
        if (verbose) QUEUE.add(Report.note(message));
    }

    private static void run() {
        while (true) {
            drain();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static synchronized void drain() {
        Report m;
        while ((m = QUEUE.poll()) != null) {
            if (m.className() == null) {
                System.err.println("gil4j: " + m.text());
                continue;
            }
            String className = m.className().replace('/', '.');
            System.err.println("gil4j: " + className + " runs without the GIL: " + m.text());
            if (!JfrActivation.active()) continue; // loading an event class would start JFR's own set-up
            InstrumentationErrorEvent e = new InstrumentationErrorEvent();
            if (e.shouldCommit()) {
                e.className = className;
                e.message = m.text();
                e.commit();
            }
        }
    }
}
