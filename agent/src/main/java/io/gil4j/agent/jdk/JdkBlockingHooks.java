package io.gil4j.agent.jdk;

import io.gil4j.agent.instrument.BlockingMethodWeaver;
import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilReasons;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The JDK's blocking points (docs/design.md section 4, first layer): the bodies of JDK methods that
 * block are wrapped in a release of the GIL ({@link BlockingMethodWeaver}), in classes already loaded
 * (retransformed) and in those loaded later. Natives are skipped (no body); the call sites of the
 * native ones in instrumented code are rerouted by the instrumentation instead, and the safety net
 * covers the rest.
 */
public final class JdkBlockingHooks {
    private JdkBlockingHooks() { }

    /** The hooked points: class (internal name), then method name to kind. The I/O classes are those JFR instruments. */
    static Map<String, Map<String, Integer>> hooks() {
        Map<String, Map<String, Integer>> h = new HashMap<>();
        int io = GilReasons.KIND_IO;
        put(h, "java/util/concurrent/locks/LockSupport", GilReasons.KIND_LOCK, "park", "parkNanos", "parkUntil");
        put(h, "java/io/FileInputStream", io, "read", "readAllBytes", "readNBytes", "skip");
        put(h, "java/io/FileOutputStream", io, "write");
        put(h, "java/io/RandomAccessFile", io, "read", "readFully", "write");
        put(h, "java/net/Socket$SocketInputStream", io, "read", "readAllBytes", "readNBytes", "skip");
        put(h, "java/net/Socket$SocketOutputStream", io, "write");
        put(h, "java/net/SocketInputStream", io, "read");
        put(h, "java/net/SocketOutputStream", io, "write");
        put(h, "sun/nio/ch/NioSocketImpl", io, "read", "write", "accept", "connect");
        put(h, "sun/nio/ch/SocketChannelImpl", io, "read", "write", "connect", "finishConnect");
        put(h, "sun/nio/ch/ServerSocketChannelImpl", io, "accept");
        put(h, "sun/nio/ch/DatagramChannelImpl", io, "receive", "send", "read", "write");
        put(h, "sun/nio/ch/FileChannelImpl", io, "read", "write", "transferTo", "transferFrom", "force");
        put(h, "sun/nio/ch/SelectorImpl", io, "select");
        put(h, "java/lang/Thread", GilReasons.KIND_SLEEP, "sleep", "sleepNanos");
        // The JVM's start0 waits for the new OS thread to come up (os::create_thread), where CPython's
        // Thread.start() waits for the new thread's _started event with the GIL released.
        put(h, "java/lang/Thread", GilReasons.KIND_WAIT, "start");
        put(h, "java/lang/Object", GilReasons.KIND_WAIT, "wait");
        return h;
    }

    private static void put(Map<String, Map<String, Integer>> h, String type, int kind, String... methods) {
        Map<String, Integer> m = h.computeIfAbsent(type, k -> new HashMap<>());
        for (String name : methods) m.put(name, kind);
    }

    /** Installs the hooks; problems are handed to {@code onError} (type name, message), never thrown. */
    public static void install(Instrumentation inst, Consumer<String[]> onError) {
        Module javaBase = Object.class.getModule();
        Module bootUnnamed = Gil.class.getModule();
        // The wrapped bodies in java.base name io.gil4j.bootstrap.Gil, which lives in the boot loader's
        // unnamed module: java.base must read it (OpenTelemetry and Mockito do the same).
        inst.redefineModule(javaBase, Set.of(bootUnnamed), Map.of(), Map.of(), Set.of(), Map.of());

        Map<String, Map<String, Integer>> hooks = hooks();
        inst.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain pd, byte[] bytes) {
                Map<String, Integer> methods = name == null || loader != null ? null : hooks.get(name);
                if (methods == null) return null;
                try {
                    return BlockingMethodWeaver.weave(bytes, methods);
                } catch (Throwable t) {
                    onError.accept(new String[] {name.replace('/', '.'), t.getClass().getSimpleName() + ": " + t.getMessage()});
                    return null;
                }
            }
        }, true);
        // Those loaded already (a look at every loaded class, not Class.forName: no class is loaded for this).
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == null && hooks.containsKey(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (loaded.isEmpty()) return;
        try {
            // One call: each retransformation is a safepoint of its own.
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable all) {
            for (Class<?> c : loaded) {
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    onError.accept(new String[] {c.getName(), t.getClass().getSimpleName() + ": " + t.getMessage()});
                }
            }
        }
    }
}
