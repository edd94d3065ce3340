package io.gil4j.bootstrap;

/**
 * The threads inside instrumented code in mode OFF, so that their nested entries cost two loads.
 *
 * <p>Why it exists: OFF serializes nothing but still counts each thread's entries from outside (the
 * predictor reads them), so an entry must still tell "from outside" from "nested". The fast paths ask
 * "is the owner me?", and in OFF the owner word can name one thread only, the hint. Every other thread
 * inside instrumented code went down the slow path at each instrumented call and each leaf, to a
 * thread-local lookup: with two threads on two cores call-heavy shapes ran 1.6-2.0x slower in OFF than
 * without the agent (a real database, H2, 3-5x), where one thread alone runs at 1.1-1.3x, so an A/B
 * against OFF understated what the GIL costs (BENCHMARKS.md "`off` with several threads"). The slow
 * branch of an entry now asks {@link #holds} first, which the JIT inlines there.
 *
 * <p>Assumptions and guarantees: a slot per thread id modulo {@value #SLOTS}, holding the thread while
 * it is HELD in OFF. Only the thread itself puts itself into its slot (at its entry from outside) and
 * takes itself out (at any phase change away from HELD: its exit, a release around a blocking call),
 * except that a dead thread is taken out when it is forgotten, and a slot left by a thread that died
 * in it is taken over. So {@link #holds} needs no ordering: a thread's reads see its own writes, and no
 * other thread's write can make a slot equal to it. Two live threads whose ids share a slot: the later
 * one finds it taken and keeps the thread-local way, which is only slower. Slots change under the
 * table's monitor, at entries from outside and exits, never at nested entries. The table is a class of
 * its own so that nothing outside OFF touches it: GIL mode's paths, and the model checker that explores
 * them, never load it.
 */
final class OffThreads {
    private OffThreads() { }

    static final int SLOTS = 1024;
    private static final Thread[] HELD = new Thread[SLOTS];

    /** True if {@code t} is HELD in OFF: its nested entries need nothing. */
    static boolean holds(Thread t) {
        return HELD[slot(t)] == t;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() returns the same final field
    private static int slot(Thread t) {
        return (int) t.getId() & (SLOTS - 1);
    }

    /** Puts {@code t} into its slot; false if a live thread has it. Called by {@code t} itself. */
    static boolean enter(Thread t) {
        int i = slot(t);
        // A thread whose slot a live thread keeps asks at each of its nested entries: without the monitor.
        Thread seen = HELD[i];
        if (seen != null && seen != t && seen.isAlive()) return false;
        synchronized (HELD) {
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
}
