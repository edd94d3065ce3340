package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** The agent options in force for this run. See docs/events.md for the contract. */
@Name("gil.Config")
@Label("GIL Configuration")
@Description("The agent options in force for this run.")
@Category({"gil4j"})
@StackTrace(false)
@Period("everyChunk")
public final class ConfigEvent extends Event {
    @Label("Mode") public String mode;
    @Label("Switch Interval") @Timespan(Timespan.NANOSECONDS) public long interval;
    @Label("Check Interval") @Description("Legacy mode: checkpoints between releases") public int checkInterval;
    @Label("Include") public String include;
    @Label("Exclude") public String exclude;
    @Label("Release") public String release;
    @Label("Throughput") public String throughput;
    @Label("Wait Threshold") @Timespan(Timespan.NANOSECONDS) public long waitThreshold;
    @Label("Hold Threshold") @Timespan(Timespan.NANOSECONDS) public long holdThreshold;
    @Label("Release Threshold") @Timespan(Timespan.NANOSECONDS) public long releaseThreshold;
    @Label("Stats Period") @Timespan(Timespan.NANOSECONDS) public long statsPeriod;
    @Label("Options") @Description("The option string as given") public String options;
    @Label("Java Version") public String javaVersion;
    @Label("Cores") public int cores;
    @Label("Agent Version") public String agentVersion;
    @Label("Monitor Events") @Description("The JVMTI helper releases the GIL around contended monitors and waits")
    public boolean monitorEvents;
}
