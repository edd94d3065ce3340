package io.gil4j.agent.jdk;

import io.gil4j.bootstrap.CompilerThreads;
import java.util.function.Consumer;

/**
 * {@code compilerThreads=idle}: puts the JIT's compiler threads under {@code SCHED_IDLE} through the
 * native helper (see {@link CompilerThreads} for why). Where the helper cannot load, or Linux refuses,
 * it says so in one line and the compiler threads keep their policy.
 */
public final class CompilerThreadPolicy {
    private CompilerThreadPolicy() { }

    private static final String WITHOUT = ": compiler threads keep their scheduling policy";

    /** Moves the compiler threads to SCHED_IDLE; returns how many it moved, or -1 if it could not. */
    public static int install(Consumer<String> info) {
        String notLoaded = HelperLibrary.load();
        if (notLoaded != null) {
            info.accept(notLoaded + WITHOUT);
            return -1;
        }
        try {
            int moved = CompilerThreads.idle();
            if (moved < 0) {
                info.accept("SCHED_IDLE refused for a compiler thread (errno " + -moved + ")" + WITHOUT);
                return -1;
            }
            return moved;
        } catch (Throwable e) {
            info.accept("compiler threads not moved (" + e + ")" + WITHOUT);
            return -1;
        }
    }
}
