package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** A thread held the GIL; the hold ended by a drop request, a blocking call, an exit or a revocation. See docs/events.md for the contract. */
@Name("gil.Hold")
@Label("GIL Hold")
@Description("A thread held the GIL; the hold ended by a drop request, a blocking call, an exit or a revocation.")
@Category({"gil4j"})
@StackTrace(false)
@Threshold("1 ms")
public final class HoldEvent extends Event {
    @Label("End Reason") @Description("drop-request, blocking, exit or revoked")
    public String endReason;

    @Label("Checkpoints") @Description("Checkpoints that reached the slow path during the hold")
    public long checkpoints;
}
