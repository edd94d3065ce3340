package io.gil4j.analyzer.model;

import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Gives gil.Stats samples whose {@code gilThread} is missing back to their threads.
 *
 * <p>Why: the agent writes each thread's final Stats sample after the thread has died, and JFR writes a
 * reference to a dead {@link Thread} as null (observed on JDK 17: {@code gilThread = N/A} on every
 * at-exit sample). Read as one "unknown thread", those samples would hide the threads' exact totals and
 * merge several threads into one. Counters are cumulative, so an orphan can only belong to a thread whose
 * earlier sample it dominates (every counter >=) and whose event totals (thresholded Hold/Wait/Release
 * durations, a lower bound) it covers. Among those, the thread needing the least growth beyond what is
 * already known of it is the owner; pairs are matched greedily by that cost, each thread at most once.
 * An orphan with no feasible thread becomes its own anonymous thread, so totals still count it.
 */
final class OrphanStats {
    /** Slack for the event lower bound: JFR ticks and the agent's nanoTime counters differ a little. */
    private static final long SLACK_NANOS = 2_000_000L;

    private OrphanStats() {
    }

    record Orphan(long time, StatsSample sample) {
    }

    /**
     * Assigns each orphan to a thread (calling its {@code stats}); orphans left over get a fresh
     * accumulator from {@code anonymous} (given the ordinal of the leftover).
     */
    static void assign(List<Orphan> orphans, Collection<ThreadAccumulator> threads,
                       Function<Integer, ThreadAccumulator> anonymous) {
        record Pair(Orphan orphan, ThreadAccumulator thread, long cost) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Orphan o : orphans) {
            for (ThreadAccumulator a : threads) {
                long cost = cost(o.sample(), a);
                if (a.id != ThreadRef.UNKNOWN.id() && cost >= 0) {
                    pairs.add(new Pair(o, a, cost));
                }
            }
        }
        pairs.sort(Comparator.comparingLong(Pair::cost));
        List<Orphan> left = new ArrayList<>(orphans);
        List<ThreadAccumulator> taken = new ArrayList<>();
        for (Pair p : pairs) {
            if (left.contains(p.orphan()) && !taken.contains(p.thread())) {
                p.thread().stats(p.orphan().time(), p.orphan().sample());
                left.remove(p.orphan());
                taken.add(p.thread());
            }
        }
        for (int i = 0; i < left.size(); i++) {
            Orphan o = left.get(i);
            anonymous.apply(i + 1).stats(o.time(), o.sample());
        }
    }

    /** Growth needed to explain the orphan as this thread's later sample; -1 when impossible. */
    static long cost(StatsSample o, ThreadAccumulator a) {
        StatsSample last = a.lastStats;
        if (last != null && (o.wallNanos() < last.wallNanos() || o.heldNanos() < last.heldNanos()
                || o.waitNanos() < last.waitNanos() || o.releasedNanos() < last.releasedNanos()
                || o.acquisitions() < last.acquisitions() || o.switches() < last.switches())) {
            return -1;
        }
        long held = Math.max(last == null ? 0 : last.heldNanos(), a.holdNanos);
        long wait = Math.max(last == null ? 0 : last.waitNanos(), a.waitNanos);
        long released = Math.max(last == null ? 0 : last.releasedNanos(), a.releaseNanos);
        if (o.heldNanos() + slack(held) < held || o.waitNanos() + slack(wait) < wait
                || o.releasedNanos() + slack(released) < released) {
            return -1;
        }
        return Math.abs(o.heldNanos() - held) + Math.abs(o.waitNanos() - wait) + Math.abs(o.releasedNanos() - released);
    }

    private static long slack(long nanos) {
        return SLACK_NANOS + nanos / 100;
    }
}
