package io.gil4j.agent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which loaded classes a later attach must not retransform yet, judged from a few looks at every
 * thread's stack.
 *
 * <p>Why: HotSpot never compiles a method again once its class has been redefined while a frame ran
 * in it; that frame finishes in the interpreter. For a frame that never returns (a worker's or a
 * selector's loop) that is for good: a two-thread CPU loop ran at 1/15 of its speed after a
 * retransform of its class, with the agent's bytes or with the class's own, unchanged. So a class
 * whose frame has been running since before the attach waits until no such frame is left.
 *
 * <p>Stack traces have no frame identity, so "the same frame" is judged: a frame that sits at the
 * same depth, in the same method, with the same frames below it, in every look, is long-lived; except
 * the frame on top when an application frame is below it, which is taken to be a short call that the
 * frame below keeps making (a loop calling {@code step()}): it returns within microseconds, and
 * retransforming its class costs that one call. Platform frames (java., jdk., sun., ...) never count
 * as application frames.
 *
 * <p>Assumptions and guarantees: stateless; the looks are the caller's ({@link Thread#getAllStackTraces}
 * a few milliseconds apart). A long-running frame on top of another application frame is missed (its
 * class is retransformed and the frame runs interpreted until it returns); a short call is held back
 * only while a long-running frame of its own class is on some stack.
 */
final class RunningFrames {
    private RunningFrames() { }

    /**
     * Classes (binary names) that have a long-running frame in the looks and that {@code wanted} selects,
     * each with a description of one such frame for the user.
     */
    static Map<String, String> longRunning(List<Map<Thread, StackTraceElement[]>> looks, Predicate<String> wanted) {
        Map<String, String> out = new LinkedHashMap<>();
        if (looks.isEmpty()) return out;
        for (Map.Entry<Thread, StackTraceElement[]> e : looks.get(0).entrySet()) {
            Thread t = e.getKey();
            int stable = stableFromBottom(t, looks);
            StackTraceElement[] first = e.getValue();
            for (int fromBottom = 0; fromBottom < stable; fromBottom++) {
                int i = first.length - 1 - fromBottom;
                StackTraceElement f = first[i];
                if (!wanted.test(f.getClassName())) continue;
                boolean onTop = i == 0;
                if (onTop && hasApplicationFrameBelow(first, i)) continue;
                out.putIfAbsent(f.getClassName(), f.getClassName() + "." + f.getMethodName() + " on thread \""
                        + t.getName() + "\"");
            }
        }
        return out;
    }

    /**
     * The threads with a frame of one of {@code classes} that is the same in every look: they run the
     * program's code uninstrumented, and keep the GIL past their outermost exit while they do.
     */
    static Set<Thread> threadsRunning(List<Map<Thread, StackTraceElement[]>> looks, Set<String> classes) {
        Set<Thread> out = new LinkedHashSet<>();
        if (looks.isEmpty() || classes.isEmpty()) return out;
        for (Map.Entry<Thread, StackTraceElement[]> e : looks.get(0).entrySet()) {
            StackTraceElement[] first = e.getValue();
            int stable = stableFromBottom(e.getKey(), looks);
            for (int fromBottom = 0; fromBottom < stable; fromBottom++) {
                if (classes.contains(first[first.length - 1 - fromBottom].getClassName())) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        return out;
    }

    /** How many frames, counted from the bottom, are the same method in every look at {@code t}. */
    static int stableFromBottom(Thread t, List<Map<Thread, StackTraceElement[]>> looks) {
        StackTraceElement[] first = looks.get(0).get(t);
        if (first == null) return 0;
        int stable = first.length;
        for (Map<Thread, StackTraceElement[]> look : looks) {
            StackTraceElement[] other = look.get(t);
            if (other == null) return 0;
            int n = Math.min(stable, other.length);
            int same = 0;
            while (same < n && sameMethod(first[first.length - 1 - same], other[other.length - 1 - same])) same++;
            stable = same;
        }
        return stable;
    }

    private static boolean sameMethod(StackTraceElement a, StackTraceElement b) {
        return a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName());
    }

    private static boolean hasApplicationFrameBelow(StackTraceElement[] stack, int index) {
        for (int i = index + 1; i < stack.length; i++) {
            if (!isPlatform(stack[i].getClassName())) return true;
        }
        return false;
    }

    static boolean isPlatform(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("io.gil4j.bootstrap.") || className.startsWith("io.gil4j.agent.")
                || className.startsWith("io.gil4j.shaded.");
    }
}
