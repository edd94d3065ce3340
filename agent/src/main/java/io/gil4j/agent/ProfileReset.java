package io.gil4j.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * At the end of premain, throws away what the JIT has learnt so far about the JDK's core collection
 * classes, so that the program's code is compiled from the program's own behaviour, as it is without
 * an agent.
 *
 * <p>Why. The JDK's methods keep one profile for all their callers: {@code HashMap.hash(key)} records
 * which classes' {@code hashCode()} it has called. Without an agent, CDS maps the JDK's module graph
 * from its archive and start-up hashes nothing but {@code String}s. With any {@code -javaagent} the JVM
 * builds the module graph at run time, and that, the agent's own start-up and its class transformer
 * hash other keys too: in a JVM started with a do-nothing agent, {@code HashMap.hash} had 1,758 calls on
 * other classes than {@code String} ({@code ModuleDescriptor} and others) before the program's
 * {@code main}; without an agent, none. C2 inlines {@code String.hashCode()} at that call only while
 * {@code String} is at least 90% of the profile ({@code TypeProfileMajorReceiverPercent}), so whether a
 * program's own {@code HashMap.merge} got an inlined or a virtual {@code hashCode()} depended on how many
 * strings it had hashed when C2 compiled it: the corpus's word count ran 1.3x slower in about one JVM in
 * four, for the whole run, with the agent in any mode (BENCHMARKS.md, "Profile pollution").
 *
 * <p>{@code String} is reset for its branch profiles: five or so non-Latin-1 strings that the JVM's and the
 * agent's start-up handle leave {@code String.isLatin1()} and {@code charAt} "taken, rarely" where a
 * program of Latin-1 text alone has "never", and C2 then compiles the UTF-16 path into every loop that
 * scans a string instead of a trap. commons-lang3's {@code StringUtils.split} (a {@code charAt} loop)
 * ran 3x its time without the agent on JDK 25 with the agent instrumenting nothing at all, 1.0x once
 * {@code String} was reset; no change on JDK 17, where the same profile is left (BENCHMARKS.md,
 * "String's profile").
 *
 * <p>How. Retransforming a class (with its bytes unchanged: no transformer of gil4j's changes these
 * classes) gives its methods new versions without a profile and deoptimizes the code compiled from the
 * old ones. It is done once, for the classes below that are loaded by then.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Only classes whose methods call methods of the program's objects through a type profile (keys'
 *     {@code hashCode} and {@code equals}, {@code compareTo}, comparators, iterators), and {@code String}
 *     for its coder branches; other {@code java.lang} classes ({@code StringBuilder}, {@code StringLatin1})
 *     are left alone: resetting them changed nothing measured.</li>
 * <li>Premain only, never at attach: there the profiles are the running program's own.</li>
 * <li>Start-up pays for it: about 10 ms on the project's machine, and the JDK's code in these classes
 *     is compiled again when the program makes it hot.</li>
 * <li>Skipped with {@code resetProfiles=false}, and where the JVM cannot retransform these classes.</li>
 * </ul>
 */
final class ProfileReset {
    private ProfileReset() { }

    /** The classes whose profiles are reset, where loaded. */
    static final Set<String> CLASSES = Set.of(
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeMap", "java.util.WeakHashMap", "java.util.concurrent.ConcurrentHashMap",
            "java.util.ArrayList", "java.util.AbstractCollection", "java.util.AbstractList",
            "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.Collections", "java.util.Objects",
            "java.util.Arrays", "java.util.TimSort", "java.util.ComparableTimSort", "java.lang.String");

    /** Why nothing is done, or null when the reset is made. */
    static String skipReason(boolean enabled, boolean attached, boolean retransformSupported) {
        if (!enabled) return "resetProfiles=false";
        if (attached) return "attached to a running JVM";
        if (!retransformSupported) return "the JVM cannot retransform classes";
        return null;
    }

    /** The loaded classes of {@link #CLASSES} that can be retransformed. */
    static List<Class<?>> targets(Class<?>[] loaded, Predicate<Class<?>> modifiable) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : loaded) {
            if (CLASSES.contains(c.getName()) && modifiable.test(c)) out.add(c);
        }
        return out;
    }

    static void reset(Instrumentation inst, boolean enabled, boolean attached) {
        String skip = skipReason(enabled, attached, inst.isRetransformClassesSupported());
        if (skip != null) {
            if (enabled) Reporter.info("profiles not reset: " + skip);
            return;
        }
        long start = System.nanoTime();
        List<Class<?>> targets = targets(inst.getAllLoadedClasses(), inst::isModifiableClass);
        try {
            inst.retransformClasses(targets.toArray(new Class<?>[0]));
        } catch (Exception | LinkageError e) {
            Reporter.info("profiles not reset: " + e);
            return;
        }
        Reporter.info(String.format("profiles of %d JDK classes reset in %.1f ms", targets.size(),
                (System.nanoTime() - start) / 1e6));
    }
}
