package io.gil4j.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.locks.ReentrantLock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * The lock's invariants under systematically explored interleavings: Lincheck's model checker runs
 * small scenarios of the operations below on two or three threads and explores their interleavings at
 * every shared-memory access, lock, park and wait, in GilLock and in the JDK code it calls, instead of
 * whatever interleavings timing happens to produce (GilLockTest). Each operation returns what a
 * sequential run returns (1) unless an invariant broke:
 * <ul>
 * <li>one holder: a plain counter of threads between take and give-back, read where no checkpoint can
 *     switch, is never above 1 (an operation returns the count it saw);</li>
 * <li>no lost wake-up, and a drop request is honoured: a hang (every thread waiting) fails the check,
 *     as Lincheck reports it;</li>
 * <li>forced switching: a holder that dropped the GIL on request at a checkpoint and holds it again
 *     must have seen another thread hold it in between (two switches), never re-take it first (an
 *     operation returns -1).</li>
 * </ul>
 * Lincheck makes System.nanoTime constant and never lets a timed wait time out, so a waiter's clock
 * never runs out on its own: {@link #requestDrop} does what the waiter that keeps the clock does when
 * it does (under the mutex, with a waiter counted, set the drop request), at every point the scheduler
 * chooses. The safety net is off: it decides from thread states, CPU time and /proc, which a model
 * checker changes (a thread it pauses reads WAITING) and cannot replay; GilLockTest and the end-to-end
 * tests cover it.
 */
public class GilLockModelCheckTest {
    private static final VarHandle BREAKER;
    private static final Field MUTEX;

    static {
        try {
            BREAKER = MethodHandles.lookup().findVarHandle(GilLock.class, "breaker", int.class);
            MUTEX = GilLock.class.getDeclaredField("mutex");
            MUTEX.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GilLock lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100, false);
    private int inside;

    /** An instrumented frame: take, a stretch with no checkpoint, a checkpoint, the stretch again, give back. */
    @Operation
    public int frame() {
        Thread t = Thread.currentThread();
        boolean took = lock.owner != t && lock.enterSlow(t);
        int seen = stretch();
        GilThread st = GilThread.current();
        long acquisitions = st.acquisitions;
        long switches = lock.switchNumber();
        if (lock.breaker != 0) lock.checkpointSlow(t);
        boolean retookFirst = st.acquisitions != acquisitions && lock.switchNumber() < switches + 2;
        seen = Math.max(seen, stretch());
        if (took) lock.exitSlow(t);
        return retookFirst ? -1 : seen;
    }

    /** A frame that blocks in its middle: the hook's release and re-take. */
    @Operation
    public int blockingFrame() {
        Thread t = Thread.currentThread();
        boolean took = lock.owner != t && lock.enterSlow(t);
        int seen = stretch();
        boolean released = lock.beginBlocking(t, "test.block", GilReasons.KIND_SLEEP);
        if (released) lock.endBlocking();
        seen = Math.max(seen, stretch());
        if (took) lock.exitSlow(t);
        return seen;
    }

    /** The waiter's clock runs out: with a waiter counted and the GIL held, the drop request is set. */
    @Operation
    public int requestDrop() throws IllegalAccessException {
        ReentrantLock mutex = (ReentrantLock) MUTEX.get(lock);
        mutex.lock();
        try {
            if (lock.waiters() > 0 && lock.owner() != null) BREAKER.getAndBitwiseOr(lock, GilLock.DROP);
        } finally {
            mutex.unlock();
        }
        return 1;
    }

    private int stretch() {
        int seen = ++inside;
        inside--;
        return seen;
    }

    @Test
    void twoThreads() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(200).threads(2).actorsPerThread(3)
                .actorsBefore(0).actorsAfter(0).check(GilLockModelCheckTest.class);
    }

    @Test
    void threeThreads() {
        new ModelCheckingOptions().iterations(15).invocationsPerIteration(200).threads(3).actorsPerThread(2)
                .actorsBefore(0).actorsAfter(0).check(GilLockModelCheckTest.class);
    }
}
