package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** The GIL was released around a blocking call (Py_BEGIN_ALLOW_THREADS); the duration is the time blocked. See docs/events.md for the contract. */
@Name("gil.Release")
@Label("GIL Release")
@Description("The GIL was released around a blocking call (Py_BEGIN_ALLOW_THREADS); the duration is the time blocked.")
@Category({"gil4j"})
@StackTrace(false)
@Threshold("1 ms")
public final class ReleaseEvent extends Event {
    @Label("Blocking Point") @Description("The blocking method, e.g. java.net.SocketInputStream.read")
    public String blockingPoint;

    @Label("Kind") @Description("io, sleep, lock, wait or user")
    public String kind;
}
