package io.gil4j.analyzer.predict;

import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/*
 * Design notes.
 *
 * What a thread did in a mode=off window is known only in totals: time in instrumented code (held,
 * which needs the GIL), time blocked around hooked calls or outside instrumented code (which does not),
 * and how many times it blocked. The simulation turns each thread into a cycle, run for held/k then
 * block for blocked/k, k the number of releases, repeated for the whole window: the same work in the
 * same rhythm, the short blocks of an echo client and the long ones of a sleeper alike. A thread that
 * never blocks runs forever. Phases start at a random point of each cycle (seeded: the same input gives
 * the same prediction), so threads do not start in lock-step.
 *
 * Then the rules of CPython's GIL (docs/design.md section 2) decide who runs:
 * - a thread whose block ends takes the GIL if it is free, else waits;
 * - a holder that starts to block releases it to the longest waiter (the OS's choice in CPython;
 *   longest-first is what gil4j's FIFO condition mostly does);
 * - when a waiter has waited one interval since it began or since the last switch, whichever is later,
 *   the holder drops at once (checkpoints are microseconds apart) and another thread gets it (forced
 *   switching): the longest waiter;
 * - hand-offs cost nothing and the holder always has a core: the simulation answers what the rules do,
 *   not what a scheduler adds (on a machine with fewer cores than running threads, demands are scaled
 *   down to the CPU the window had, see Predictor).
 * Each thread's progress is the run time it completed; its predicted rate under the GIL is progress /
 * held. Waits for the GIL go into a histogram, as gil.Wait would record them.
 *
 * Event loops batch. A thread that waits for events (a selector, an event loop) does not wake once per
 * event when it is late: the events that arrived while it waited for the GIL are all there when it gets
 * it, and it handles them in the same turn. Replayed in its recorded rhythm it would instead wait for the
 * GIL once per recorded wake-up, and a request that passes through it several times would be charged a
 * wait each time. So a thread may carry a batch: when it takes the GIL after a wait that began at the end
 * of a block, every whole cycle of its rhythm that fitted in the wait (the wake-ups it missed) is added to
 * this turn's run, up to the batch. The batch is how many events can be waiting for it besides the one
 * that woke it; under closed-loop load that is the connections it serves minus one (each connection has
 * one request in the service, at one step at a time), which the caller knows and this class does not.
 */

/**
 * Replays one window of per-thread demand under CPython's GIL rules.
 *
 * <p>Assumptions and guarantees: demands are non-negative; a thread with no held time never takes part;
 * the result is deterministic for a given seed; progress never exceeds the window.
 *
 * <pre>{@code
 * var r = GilSimulator.run(List.of(new ThreadDemand("cpu", 1e9, 0, 0), new ThreadDemand("io", 1e6, 999e6, 30_000)),
 *         1_000_000_000L, 5_000_000L, 1L);
 * r.progress()[1] / 1e6;   // the I/O thread's rate under the GIL: about 0.006 (one interval per round trip)
 * }</pre>
 */
public final class GilSimulator {
    private GilSimulator() { }

    /**
     * One thread's work in a window: held and blocked nanoseconds, how many times it blocked (then took the
     * GIL again), and how many missed wake-ups one take may handle besides its own (0: none; see the notes).
     */
    public record ThreadDemand(String name, double heldNanos, double blockedNanos, long blocks, int batch) {
        public ThreadDemand(String name, double heldNanos, double blockedNanos, long blocks) {
            this(name, heldNanos, blockedNanos, blocks, 0);
        }
    }

    /** Run time each thread completed in the window (same order as the input) and the waits seen. */
    public record Result(double[] progress, Histogram waits) { }

    private static final int BLOCKED = 0;
    private static final int WAITING = 1;
    private static final int RUNNING = 2;

    private static final int UNBLOCK = 0;
    private static final int RUN_END = 1;
    private static final int DROP = 2;

    public static Result run(List<ThreadDemand> threads, long windowNanos, long intervalNanos, long seed) {
        int n = threads.size();
        double[] runLen = new double[n];
        double[] blockLen = new double[n];
        double[] progress = new double[n];
        double[] remaining = new double[n];   // run time left in the current run segment
        double[] until = new double[n];       // end of the current block
        double[] since = new double[n];       // start of the current wait
        boolean[] woke = new boolean[n];      // the current wait began at the end of a block
        int[] state = new int[n];
        Histogram waits = new Histogram(3);
        waits.setAutoResize(true);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(seed);

        for (int i = 0; i < n; i++) {
            ThreadDemand d = threads.get(i);
            if (d.heldNanos() <= 0) {
                state[i] = BLOCKED;
                until[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            long k = Math.max(1, d.blocks());
            runLen[i] = d.heldNanos() / k;
            blockLen[i] = d.blockedNanos() <= 0 ? 0 : d.blockedNanos() / k;
            double offset = random.nextDouble() * (runLen[i] + blockLen[i]);
            if (offset < blockLen[i]) {
                state[i] = BLOCKED;
                until[i] = blockLen[i] - offset;
                remaining[i] = runLen[i];
            } else {
                state[i] = WAITING;           // wants to run now: sorted out below
                since[i] = 0;
                remaining[i] = runLen[i] - (offset - blockLen[i]);
                queue.add(i);
            }
        }
        int holder = -1;
        int lastHolder = -1;
        double lastSwitch = 0;
        double now = 0;
        if (!queue.isEmpty()) {
            holder = queue.poll();
            state[holder] = RUNNING;
            lastHolder = holder;
        }
        while (now < windowNanos) {
            // The next thing to happen: a block ends, the holder's run ends, a waiter's interval runs out.
            double next = windowNanos;
            int unblocking = -1;
            for (int i = 0; i < n; i++) {
                if (state[i] == BLOCKED && until[i] < next) {
                    next = until[i];
                    unblocking = i;
                }
            }
            double runEnd = holder >= 0 && blockLen[holder] > 0 ? now + remaining[holder] : Double.POSITIVE_INFINITY;
            double drop = Double.POSITIVE_INFINITY;
            if (holder >= 0 && !queue.isEmpty()) {
                drop = Math.max(since[queue.peek()], lastSwitch) + intervalNanos;
                for (int w : queue) drop = Math.min(drop, Math.max(since[w], lastSwitch) + intervalNanos);
            }
            int what = UNBLOCK;
            double t = next;
            if (runEnd < t) {
                t = runEnd;
                what = RUN_END;
            }
            if (drop < t) {
                t = drop;
                what = DROP;
            }
            t = Math.max(t, now);
            if (holder >= 0) {
                progress[holder] += t - now;
                remaining[holder] -= t - now;
            }
            now = t;
            if (now >= windowNanos) break;

            if (what == RUN_END) {
                // The holder blocks: it lets go, and the longest waiter gets the GIL.
                state[holder] = BLOCKED;
                until[holder] = now + blockLen[holder];
                remaining[holder] = runLen[holder];
                holder = -1;
                if (!queue.isEmpty()) {
                    holder = take(queue.poll(), now, state, since, waits, woke, threads, runLen, blockLen, remaining);
                    if (holder != lastHolder) lastSwitch = now;
                    lastHolder = holder;
                }
            } else if (what == DROP) {
                // A drop request: the holder gives up and, forced switching, another thread runs.
                int old = holder;
                holder = take(queue.poll(), now, state, since, waits, woke, threads, runLen, blockLen, remaining);
                state[old] = WAITING;
                since[old] = now;
                woke[old] = false;
                queue.add(old);
                lastSwitch = now;
                lastHolder = holder;
            } else if (unblocking >= 0) {
                if (holder < 0) {
                    state[unblocking] = RUNNING;
                    holder = unblocking;
                    if (holder != lastHolder) lastSwitch = now;
                    lastHolder = holder;
                } else {
                    state[unblocking] = WAITING;
                    since[unblocking] = now;
                    woke[unblocking] = true;
                    queue.add(unblocking);
                }
            }
        }
        return new Result(progress, waits);
    }

    private static int take(int thread, double now, int[] state, double[] since, Histogram waits, boolean[] woke,
                            List<ThreadDemand> threads, double[] runLen, double[] blockLen, double[] remaining) {
        state[thread] = RUNNING;
        double waited = now - since[thread];
        if (waited >= 0.5) waits.recordValue(Math.round(waited));
        int batch = threads.get(thread).batch();
        double cycle = runLen[thread] + blockLen[thread];
        if (woke[thread] && batch > 0 && blockLen[thread] > 0 && cycle > 0) {
            // The wake-ups it missed while waiting are handled in this turn (see the notes).
            remaining[thread] += Math.min(batch, Math.floor(waited / cycle)) * runLen[thread];
        }
        woke[thread] = false;
        return thread;
    }
}
