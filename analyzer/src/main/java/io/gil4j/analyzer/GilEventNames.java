package io.gil4j.analyzer;

import java.util.List;

/**
 * The analyzer's own copy of the JFR event names and field names written by the gil4j agent
 * (contract: {@code docs/events.md}). The analyzer never links against the agent's classes; a test
 * compares these names with the agent's, so keep every name the analyzer reads in this one class.
 */
public final class GilEventNames {
    private GilEventNames() {
    }

    /** Prefix shared by every gil4j event. */
    public static final String PREFIX = "gil.";

    public static final String WAIT = "gil.Wait";
    public static final String HOLD = "gil.Hold";
    public static final String RELEASE = "gil.Release";
    public static final String DROP_REQUEST = "gil.DropRequest";
    public static final String REVOKE = "gil.Revoke";
    public static final String STATS = "gil.Stats";
    public static final String CONFIG = "gil.Config";
    public static final String OPERATION = "gil.Operation";
    public static final String INSTRUMENTATION_ERROR = "gil.InstrumentationError";

    /** Every event name the analyzer reads, in contract order. */
    public static final List<String> ALL = List.of(WAIT, HOLD, RELEASE, DROP_REQUEST, REVOKE, STATS, CONFIG,
            OPERATION, INSTRUMENTATION_ERROR);

    /** Field names, grouped by event. */
    public static final class Fields {
        private Fields() {
        }

        // gil.Wait
        public static final String REASON = "reason";
        public static final String WAITERS = "waiters";
        // gil.Hold
        public static final String END_REASON = "endReason";
        public static final String CHECKPOINTS = "checkpoints";
        // gil.Release
        public static final String BLOCKING_POINT = "blockingPoint";
        public static final String KIND = "kind";
        // gil.DropRequest, gil.Revoke
        public static final String HOLDER = "holder";
        public static final String HOLDER_STATE = "holderState";
        /** gil.Revoke: how long waiters were kept from the stuck holder; absent in older recordings. */
        public static final String LATENCY = "latency";
        // gil.Stats
        public static final String GIL_THREAD = "gilThread";
        /** Added by the agent because JFR writes a thread that has ended as null; absent in older recordings. */
        public static final String GIL_THREAD_ID = "gilThreadId";
        public static final String GIL_THREAD_NAME = "gilThreadName";
        public static final String WALL_NANOS = "wallNanos";
        public static final String HELD_NANOS = "heldNanos";
        public static final String WAIT_NANOS = "waitNanos";
        public static final String RELEASED_NANOS = "releasedNanos";
        public static final String OUTSIDE_NANOS = "outsideNanos";
        public static final String RELEASED_IO_NANOS = "releasedIoNanos";
        public static final String RELEASED_SLEEP_NANOS = "releasedSleepNanos";
        public static final String RELEASED_LOCK_NANOS = "releasedLockNanos";
        public static final String RELEASED_WAIT_NANOS = "releasedWaitNanos";
        public static final String RELEASED_USER_NANOS = "releasedUserNanos";
        public static final String ACQUISITIONS = "acquisitions";
        public static final String SWITCHES = "switches";
        public static final String DROP_REQUESTS = "dropRequests";
        public static final String REVOCATIONS = "revocations";
        public static final String RELEASES = "releases";
        public static final String CPU_NANOS = "cpuNanos";
        // gil.Config
        public static final String MODE = "mode";
        public static final String INTERVAL = "interval";
        public static final String CHECK_INTERVAL = "checkInterval";
        public static final String INCLUDE = "include";
        public static final String EXCLUDE = "exclude";
        public static final String RELEASE_OPTION = "release";
        public static final String THROUGHPUT = "throughput";
        public static final String WAIT_THRESHOLD = "waitThreshold";
        public static final String HOLD_THRESHOLD = "holdThreshold";
        public static final String RELEASE_THRESHOLD = "releaseThreshold";
        public static final String STATS_PERIOD = "statsPeriod";
        public static final String OPTIONS = "options";
        public static final String JAVA_VERSION = "javaVersion";
        public static final String CORES = "cores";
        public static final String AGENT_VERSION = "agentVersion";
        public static final String MONITOR_EVENTS = "monitorEvents";
        // gil.Operation
        public static final String METHOD = "method";
        // gil.InstrumentationError
        public static final String CLASS_NAME = "className";
        public static final String MESSAGE = "message";
    }

    /** Values of {@code gil.Wait.reason}. */
    public static final class WaitReasons {
        private WaitReasons() {
        }

        public static final String ENTRY = "entry";
        public static final String IO_RETURN = "io-return";
        public static final String SWITCH = "switch";
        public static final String REVOKED = "revoked";
        public static final List<String> ALL = List.of(ENTRY, IO_RETURN, SWITCH, REVOKED);
    }

    /** Values of {@code gil.Hold.endReason}. */
    public static final class HoldEndReasons {
        private HoldEndReasons() {
        }

        public static final String DROP_REQUEST = "drop-request";
        public static final String BLOCKING = "blocking";
        public static final String EXIT = "exit";
        public static final String REVOKED = "revoked";
        public static final List<String> ALL = List.of(DROP_REQUEST, BLOCKING, EXIT, REVOKED);
    }

    /** Values of {@code gil.Release.kind}. */
    public static final class ReleaseKinds {
        private ReleaseKinds() {
        }

        public static final String IO = "io";
        public static final String SLEEP = "sleep";
        public static final String LOCK = "lock";
        public static final String WAIT = "wait";
        public static final String USER = "user";
        public static final List<String> ALL = List.of(IO, SLEEP, LOCK, WAIT, USER);
    }

    /** Values of {@code gil.Config.mode}. */
    public static final class Modes {
        private Modes() {
        }

        public static final String GIL = "gil";
        public static final String LEGACY = "legacy";
        public static final String OFF = "off";
    }

    /** Values of {@code gil.Revoke.holderState}. */
    public static final class HolderStates {
        private HolderStates() {
        }

        public static final String NO_CPU_PROGRESS = "NO_CPU_PROGRESS";
        public static final List<String> ALL = List.of("BLOCKED", "WAITING", "TIMED_WAITING", "TERMINATED",
                NO_CPU_PROGRESS);
    }
}
