package io.gil4j.agent.jdk;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.gil4j.agent.TempFiles;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code compilerDirective=true} (the default): a compiler directive, added at start-up as
 * {@code jcmd PID Compiler.directives_add} would add it, that keeps C1 from inlining the GIL's helpers
 * ({@code io.gil4j.bootstrap.*}). C2 is not touched: it still inlines the fast paths, and compiles
 * the slow paths it never saw taken as traps.
 *
 * <p>Why: C1 inlines every callee under 35 bytes of bytecode whether its call ever runs or not, and
 * every instrumented method calls several such helpers (the entry's test, the take behind it, the
 * exit on each way out), each with helpers of its own. On a large program the JIT's first tier then
 * compiles several times the bytecode: the Scala compiler under the agent made C1 compile 9.0 MB of
 * bytecode against 2.5 MB without it, and the compiler threads, busy three times as long, held back
 * the program's own warm-up on a small machine (BENCHMARKS.md, "The JIT's first tier"). Code
 * compiled by C1 is short-lived (profiled, then replaced by C2's), so a call there costs little.
 *
 * <p>Assumptions and guarantees: where the JVM was started with its own compiler directives or
 * compile commands ({@code -XX:CompilerDirectivesFile}, {@code -XX:CompileCommand},
 * {@code -XX:CompileCommandFile}) nothing is added, because a directive that matches every method
 * would take C1's inlining decisions away from the user's compile commands; nor where C1's code is
 * final ({@code -XX:TieredStopAtLevel} below 4: no C2 comes to inline the fast paths); likewise where
 * the JDK has no {@code jdk.management} module or refuses the command. Each such case is one line through
 * {@code info}, and the program runs as it would with {@code compilerDirective=false}.
 */
public final class C1Directive {
    private C1Directive() { }

    static final String DIRECTIVE =
            "[{ match: \"*.*\", c1: { inline: \"-io/gil4j/bootstrap/*.*\" } }]\n";

    /** The JVM's flags through which a user gives compile commands or directives of their own. */
    static final List<String> USERS_OWN = List.of("CompileCommand", "CompileCommandFile", "CompilerDirectivesFile");

    /** Adds the directive; true if the JVM took it. */
    public static boolean install(Instrumentation inst, Consumer<String> info) {
        Optional<Module> management = ModuleLayer.boot().findModule("jdk.management");
        if (management.isEmpty()) {
            info.accept("no compiler directive added: this JDK has no jdk.management module");
            return false;
        }
        Path file = null;
        try {
            // The settled start-up heap (StartupHeap) reads this bean too: its set-up is paid once.
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            String own = usersOwn(name -> option(hotspot, name));
            if (own != null) {
                info.accept("no compiler directive added: the JVM was started with " + own
                        + " (C1 inlines the GIL's helpers)");
                return false;
            }
            int lastTier = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
            if (lastTier < 4) {
                info.accept("no compiler directive added: TieredStopAtLevel=" + lastTier
                        + ", C1's code is the JIT's last word here (C1 inlines the GIL's helpers)");
                return false;
            }
            // The command itself, not the bean's invoke: that builds the descriptions of every
            // diagnostic command first (20-27 ms here, against 0.1 ms). And the bean without the platform
            // MBean server, which the agent must not create at start-up (GilJmx).
            inst.redefineModule(management.get(), Set.of(), Map.of(),
                    Map.of("com.sun.management.internal", Set.of(C1Directive.class.getModule())), Set.of(), Map.of());
            Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl", true,
                    management.get().getClassLoader());
            Method bean = impl.getDeclaredMethod("getDiagnosticCommandMBean");
            bean.setAccessible(true);
            Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            file = TempFiles.create("gil4j-directive-", ".json");
            Files.write(file, DIRECTIVE.getBytes(StandardCharsets.UTF_8));
            Object out = execute.invoke(bean.invoke(null), "Compiler.directives_add \"" + file + "\"");
            if (out == null || !String.valueOf(out).contains("1 compiler directives added")) {
                info.accept("compiler directive refused: " + String.valueOf(out).trim().replace('\n', ' '));
                return false;
            }
            return true;
        } catch (Throwable e) {
            info.accept("no compiler directive added (" + e + ")");
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a file in the temporary directory, left behind
                }
            }
        }
    }

    /**
     * The first of {@link #USERS_OWN} that the JVM was given (on its command line, in
     * {@code JAVA_TOOL_OPTIONS}, anywhere but its defaults), as {@code -XX:NAME=VALUE}; null if none.
     *
     * @param option the JVM's flag by name; null where this JVM has no such flag (a diagnostic flag
     *               not unlocked: then nobody set it)
     */
    static String usersOwn(Function<String, VMOption> option) {
        for (String name : USERS_OWN) {
            VMOption o = option.apply(name);
            if (o != null && o.getOrigin() != VMOption.Origin.DEFAULT) {
                return "-XX:" + name + "=" + o.getValue().replace('\n', ',');
            }
        }
        return null;
    }

    private static VMOption option(HotSpotDiagnosticMXBean hotspot, String name) {
        try {
            return hotspot.getVMOption(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
