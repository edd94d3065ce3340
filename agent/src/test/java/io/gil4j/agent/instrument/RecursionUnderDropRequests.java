package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.GilLock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that a recursion with no loop and no uninstrumented call serves drop requests: one thread runs
 * {@code fibonacci(38)} of an instrumented class (many switch intervals long), another waits until that
 * thread holds the GIL and then calls a short method of the class. The waiter must get the GIL, and
 * finish, before the recursion returns: only the recursion's method entries can serve its request.
 */
final class RecursionUnderDropRequests {
    private RecursionUnderDropRequests() { }

    static void assertAWaiterGetsTheGilDuring(GilLock lock, Class<?> c, String waiterMethod, int waiterArg)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        AtomicLong recursionDone = new AtomicLong();
        Thread recursing = new Thread(() -> {
            try {
                call(c, "fibonacci", 20); // warm-up
                holding.countDown();
                call(c, "fibonacci", 38);
                recursionDone.set(System.nanoTime());
            } catch (Throwable e) {
                throw new AssertionError(e);
            } finally {
                holding.countDown(); // a recursion that failed must not leave the waiter waiting
            }
        });
        AtomicLong waiterDone = new AtomicLong();
        AtomicBoolean recursionRanOn = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                holding.await();
                while (lock.owner() != recursing && recursionDone.get() == 0 && recursing.isAlive()) Thread.onSpinWait();
                call(c, waiterMethod, waiterArg);
                waiterDone.set(System.nanoTime());
                // Not the times alone: once the recursion's outer frame has released the GIL, a short
                // waiter method can finish before the recursing thread has noted its own end.
                recursionRanOn.set(inFib(recursing));
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
        recursing.start();
        waiter.start();
        recursing.join();
        waiter.join();
        assertThat(recursionDone.get()).as("the recursion finished").isPositive();
        assertThat(waiterDone.get()).as("the waiter got the GIL while the recursion ran").isPositive()
                .isLessThan(recursionDone.get());
        assertThat(recursionRanOn).as("the recursion was still in fib when the waiter had finished").isTrue();
    }

    /** Whether {@code t} runs the fixture's {@code fib} (the method, its copy, or a held private one). */
    private static boolean inFib(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) if (frame.getMethodName().equals("fib")) return true;
        return false;
    }

    /** Calls a public static method of {@code c} by name, unwrapping what it throws. */
    static Object call(Class<?> c, String name, Object... args) throws Throwable {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }
}
