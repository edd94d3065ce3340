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

    @ConstructorProperties({"name", "id", "heldSeconds", "waitingSeconds", "releasedSeconds", "switches", "dropRequests"})
    public GilThreadStats(String name, long id, double heldSeconds, double waitingSeconds, double releasedSeconds,
                          long switches, long dropRequests) {
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
