package io.gil4j.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:gil.jar=OPTIONS}, or {@code java -jar gil.jar attach PID OPTIONS} later. Does almost
 * nothing itself: checks the options, puts the GIL core on the bootstrap class path, and hands over to
 * {@link AgentInstaller}.
 *
 * <p>At start-up a bad option stops the JVM with one line and exit status 2 rather than running a
 * different experiment than the one asked. Attached to a running JVM it never stops it: the line goes
 * to the target's stderr and to the {@value #ERROR_PROPERTY} system property, which the attaching
 * client reads and prints. An attach to a JVM where gil4j already runs changes its mode or interval
 * ({@link LiveSettings}) instead of loading a second agent.
 */
public final class GilAgent {
    private GilAgent() { }

    /** Set by an attach that failed in the target: the one line the attaching client shows. */
    public static final String ERROR_PROPERTY = "io.gil4j.error";

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        System.clearProperty(ERROR_PROPERTY);
        LiveSettings running = LiveSettings.current();
        if (running != null) {
            try {
                running.apply(AgentOptions.LiveChange.parse(args));
            } catch (IllegalArgumentException e) {
                fail(true, "bad option: " + e.getMessage());
            }
            return;
        }
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail(attached, "bad option: " + e.getMessage());
            return;
        }
        try {
            BootstrapInjector.inject(inst);
            AgentInstaller.install(options, inst, attached);
        } catch (Throwable t) {
            fail(attached, "could not start: " + t);
        }
    }

    private static void fail(boolean attached, String line) {
        System.err.println("gil4j: " + line);
        System.err.flush();
        if (attached) {
            System.setProperty(ERROR_PROPERTY, line);
            return;
        }
        Runtime.getRuntime().halt(2);
    }
}
