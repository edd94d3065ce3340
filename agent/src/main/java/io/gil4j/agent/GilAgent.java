package io.gil4j.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:gil.jar=OPTIONS}. Does almost nothing itself: checks the options, puts the GIL
 * core on the bootstrap class path, and hands over to {@link AgentInstaller}. A bad option stops the
 * JVM with one line and exit status 2 rather than running a different experiment than the one asked.
 */
public final class GilAgent {
    private GilAgent() { }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail("bad option: " + e.getMessage());
            return;
        }
        try {
            BootstrapInjector.inject(inst);
            AgentInstaller.install(options, inst, attached);
        } catch (Throwable t) {
            fail("could not start: " + t);
        }
    }

    private static void fail(String line) {
        System.err.println("gil4j: " + line);
        System.err.flush();
        Runtime.getRuntime().halt(2);
    }
}
