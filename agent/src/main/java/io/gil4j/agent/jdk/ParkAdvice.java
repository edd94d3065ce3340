package io.gil4j.agent.jdk;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilReasons;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into JDK methods that block (LockSupport.park*: every java.util.concurrent lock, queue, future and latch that really blocks): releases the GIL before, takes it back after, as
 * {@code Py_BEGIN/END_ALLOW_THREADS}. Only bootstrap-visible names appear in it ({@link Gil}); the
 * blocking point is a constant string of the hooked method's name.
 */
public final class ParkAdvice {
    private ParkAdvice() { }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.Origin("#t.#m") String point) {
        return Gil.beginBlocking(point, GilReasons.KIND_LOCK);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean released) {
        Gil.endBlocking(released);
    }
}
