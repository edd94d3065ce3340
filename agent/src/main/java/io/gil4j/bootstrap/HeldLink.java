package io.gil4j.bootstrap;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Links a call from instrumented code that holds the GIL to a static method of another instrumented
 * class: to that method's held copy (the method under the same name with a last parameter of type
 * {@link Gil}, always null, and no take), or, where the callee has no copy, to the method itself.
 *
 * <p>Why: a static method that code outside the GIL also calls (a library's arithmetic, a utility
 * that uninstrumented callers share) has its entry's outside path taken in its profile, so the JIT
 * compiled that path, a call, into every loop the method was inlined into: nothing hoisted across it,
 * and on JDK 17 a box the method returned kept (a leaf called 20,000 times from outside made a loop
 * over it 4.3x slower; 2026-12-07). The copy has no outside path, so its callers' code is the
 * program's.
 *
 * <p>Assumptions and guarantees. The instrumenter emits {@code aconst_null} and an
 * {@code invokedynamic} named as the callee, typed as the copy, with the callee's class as the one
 * static argument (its internal name), in place of an {@code invokestatic} from code holding the GIL
 * to a class the filter instruments. The call site is constant. A copy is found through a private
 * lookup in the callee's class, which needs the caller's package to be able to read it and the
 * callee's package to be open to the caller (classes on the class path always are); a callee without
 * one (not instrumented yet, loaded before the agent, left without copies, private, inherited, in a
 * named module) is linked as {@code invokestatic} would, and where that fails the call site throws
 * what {@code invokestatic} would have thrown ({@code NoClassDefFoundError}, {@code NoSuchMethodError},
 * {@code IllegalAccessError}), at every call, so that programs that probe for optional methods by
 * catching those errors behave the same. The callee's class is initialized at the first call, as by
 * {@code invokestatic}. Stack traces do not show the method handle's frames (they are hidden);
 * JFR's stack traces do.
 */
public final class HeldLink {
    private HeldLink() { }

    public static CallSite linkStatic(MethodHandles.Lookup caller, String name, MethodType copyType, String owner) {
        int n = copyType.parameterCount() - 1;
        MethodType type = copyType.dropParameterTypes(n, n + 1);
        Class<?> c;
        try {
            c = caller.findClass(owner.replace('/', '.'));
        } catch (ClassNotFoundException e) {
            return throwing(copyType, NO_CLASS, owner);
        } catch (IllegalAccessException e) {
            return throwing(copyType, NO_ACCESS, e.getMessage());
        }
        try {
            return new ConstantCallSite(MethodHandles.privateLookupIn(c, caller).findStatic(c, name, copyType));
        } catch (ReflectiveOperationException | IllegalArgumentException | SecurityException e) {
            // no copy: the method itself
        }
        try {
            MethodHandle h = caller.findStatic(c, name, type);
            return new ConstantCallSite(MethodHandles.dropArguments(h, n, Gil.class));
        } catch (NoSuchMethodException e) {
            return throwing(copyType, NO_METHOD, owner.replace('/', '.') + "." + name + type.toMethodDescriptorString());
        } catch (IllegalAccessException e) {
            return throwing(copyType, NO_ACCESS, e.getMessage());
        }
    }

    private static final int NO_CLASS = 0;
    private static final int NO_METHOD = 1;
    private static final int NO_ACCESS = 2;

    /** A call site that throws a new error of the kind at every call, as a failed {@code invokestatic} does. */
    private static CallSite throwing(MethodType type, int kind, String message) {
        try {
            MethodHandle error = MethodHandles.lookup().findStatic(HeldLink.class, "error",
                    MethodType.methodType(LinkageError.class, int.class, String.class));
            MethodHandle thrower = MethodHandles.foldArguments(
                    MethodHandles.throwException(type.returnType(), LinkageError.class),
                    MethodHandles.insertArguments(error, 0, kind, message));
            return new ConstantCallSite(MethodHandles.dropArguments(thrower, 0, type.parameterList()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e); // this class's own method
        }
    }

    private static LinkageError error(int kind, String message) {
        switch (kind) {
            case NO_CLASS: return new NoClassDefFoundError(message);
            case NO_METHOD: return new NoSuchMethodError(message);
            default: return new IllegalAccessError(message);
        }
    }
}
