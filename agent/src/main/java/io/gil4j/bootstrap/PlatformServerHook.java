package io.gil4j.bootstrap;

import java.util.function.Consumer;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Registers gil4j's bean in the platform MBean server in the moment that server is created, so that a
 * JVM nobody looks at over JMX never creates it for gil4j.
 *
 * <p>Why: creating the platform MBean server costs 125-230 ms of CPU (JDK 17 and 25 on the project's
 * two-core machine). Done at start-up on a thread of its own, it took that much from the program's
 * first half second: a CPU-bound loop timed from {@code main} took 590 ms instead of 560 ms, as with
 * {@code jmx=false} or no agent. Clients create the server anyway when they connect (JConsole, JMC and
 * {@code gil-analyzer top} attach and start the local management agent, which creates it), and so do
 * programs that use JMX themselves.
 *
 * <p>How: the JDK builds every MBean server through the {@link MBeanServerBuilder} named by the
 * {@code javax.management.builder.initial} system property, read at each creation. The agent names
 * this class there (only when the property is unset: a program's own builder wins, and the agent then
 * registers at start-up as before). Each creation goes through {@link #newMBeanServer}; the one made
 * for {@code ManagementFactory.getPlatformMBeanServer} (found on the creating thread's stack) gets the
 * bean before that method returns, so a client that connects through it always finds the bean.
 *
 * <p>Assumptions and guarantees: the class is public with a public no-argument constructor and is
 * loaded by the bootstrap loader (it lives in the agent's bootstrap package), because the JDK looks
 * the builder up through the creating thread's context class loader or, where it has none (the attach
 * listener that starts the management agent for JConsole or {@code gil-analyzer top}), through
 * {@code java.management}'s own loader, which sees only the bootstrap class path;
 * servers a program creates for itself are built as the JDK would build them and get nothing, and once
 * the platform server exists the property is cleared again; a failure to register is one line through
 * the agent's reporter and never fails the creation.
 */
public final class PlatformServerHook extends MBeanServerBuilder {
    public static final String PROPERTY = "javax.management.builder.initial";

    /** What to register in the platform server when it is created; null once done. */
    private static volatile Consumer<MBeanServer> pending;

    /** Whether the server being built is the platform server; the JDK's instance looks at the stack. */
    private final java.util.function.BooleanSupplier buildingPlatformServer;

    /** The JDK's way in: the builder named by {@link #PROPERTY}. */
    public PlatformServerHook() {
        this(PlatformServerHook::creatingPlatformServer);
    }

    /** For tests, which cannot create their JVM's one platform server at will. */
    PlatformServerHook(java.util.function.BooleanSupplier buildingPlatformServer) {
        this.buildingPlatformServer = buildingPlatformServer;
    }

    /** True if the hook is installed: {@code register} will run when the platform server is created. */
    public static boolean install(Consumer<MBeanServer> register) {
        synchronized (PlatformServerHook.class) {
            if (System.getProperty(PROPERTY) != null) return false;
            pending = register;
            System.setProperty(PROPERTY, PlatformServerHook.class.getName());
            return true;
        }
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = super.newMBeanServer(defaultDomain, outer, delegate);
        Consumer<MBeanServer> register = pending;
        if (register != null && buildingPlatformServer.getAsBoolean()) {
            synchronized (PlatformServerHook.class) {
                if (pending == null) return server;
                pending = null;
                // Done: later servers are the program's business, built by the JDK's own builder again.
                if (PlatformServerHook.class.getName().equals(System.getProperty(PROPERTY))) System.clearProperty(PROPERTY);
            }
            register.accept(outer != null ? outer : server);
        }
        return server;
    }

    private static boolean creatingPlatformServer() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
                f.getClassName().equals("java.lang.management.ManagementFactory")
                        && f.getMethodName().equals("getPlatformMBeanServer")));
    }
}
