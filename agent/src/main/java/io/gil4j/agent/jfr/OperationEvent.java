package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** One completion of a throughput= method. See docs/events.md for the contract. */
@Name("gil.Operation")
@Label("GIL Operation")
@Description("One completion of a throughput= method.")
@Category({"gil4j"})
@StackTrace(false)
public final class OperationEvent extends Event {
    @Label("Method")
    public String method;
}
