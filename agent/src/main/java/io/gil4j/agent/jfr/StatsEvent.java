package io.gil4j.agent.jfr;

import jdk.jfr.*;

/** Cumulative per-thread GIL totals since the thread first entered instrumented code; held + wait + released + outside = wall. See docs/events.md for the contract. */
@Name("gil.Stats")
@Label("GIL Thread Statistics")
@Description("Cumulative per-thread GIL totals since the thread first entered instrumented code; held + wait + released + outside = wall.")
@Category({"gil4j"})
@StackTrace(false)
@Period("1 s")
public final class StatsEvent extends Event {
    @Label("GIL Thread") @Description("The thread these totals belong to")
    public Thread gilThread;

    @Label("GIL Thread Id") @Description("Java thread id of gilThread; kept because JFR cannot name a thread that has already ended")
    public long gilThreadId;

    @Label("GIL Thread Name") @Description("Name of gilThread, for the same reason")
    public String gilThreadName;

    @Label("Wall Time") @Timespan(Timespan.NANOSECONDS) public long wallNanos;
    @Label("Held") @Timespan(Timespan.NANOSECONDS) public long heldNanos;
    @Label("Waiting") @Timespan(Timespan.NANOSECONDS) public long waitNanos;
    @Label("Released") @Timespan(Timespan.NANOSECONDS) public long releasedNanos;
    @Label("Outside") @Description("Not in instrumented code") @Timespan(Timespan.NANOSECONDS) public long outsideNanos;
    @Label("Released for I/O") @Timespan(Timespan.NANOSECONDS) public long releasedIoNanos;
    @Label("Released for Sleep") @Timespan(Timespan.NANOSECONDS) public long releasedSleepNanos;
    @Label("Released for Locks") @Timespan(Timespan.NANOSECONDS) public long releasedLockNanos;
    @Label("Released for Waits") @Timespan(Timespan.NANOSECONDS) public long releasedWaitNanos;
    @Label("Released by User Methods") @Timespan(Timespan.NANOSECONDS) public long releasedUserNanos;
    @Label("Acquisitions") public long acquisitions;
    @Label("Switches") @Description("Acquisitions that took the GIL from another thread") public long switches;
    @Label("Drop Requests") @Description("Drops honoured on request") public long dropRequests;
    @Label("Revocations") @Description("Times the safety net took the GIL from this thread") public long revocations;
    @Label("Releases") @Description("Times the thread let go of the GIL around a blocking call or lost it to the safety net, short ones included")
    public long releases;
    @Label("CPU Time") @Description("CPU time the thread has used since it started (all code, not only instrumented), -1 where the JVM cannot tell")
    @Timespan(Timespan.NANOSECONDS) public long cpuNanos;
}
