package io.gil4j.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.gil4j.agent.AgentOptions;
import io.gil4j.agent.GilAgent;
import io.gil4j.agent.LiveSettings;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.Properties;

/**
 * {@code java -jar gil.jar attach PID [OPTIONS]} and {@code java -jar gil.jar list}: gil4j for a JVM that
 * is already running, through the JDK's attach API (as async-profiler's {@code asprof} or Byteman's
 * {@code bminstall}).
 *
 * <p>Attach checks the options here first, so a typo never reaches the target; loads the agent
 * ({@code agentmain}), or, in a JVM where gil4j already runs, changes its mode and interval live; then
 * reads back the target's {@code io.gil4j.*} system properties and prints what the target now runs.
 * Every failure is one line on stderr and exit status 2; the target is never stopped.
 */
public final class GilMain {
    private GilMain() { }

    static final String USAGE = String.join("\n",
            "usage: java -jar gil.jar attach PID [OPTIONS]   load gil4j into a running JVM, or change mode=/interval=",
            "                                                 where it already runs (OPTIONS as for -javaagent)",
            "       java -jar gil.jar list                    the local JVMs, as jcmd -l lists them");

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            switch (args[0]) {
                case "list":
                    if (args.length != 1) throw new Failure("list takes no arguments");
                    for (VirtualMachineDescriptor d : VirtualMachine.list()) out.println(d.id() + " " + d.displayName());
                    return 0;
                case "attach":
                    if (args.length < 2 || args.length > 3) throw new Failure("attach takes a process id and options: java -jar gil.jar attach PID include=...");
                    out.println(attach(args[1], args.length == 3 ? args[2] : ""));
                    return 0;
                default:
                    throw new Failure("unknown command '" + args[0] + "' (commands: attach, list, help)");
            }
        } catch (Failure f) {
            err.println("gil4j: " + f.getMessage());
            return 2;
        }
    }

    /** Attaches and returns the line to print; throws {@link Failure} with the line to print otherwise. */
    static String attach(String pidText, String options) throws Failure {
        long pid;
        try {
            pid = Long.parseLong(pidText.trim());
        } catch (NumberFormatException e) {
            throw new Failure("not a process id: '" + pidText + "'");
        }
        if (ProcessHandle.of(pid).isEmpty()) throw new Failure("no process with id " + pid);
        if (pid == ProcessHandle.current().pid()) throw new Failure("cannot attach to itself");
        // HotSpot's attach starts by sending SIGQUIT, which ends a process that is not a JVM.
        if (!mayBeJvm(pid)) throw new Failure("process " + pid + " is not a JVM");
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            throw new Failure("cannot attach to " + pid + ": " + oneLine(e)
                    + " (is it a JVM of this user, started without -XX:+DisableAttachMechanism?)");
        }
        try {
            Properties before = vm.getSystemProperties();
            boolean running = before.getProperty(LiveSettings.MODE_PROPERTY) != null;
            try {
                if (running) AgentOptions.LiveChange.parse(options);
                else AgentOptions.parse(options);
            } catch (IllegalArgumentException e) {
                throw new Failure("bad option: " + e.getMessage());
            }
            try {
                vm.loadAgent(agentJar(), options);
            } catch (AgentLoadException | IOException e) {
                String m = oneLine(e);
                if (m.contains("EnableDynamicAgentLoading") || m.toLowerCase(java.util.Locale.ROOT).contains("dynamic")) {
                    throw new Failure(pid + " does not allow agents to be loaded while it runs (JEP 451): start it with "
                            + "-XX:+EnableDynamicAgentLoading, or with -javaagent:gil.jar=" + options);
                }
                throw new Failure("could not load the agent into " + pid + ": " + m);
            } catch (AgentInitializationException e) {
                throw new Failure("the agent did not start in " + pid + " (its stderr says why)");
            }
            Properties after = vm.getSystemProperties();
            String error = after.getProperty(GilAgent.ERROR_PROPERTY);
            if (error != null) throw new Failure(pid + ": " + error);
            String now = "mode=" + after.getProperty(LiveSettings.MODE_PROPERTY)
                    + " interval=" + millis(after.getProperty(LiveSettings.INTERVAL_PROPERTY))
                    + " include=" + after.getProperty(LiveSettings.INCLUDE_PROPERTY);
            String deferred = after.getProperty(LiveSettings.DEFERRED_PROPERTY, "");
            String waiting = deferred.isEmpty() ? "" : "\n" + deferred.split(",").length + " loaded class(es) wait for frames "
                    + "that ran before the attach to return (the target's stderr names them): " + deferred;
            if (running) {
                return "gil4j in " + pid + " was mode=" + before.getProperty(LiveSettings.MODE_PROPERTY) + " interval="
                        + millis(before.getProperty(LiveSettings.INTERVAL_PROPERTY)) + ", now " + now;
            }
            return "gil4j " + after.getProperty(LiveSettings.VERSION_PROPERTY, "") + " attached to " + pid + ": " + now + waiting;
        } catch (IOException e) {
            throw new Failure("lost the connection to " + pid + ": " + oneLine(e));
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target may have exited: nothing left to release
            }
        }
    }

    /** False only when this process can tell: not among the attachable JVMs, and no libjvm in its memory map. */
    static boolean mayBeJvm(long pid) {
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(pid))) return true;
        }
        java.nio.file.Path maps = java.nio.file.Path.of("/proc", Long.toString(pid), "maps");
        try {
            return java.nio.file.Files.readString(maps).contains("libjvm");
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell (not Linux, another user): let the attach itself answer
        }
    }

    private static String millis(String nanos) {
        if (nanos == null || !nanos.endsWith("ns")) return String.valueOf(nanos);
        try {
            return java.math.BigDecimal.valueOf(Long.parseLong(nanos.substring(0, nanos.length() - 2)), 6)
                    .stripTrailingZeros().toPlainString() + "ms";
        } catch (NumberFormatException e) {
            return nanos;
        }
    }

    private static String agentJar() throws Failure {
        try {
            var src = GilMain.class.getProtectionDomain().getCodeSource();
            File f = src == null ? null : new File(src.getLocation().toURI());
            if (f == null || !f.isFile()) throw new Failure("run this from gil.jar (java -jar gil.jar attach ...)");
            return f.getAbsolutePath();
        } catch (URISyntaxException e) {
            throw new Failure("cannot find gil.jar: " + e.getMessage());
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').trim();
    }

    /** A failure whose message is the one line the user sees. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }
}
