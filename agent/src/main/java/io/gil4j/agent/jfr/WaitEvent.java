package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** A thread waited for the GIL. See docs/events.md for the contract. */
@Name("gil.Wait")
@Label("GIL Wait")
@Description("A thread waited for the GIL.")
@Category({"gil4j"})
@StackTrace(true)
@Threshold("0 ms")
public final class WaitEvent extends Event {
    @Label("Reason") @Description("entry, io-return, switch or revoked")
    public String reason;

    @Label("Waiters") @Description("Threads already waiting when this wait began")
    public int waiters;
}
