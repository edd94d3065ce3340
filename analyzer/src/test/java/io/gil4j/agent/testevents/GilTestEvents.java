package io.gil4j.agent.testevents;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Test-scope copies of the agent's events, with the names and fields of docs/events.md, so tests can
 * write real recordings in this JVM (JfrUnit style). They live under io.gil4j.* like the agent's, so
 * the analyzer's stack filtering treats their frames as agent frames.
 */
public final class GilTestEvents {
    private GilTestEvents() {
    }

    @Name("gil.Wait") @Label("GIL Wait") @Category("gil4j") @StackTrace(true)
    public static final class Wait extends Event {
        public String reason;
        public int waiters;
    }

    @Name("gil.Hold") @Label("GIL Hold") @Category("gil4j") @StackTrace(false)
    public static final class Hold extends Event {
        public String endReason;
        public long checkpoints;
    }

    @Name("gil.Release") @Label("GIL Release") @Category("gil4j") @StackTrace(false)
    public static final class Release extends Event {
        public String blockingPoint;
        public String kind;
    }

    @Name("gil.DropRequest") @Label("GIL Drop Request") @Category("gil4j") @StackTrace(false)
    public static final class DropRequest extends Event {
        public Thread holder;
    }

    @Name("gil.Revoke") @Label("GIL Revoke") @Category("gil4j") @StackTrace(false)
    public static final class Revoke extends Event {
        public Thread holder;
        public String holderState;
        @jdk.jfr.Timespan(jdk.jfr.Timespan.NANOSECONDS) public long latency;
    }

    @Name("gil.Stats") @Label("GIL Stats") @Category("gil4j") @StackTrace(false)
    public static final class Stats extends Event {
        public Thread gilThread;
        public long gilThreadId;
        public String gilThreadName;
        @Timespan public long wallNanos;
        @Timespan public long heldNanos;
        @Timespan public long waitNanos;
        @Timespan public long releasedNanos;
        @Timespan public long outsideNanos;
        @Timespan public long releasedIoNanos;
        @Timespan public long releasedSleepNanos;
        @Timespan public long releasedLockNanos;
        @Timespan public long releasedWaitNanos;
        @Timespan public long releasedUserNanos;
        public long acquisitions;
        public long switches;
        public long dropRequests;
        public long revocations;
        public long releases;
        @Timespan public long cpuNanos;
    }

    @Name("gil.Config") @Label("GIL Config") @Category("gil4j") @StackTrace(false)
    public static final class Config extends Event {
        public String mode;
        @Timespan public long interval;
        public int checkInterval;
        public String include;
        public String exclude;
        public String release;
        public String throughput;
        @Timespan public long waitThreshold;
        @Timespan public long holdThreshold;
        @Timespan public long releaseThreshold;
        @Timespan public long statsPeriod;
        public String options;
        public String javaVersion;
        public int cores;
        public String agentVersion;
        public boolean monitorEvents;
    }

    @Name("gil.Operation") @Label("GIL Operation") @Category("gil4j") @StackTrace(false)
    public static final class Operation extends Event {
        public String method;
    }

    @Name("gil.InstrumentationError") @Label("GIL Instrumentation Error") @Category("gil4j") @StackTrace(false)
    public static final class InstrumentationError extends Event {
        public String className;
        public String message;
    }
}
