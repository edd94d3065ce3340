package io.gil4j.agent.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.gil4j.bootstrap.Gil;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * The JDK's blocking points (docs/design.md section 4, first layer): Advice retransformed into JDK
 * methods, method bodies only, so it composes with JFR's own instrumentation of the same I/O classes.
 * Natives are skipped (no body); the call sites of the native ones in instrumented code are rerouted
 * by the instrumentation instead, and the safety net covers the rest.
 */
public final class JdkBlockingHooks {
    private JdkBlockingHooks() { }

    private static final class Hook {
        final String type;
        final ElementMatcher<? super MethodDescription> methods;
        final Class<?> advice;

        Hook(String type, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
            this.type = type;
            this.methods = methods;
            this.advice = advice;
        }
    }

    /** The hooked points. The same I/O classes JFR instruments for jdk.FileRead/SocketRead & co. */
    static List<Hook> hooks() {
        return List.of(
            new Hook("java.util.concurrent.locks.LockSupport", namedOneOf("park", "parkNanos", "parkUntil"), ParkAdvice.class),
            new Hook("java.io.FileInputStream", namedOneOf("read", "readAllBytes", "readNBytes", "skip"), IoAdvice.class),
            new Hook("java.io.FileOutputStream", named("write"), IoAdvice.class),
            new Hook("java.io.RandomAccessFile", namedOneOf("read", "readFully", "write"), IoAdvice.class),
            new Hook("java.net.Socket$SocketInputStream", namedOneOf("read", "readAllBytes", "readNBytes", "skip"), IoAdvice.class),
            new Hook("java.net.Socket$SocketOutputStream", named("write"), IoAdvice.class),
            new Hook("java.net.SocketInputStream", named("read"), IoAdvice.class),
            new Hook("java.net.SocketOutputStream", named("write"), IoAdvice.class),
            new Hook("sun.nio.ch.NioSocketImpl", namedOneOf("read", "write", "accept", "connect"), IoAdvice.class),
            new Hook("sun.nio.ch.SocketChannelImpl", namedOneOf("read", "write", "connect", "finishConnect"), IoAdvice.class),
            new Hook("sun.nio.ch.ServerSocketChannelImpl", named("accept"), IoAdvice.class),
            new Hook("sun.nio.ch.DatagramChannelImpl", namedOneOf("receive", "send", "read", "write"), IoAdvice.class),
            new Hook("sun.nio.ch.FileChannelImpl", namedOneOf("read", "write", "transferTo", "transferFrom", "force"), IoAdvice.class),
            new Hook("sun.nio.ch.SelectorImpl", namedOneOf("select"), IoAdvice.class),
            new Hook("java.lang.Thread", namedOneOf("sleep", "sleepNanos"), SleepAdvice.class),
            new Hook("java.lang.Object", named("wait"), WaitAdvice.class));
    }

    /** Installs the hooks; problems are handed to {@code onError} (type name, message), never thrown. */
    public static void install(Instrumentation inst, Consumer<String[]> onError) {
        Module javaBase = Object.class.getModule();
        Module bootUnnamed = Gil.class.getModule();
        // Inlined advice in java.base names io.gil4j.bootstrap.Gil, which lives in the boot loader's
        // unnamed module: java.base must read it (OpenTelemetry and Mockito do the same).
        inst.redefineModule(javaBase, Set.of(bootUnnamed), Map.of(), Map.of(), Set.of(), Map.of());

        // One type matcher for all hooked classes and one parsed Advice per advice class: the
        // installation walks every loaded class, so the cost is per class times per matcher.
        Map<String, List<Hook>> byType = new HashMap<>();
        for (Hook h : hooks()) byType.computeIfAbsent(h.type, k -> new ArrayList<>()).add(h);
        Map<Class<?>, Advice> advice = new HashMap<>();
        for (Hook h : hooks()) advice.computeIfAbsent(h.advice, Advice::to);
        ElementMatcher.Junction<MethodDescription> withBody = not(isNative()).and(not(isAbstract()));
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
                        onError.accept(new String[] {typeName, t.getClass().getSimpleName() + ": " + t.getMessage()});
                    }
                })
                .ignore(not(namedOneOf(byType.keySet().toArray(new String[0]))))
                .type(namedOneOf(byType.keySet().toArray(new String[0])))
                .transform((b, type, loader, module, pd) -> {
                    for (Hook h : byType.getOrDefault(type.getName(), List.of())) {
                        b = b.visit(advice.get(h.advice).on(withBody.and(h.methods)));
                    }
                    return b;
                })
                .installOn(inst);
    }
}
