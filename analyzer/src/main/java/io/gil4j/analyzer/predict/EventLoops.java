package io.gil4j.analyzer.predict;

import io.gil4j.analyzer.predict.DemandCollector.Run;
import io.gil4j.analyzer.predict.DemandCollector.ThreadSamples;
import io.gil4j.analyzer.predict.DemandCollector.TimedSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event loops of a closed-loop run, for {@link Predictor}: which threads pass requests on without
 * counting them, and how many of the wake-ups they missed while waiting for the GIL each one handles in
 * one turn (docs/design.md section 6).
 *
 * <p>Assumptions and guarantees: the connections are spread evenly over the event loops, and each has
 * one request in the service at a time; a run without such threads, or with the connections unknown
 * (0), gets no batch, which leaves the prediction as it was without this class.
 */
final class EventLoops {
    private EventLoops() { }

    /**
     * How many missed wake-ups each event loop of a closed-loop run handles in one turn of the GIL
     * ({@link GilSimulator}'s notes): its share of the connections minus the one that woke it. The event
     * loops are the threads that ran no operations but held the GIL for at least 1% of the run's held time
     * after the skipped start (an acceptor that only took the connections, or a main thread that only
     * started the service, falls below it); the connections are taken to be spread evenly over them, as
     * Netty and other NIO servers assign them in turn. Empty when the connections are not known or no
     * thread qualifies.
     *
     * @param firstEntry the run's first entry into instrumented code, its samples sorted by time
     *                   ({@link Run#sortSamplesAndFindFirstEntry})
     */
    static Map<ThreadSamples, Integer> batches(Run run, int connections, long firstEntry, long skipNanos) {
        if (connections <= 0) return Map.of();
        long from = firstEntry == Long.MAX_VALUE ? Long.MIN_VALUE : firstEntry + skipNanos;
        Map<ThreadSamples, Long> heldAfter = new LinkedHashMap<>();
        long held = 0;
        for (ThreadSamples t : run.threads.values()) {
            long h = heldSince(t, from);
            heldAfter.put(t, h);
            held += h;
        }
        List<ThreadSamples> loops = new ArrayList<>();
        for (ThreadSamples t : run.threads.values()) {
            if (t.operations.isEmpty() && held > 0 && heldAfter.get(t) * 100 >= held) loops.add(t);
        }
        if (loops.isEmpty()) return Map.of();
        int batch = (connections + loops.size() - 1) / loops.size() - 1;
        Map<ThreadSamples, Integer> batches = new LinkedHashMap<>();
        if (batch > 0) for (ThreadSamples t : loops) batches.put(t, batch);
        return batches;
    }

    /** Held time of a thread after {@code from}: its last total less its total at the last sample before. */
    private static long heldSince(ThreadSamples t, long from) {
        if (t.samples.isEmpty()) return 0;
        long before = 0;
        for (TimedSample s : t.samples) {
            if (s.time() > from) break;
            before = s.totals().heldNanos();
        }
        return Math.max(0, t.samples.get(t.samples.size() - 1).totals().heldNanos() - before);
    }
}
