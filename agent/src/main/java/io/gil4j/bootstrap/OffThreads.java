package io.gil4j.bootstrap;

import java.util.Arrays;

/**
 * One lock's threads inside instrumented code in mode OFF, so that their nested entries cost three
 * plain loads.
 *
 * <p>Why it exists: OFF serializes nothing but still counts each thread's entries from outside (the
 * predictor reads them), so an entry must still tell "from outside" from "nested". The fast paths ask
 * "is the owner me?", and in OFF the owner word can name one thread only, the hint. Every other thread
 * inside instrumented code went down the slow path at each instrumented call and each leaf, to a
 * thread-local lookup: with two threads on two cores call-heavy shapes ran 1.6-2.0x slower in OFF than
 * without the agent (a real database, H2, 3-5x), where one thread alone runs at 1.1-1.3x, so an A/B
 * against OFF understated what the GIL costs (BENCHMARKS.md "`off` with several threads"). An entry
 * asks {@link #holds} before anything else.
 *
 * <p>Why the test reads nothing volatile: a leaf inlined into a JDK loop (a stream's lambda) runs its
 * entry test at every element. A volatile read there, even on a branch not taken, is a memory barrier
 * in the JIT's graph: nothing the loop loads can be hoisted out of it any more, and the loop is neither
 * unrolled nor vectorized (a stream pipeline ran 5-10x slower than without the agent). So the slot is
 * the whole answer: a thread is in it only while HELD in OFF with no mark on the breaker, which
 * {@link #clear} guarantees when the mode leaves OFF.
 *
 * <p>Assumptions and guarantees: a slot per thread id modulo {@value #SLOTS}. Only the thread itself
 * puts itself into its slot (at its entry from outside, and only while the lock's mode is OFF, checked
 * under the table's monitor) and takes itself out (at any phase change away from HELD: its exit, a
 * release around a blocking call). Other threads only ever empty slots: {@link #clear} (the mode left
 * OFF; called after the mode was written and before any thread is marked to rejoin, so a thread that
 * enters after it sees the new mode and stays out) and {@link #leave} for a dead thread when it is
 * forgotten; a slot left by a thread that died in it is taken over. So {@link #holds} needs no
 * ordering: a thread's reads see its own writes, and no other thread's write can make a slot equal to
 * it. A stale read after a {@link #clear} (the JIT may keep a plain load out of a loop) lets a nested
 * entry skip its take until the thread's next checkpoint or entry that reads again, as a stale
 * {@code owner} does in GIL mode; nothing else depends on it. Two live threads whose ids share a slot:
 * the later one finds it taken and keeps the thread-local way, which is only slower.
 */
final class OffThreads {
    static final int SLOTS = 1024;
    private final Thread[] held = new Thread[SLOTS];

    /** True if {@code t} is HELD in OFF: its nested entries need nothing. */
    @SuppressWarnings("deprecation") // see slot
    boolean holds(Thread t) {
        return held[(int) t.getId() & (SLOTS - 1)] == t; // slot(t) by hand: one inlining level less
    }

    // Thread.threadId() is JDK 19+; getId() returns the same final field
    @SuppressWarnings("deprecation")
    private static int slot(Thread t) {
        return (int) t.getId() & (SLOTS - 1);
    }

    /**
     * Puts {@code t} into its slot while {@code lock} is in OFF; false if it is not, or a live thread
     * has the slot. Called by {@code t} itself.
     */
    boolean enter(Thread t, GilLock lock) {
        int i = slot(t);
        // A thread whose slot a live thread keeps asks at each of its nested entries: without the monitor.
        Thread seen = held[i];
        if (seen != null && seen != t && seen.isAlive()) return false;
        synchronized (held) {
            if (lock.mode != GilLock.Mode.OFF) return false; // after a clear: the mode is already written
            Thread occupant = held[i];
            if (occupant != null && occupant != t && occupant.isAlive()) return false;
            held[i] = t;
            return true;
        }
    }

    /** Takes {@code t} out of its slot, if it is there. */
    void leave(Thread t) {
        int i = slot(t);
        synchronized (held) {
            if (held[i] == t) held[i] = null;
        }
    }

    /** Empties every slot: the mode has left OFF. */
    void clear() {
        synchronized (held) {
            Arrays.fill(held, null);
        }
    }
}
