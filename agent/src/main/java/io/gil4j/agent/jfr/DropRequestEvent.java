package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** A waiter timed out after one switch interval and asked the holder to drop the GIL. See docs/events.md for the contract. */
@Name("gil.DropRequest")
@Label("GIL Drop Request")
@Description("A waiter timed out after one switch interval and asked the holder to drop the GIL.")
@Category({"gil4j"})
@StackTrace(false)
public final class DropRequestEvent extends Event {
    @Label("Holder") @Description("The thread asked to drop the GIL")
    public Thread holder;
}
