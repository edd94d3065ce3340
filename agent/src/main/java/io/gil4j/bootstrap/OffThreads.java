package io.gil4j.bootstrap;

import java.util.Arrays;

/**
 * The threads inside instrumented code in mode OFF, so that their nested entries cost two plain loads.
 *
 * <p>Why it exists: OFF serializes nothing but still counts each thread's entries from outside (the
 * predictor reads them), so an entry must still tell "from outside" from "nested". The fast paths ask
 * "is the owner me?", which in GIL mode is the holder's one load. OFF names no owner; the entry tests
 * ask "is the owner me, or does my slot hold me?" ({@code GilLock.runsInside}, {@code Gil.needsNothing}).
 * Two shapes came before, each measured wrong: a thread-local lookup for every thread but one (the
 * owner word used as a hint), which made call-heavy code 1.6-2.0x slower in OFF than without the agent
 * with two threads on two cores (H2, a real database, 3-5x); and that hint with this table for the
 * others, where the hint passing from one thread to another (the main thread blocking in a join)
 * flipped the tests' first branch, and the JIT recompiled a stream pipeline's loop 3-10x slower (JDK 25,
 * one thread, two JVMs of three). Without a hint every thread pays the same two loads more than a GIL
 * holder's test: one thread alone costs 0.98-1.14x in OFF what it cost with the hint (BENCHMARKS.md
 * "Leaf entry tests in the leaf").
 *
 * <p>Why the test reads nothing volatile: a leaf inlined into a JDK loop (a stream's lambda) runs its
 * entry test at every element. A volatile read there, even on a branch not taken, is a memory barrier
 * in the JIT's graph: nothing the loop loads can be hoisted out of it any more, and the loop is neither
 * unrolled nor vectorized. So the slot is the whole answer: a thread is in it only while HELD in OFF
 * under the installed lock, with no mark on the breaker, which {@link #clear} guarantees when the mode
 * leaves OFF or another lock is installed.
 *
 * <p>Assumptions and guarantees: a slot per thread id modulo {@value #SLOTS}. Only the thread itself
 * puts itself into its slot (at its entry from outside, and only while the installed lock's mode is
 * OFF, checked under the table's monitor) and takes itself out (at any phase change away from HELD: its
 * exit, a release around a blocking call). Other threads only ever empty slots: {@link #clear} (the
 * mode left OFF; called after the mode was written and before any thread is marked to rejoin, so a
 * thread that enters after it sees the new mode and stays out) and {@link #leave} for a dead thread
 * when it is forgotten; a slot left by a thread that died in it is taken over. So {@link #holds} needs
 * no ordering: a thread's reads see its own writes, and no other thread's write can make a slot equal
 * to it. A stale read after a {@link #clear} (the JIT may keep a plain load out of a loop) lets a nested
 * entry skip its take until the thread's next checkpoint or entry that reads again, as a stale
 * {@code owner} does in GIL mode; nothing else depends on it. Two live threads whose ids share a slot:
 * the later one finds it taken and keeps the thread-local way, which is only slower.
 */
final class OffThreads {
    private OffThreads() { }

    static final int SLOTS = 1024;
    /** Static, so that the JIT knows where it is: one load fewer than a lock's field at every entry. */
    private static final Thread[] HELD = new Thread[SLOTS];

    /** True if {@code t} is HELD in OFF: its nested entries need nothing. */
    @SuppressWarnings("deprecation") // see slot
    static boolean holds(Thread t) {
        return HELD[(int) t.getId() & (SLOTS - 1)] == t; // slot(t) by hand: one inlining level less
    }

    // Thread.threadId() is JDK 19+; getId() returns the same final field
    @SuppressWarnings("deprecation")
    private static int slot(Thread t) {
        return (int) t.getId() & (SLOTS - 1);
    }

    /**
     * Puts {@code t} into its slot while {@code lock} is the installed lock and in OFF; false if it is
     * not, or a live thread has the slot. Called by {@code t} itself.
     */
    static boolean enter(Thread t, GilLock lock) {
        int i = slot(t);
        // A thread whose slot a live thread keeps asks at each of its nested entries: without the monitor.
        Thread seen = HELD[i];
        if (seen != null && seen != t && seen.isAlive()) return false;
        synchronized (HELD) {
            // After a clear the mode is already written; a lock that is not installed (unit tests that
            // drive one directly) keeps out of the table the entry tests read.
            if (lock.mode != GilLock.Mode.OFF || Gil.lock() != lock) return false;
            Thread occupant = HELD[i];
            if (occupant != null && occupant != t && occupant.isAlive()) return false;
            HELD[i] = t;
            return true;
        }
    }

    /** Takes {@code t} out of its slot, if it is there. */
    static void leave(Thread t) {
        int i = slot(t);
        synchronized (HELD) {
            if (HELD[i] == t) HELD[i] = null;
        }
    }

    /** Empties every slot: the mode has left OFF, or another lock is installed. */
    static void clear() {
        synchronized (HELD) {
            Arrays.fill(HELD, null);
        }
    }
}
