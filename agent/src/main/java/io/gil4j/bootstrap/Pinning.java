package io.gil4j.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Whether the current virtual thread is pinned to its carrier, for the GIL's waits: a pinned virtual
 * thread that parks keeps its carrier, so it must never queue on the GIL's mutex behind a virtual
 * thread that waits for a carrier (GilLock, "pinned virtual threads"). Pinned: inside a class loader
 * or initializer called by the JVM, under a native frame, holding a monitor before JDK 24.
 *
 * <p>Assumptions and guarantees: asks the JDK's internal {@code jdk.internal.vm.Continuation.isPinned}
 * with {@code java.lang.VirtualThread.VTHREAD_SCOPE} (JDK 21 to 25), through method and var handles
 * (a reflective call could add a native frame, which pins). The agent opens {@code java.lang} and
 * {@code jdk.internal.vm} to this module before {@link #init}; where that or the internals are
 * missing, {@link #current} answers false and the GIL's waits are as they were. Never throws.
 */
public final class Pinning {
    private Pinning() { }

    private static volatile MethodHandle isPinned;  // (Object scope) -> boolean
    private static volatile VarHandle scopeField;   // VirtualThread.VTHREAD_SCOPE
    private static volatile Object scope;

    /** Looks the internals up once, without initializing {@code VirtualThread} (that starts its threads). */
    public static void init() {
        try {
            MethodHandles.Lookup self = MethodHandles.lookup();
            Class<?> vt = Class.forName("java.lang.VirtualThread", false, null);
            Class<?> scopeType = Class.forName("jdk.internal.vm.ContinuationScope", false, null);
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation", false, null);
            VarHandle field = MethodHandles.privateLookupIn(vt, self).findStaticVarHandle(vt, "VTHREAD_SCOPE", scopeType);
            MethodHandle pinned = MethodHandles.privateLookupIn(continuation, self)
                    .findStatic(continuation, "isPinned", MethodType.methodType(boolean.class, scopeType))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            // Link the call path now, on a platform thread and not first inside a GIL wait; a scope of
            // our own, as VTHREAD_SCOPE cannot be read without initializing VirtualThread.
            Object ours = scopeType.getConstructor(String.class).newInstance("gil4j-link");
            boolean never = (boolean) pinned.invokeExact(ours);
            scopeField = field;
            isPinned = never ? null : pinned;
        } catch (Throwable unavailable) {
            // JDK 17, or internals that moved: never pinned as far as the GIL knows
        }
    }

    /** Whether the current thread, a virtual one, is pinned; false when unknown. Walks the stack: not cheap. */
    static boolean current() {
        MethodHandle p = isPinned;
        if (p == null) return false;
        try {
            Object s = scope;
            if (s == null) scope = s = scopeField.get(); // VirtualThread is initialized: we run on one
            return (boolean) p.invokeExact(s);
        } catch (Throwable e) {
            return false;
        }
    }
}
