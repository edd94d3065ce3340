package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** A class could not be transformed and runs as it was, without the GIL. See docs/events.md for the contract. */
@Name("gil.InstrumentationError")
@Label("GIL Instrumentation Error")
@Description("A class could not be transformed and runs as it was, without the GIL.")
@Category({"gil4j"})
@StackTrace(false)
public final class InstrumentationErrorEvent extends Event {
    @Label("Class")
    public String className;

    @Label("Message")
    public String message;
}
