package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** The safety net took the GIL from a holder stuck in something no hook saw (a contended monitor, native code, class initialization). See docs/events.md for the contract. */
@Name("gil.Revoke")
@Label("GIL Revocation")
@Description("The safety net took the GIL from a holder stuck in something no hook saw (a contended monitor, native code, class initialization).")
@Category({"gil4j"})
@StackTrace(false)
public final class RevokeEvent extends Event {
    @Label("Holder") @Description("The thread that lost the GIL")
    public Thread holder;

    @Label("Holder State") @Description("BLOCKED, WAITING, TIMED_WAITING, TERMINATED or NO_CPU_PROGRESS")
    public String holderState;

    @Label("Latency") @Description("How long waiters were kept from the stuck holder, at most: from the latest of the waiter's arrival, the holder's taking of the GIL and the last probe that saw it running")
    @Timespan(Timespan.NANOSECONDS)
    public long latency;
}
