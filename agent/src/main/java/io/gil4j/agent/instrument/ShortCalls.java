package io.gil4j.agent.instrument;

import java.util.Set;

/**
 * JDK methods so short and so commonly called from hot loops that instrumented code gets no
 * checkpoint after calling them.
 *
 * <p>The checkpoint after a call into uninstrumented code exists so that a drop request raised while
 * that code ran (an "extension" holding the GIL) is honoured as soon as it returns. For
 * {@code Math.sqrt} or {@code String.charAt} that is moot: they run for nanoseconds, the next
 * back-edge or method entry checks anyway, and a checkpoint after each one is a volatile read in the
 * middle of the caller's arithmetic, which stops the JIT from keeping fields in registers across it
 * (it cost n-body about a fifth of its speed). CPython's equivalent, a C builtin like {@code len()},
 * is not followed by an eval-breaker check either: the next one is at the next jump or call.
 *
 * <p>Only methods with bounded, short work and no callbacks into arbitrary code are listed: whole
 * classes of static helpers, and named methods of {@code String}, {@code Object} and {@code System}.
 */
final class ShortCalls {
    private ShortCalls() { }

    private static final Set<String> WHOLE_CLASSES = Set.of(
            "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Integer", "java/lang/Long", "java/lang/Double", "java/lang/Float",
            "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean");

    private static final Set<String> METHODS = Set.of(
            "java/lang/Object.<init>", "java/lang/Object.getClass",
            // the super constructors of every record and enum: empty, and name + ordinal stored
            "java/lang/Record.<init>", "java/lang/Enum.<init>",
            "java/lang/String.charAt", "java/lang/String.length", "java/lang/String.isEmpty",
            "java/lang/String.codePointAt",
            "java/lang/System.nanoTime", "java/lang/System.currentTimeMillis",
            "java/lang/System.identityHashCode",
            "java/lang/Thread.currentThread",
            "java/util/Objects.requireNonNull", "java/util/Objects.checkIndex");

    /** True if a call to {@code owner.name} needs no checkpoint after it. */
    static boolean isShort(String owner, String name) {
        if (!owner.startsWith("java/")) return false;
        return WHOLE_CLASSES.contains(owner) || METHODS.contains(owner + '.' + name);
    }
}
