package io.gil4j.agent.jmx;

import java.beans.ConstructorProperties;

/** One thread's row in {@link GilMXBean#getThreadStats()} (an open-type CompositeData on the wire). */
public final class GilThreadStats {
    private final String name;
    private final long id;
    private final double heldSeconds;
    private final double waitingSeconds;
    private final double releasedSeconds;
    private final long switches;
    private final long dropRequests;
    private final double[] held;
    private final double[] waiting;
    private final long[] waitBuckets;

    @ConstructorProperties({"name", "id", "heldSeconds", "waitingSeconds", "releasedSeconds", "switches", "dropRequests",
            "heldFraction1m", "heldFraction5m", "heldFraction15m", "waitingFraction1m", "waitingFraction5m", "waitingFraction15m", "waitBuckets"})
    public GilThreadStats(String name, long id, double heldSeconds, double waitingSeconds, double releasedSeconds,
                          long switches, long dropRequests, double heldFraction1m, double heldFraction5m,
                          double heldFraction15m, double waitingFraction1m, double waitingFraction5m, double waitingFraction15m,
                          long[] waitBuckets) {
        this.waitBuckets = waitBuckets == null ? new long[0] : waitBuckets.clone();
        this.held = new double[] {heldFraction1m, heldFraction5m, heldFraction15m};
        this.waiting = new double[] {waitingFraction1m, waitingFraction5m, waitingFraction15m};
        this.name = name;
        this.id = id;
        this.heldSeconds = heldSeconds;
        this.waitingSeconds = waitingSeconds;
        this.releasedSeconds = releasedSeconds;
        this.switches = switches;
        this.dropRequests = dropRequests;
    }

    public String getName() { return name; }

    public long getId() { return id; }

    public double getHeldSeconds() { return heldSeconds; }

    public double getWaitingSeconds() { return waitingSeconds; }

    public double getReleasedSeconds() { return releasedSeconds; }

    public long getSwitches() { return switches; }

    public long getDropRequests() { return dropRequests; }

    /** Share of wall time this thread held the GIL: exponentially weighted over 1, 5 and 15 minutes (0 until sampled). */
    public double getHeldFraction1m() { return held[0]; }

    public double getHeldFraction5m() { return held[1]; }

    public double getHeldFraction15m() { return held[2]; }

    /** Share of wall time this thread waited for the GIL, averaged the same way. */
    public double getWaitingFraction1m() { return waiting[0]; }

    public double getWaitingFraction5m() { return waiting[1]; }

    public double getWaitingFraction15m() { return waiting[2]; }

    /**
     * Contended waits since the thread's start by duration: element k counts waits of [2^(k-1), 2^k)
     * microseconds (element 0: under one), the last element everything longer. Two reads give any
     * period's percentiles.
     */
    public long[] getWaitBuckets() { return waitBuckets.clone(); }

    /** Held / (held + waiting + released): the share of its time in instrumented code it held the GIL. */
    public double getHeldShare() {
        double all = heldSeconds + waitingSeconds + releasedSeconds;
        return all <= 0 ? 0 : heldSeconds / all;
    }

    public double getWaitingShare() {
        double all = heldSeconds + waitingSeconds + releasedSeconds;
        return all <= 0 ? 0 : waitingSeconds / all;
    }
}
