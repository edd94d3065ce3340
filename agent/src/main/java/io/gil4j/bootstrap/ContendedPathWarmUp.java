package io.gil4j.bootstrap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the GIL's slow paths once at start-up, before any program thread can reach them, so that every
 * JDK class they use is initialized by then.
 *
 * <p>Why: a thread that needs a class another thread is initializing waits for it, inside the JVM,
 * whatever it holds. The GIL's slow paths run on program threads, in the middle of the program's own
 * class initializations. Seen in CI (JDK 17): the first untimed {@code Condition.await} ever made
 * calls {@code ForkJoinPool.managedBlock}, which initializes {@code ForkJoinPool}. A GIL waiter
 * signalled in that await had its node first in the mutex's queue while it waited for
 * {@code ForkJoinPool}'s initialization lock; a program thread that also needed {@code ForkJoinPool}
 * got that lock, and the JVMTI helper's "entered" callback made it take the GIL back while holding
 * it, so it queued for the mutex behind the first thread. Neither could move: the program hung. The
 * same cycle needs no helper when the initializing thread releases the GIL inside the initializer (a
 * hooked park, say). Initializing everything first removes the first link for every such cycle.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Called before the lock is installed and before any JDK hook or the JVMTI helper is live, so
 *     the helper thread and the waits here go through no hook and write no event.</li>
 * <li>Blocks the caller for about a millisecond (one thread start, one hand-off); gives up after a
 *     second rather than delay start-up further if the helper thread never gets a core.</li>
 * <li>Touches only the JDK: it never calls the listener, so no recording sees it.</li>
 * </ul>
 */
final class ContendedPathWarmUp {
    private ContendedPathWarmUp() { }

    static void run(ReentrantLock mutex, Condition gilFree, Condition switched, CpuClock cpu) {
        try {
            untimedWaitThatParks(mutex, gilFree);
            mutex.lock();
            try {
                gilFree.awaitNanos(1_000);            // a timed wait that times out: parkNanos
                switched.awaitNanos(1_000);
                switched.signalAll();
                gilFree.signal();
            } finally {
                mutex.unlock();
            }
            mutex.tryLock();
            mutex.unlock();
            // The safety net's reads, which also run under the mutex.
            Thread self = Thread.currentThread();
            Carriers.stateOf(self, false);
            MonitorHooks.active();
            if (cpu != null) {
                cpu.cpuTimeNanos(self);
                cpu.collections();
            }
            // Only the request: the /proc read itself runs on the reader's own thread, never under the mutex.
            OsStateReader.shared().ask(NativeThreadState.currentTid(), System.nanoTime());
            // A ConcurrentHashMap makes its counter cells only when two threads update its size at once,
            // which start-up never does: ColdPathsIT once saw CounterCell initialized on a program thread
            // (JDK 25, 2026-12-05). Initialized here, it can never be the class a waiter waits for.
            Class.forName("java.util.concurrent.ConcurrentHashMap$CounterCell", true, null);
        } catch (Throwable ignored) {
            // Only a warm-up: whatever it missed initializes later, as without it.
        }
    }

    /**
     * An untimed await that really blocks: only then does {@code await} reach its blocking code (on
     * JDK 17 to 25, {@code ForkJoinPool.managedBlock}). The signaller waits until this thread parks.
     */
    private static void untimedWaitThatParks(ReentrantLock mutex, Condition condition) throws InterruptedException {
        Thread waiter = Thread.currentThread();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Thread signaller = new Thread(() -> {
            while (waiter.getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            mutex.lock();
            try {
                condition.signalAll();
            } finally {
                mutex.unlock();
            }
        }, "gil4j-warm-up");
        signaller.setDaemon(true);
        mutex.lock();
        try {
            signaller.start();
            condition.await();
        } finally {
            mutex.unlock();
        }
        signaller.join();
    }
}
