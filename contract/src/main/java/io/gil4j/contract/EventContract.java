package io.gil4j.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JFR events the agent writes and the analyzer reads, stated once (prose: docs/events.md).
 *
 * <p>Every event also carries JFR's own {@code startTime}, {@code eventThread} and, for duration
 * events, {@code duration} and {@code stackTrace} where enabled; those are not listed. A field is
 * part of the contract with its name, its Java type and, for durations, the unit: every duration is a
 * JFR timespan in nanoseconds.
 *
 * <p>Assumptions and guarantees: names and types never change within schema 1; fields and vocabulary
 * words may be added (readers must accept recordings without a newer field). The tests of each side
 * compare against this class: the agent's event classes and a real recording's metadata, the
 * analyzer's names and test events, and docs/events.md.
 */
public final class EventContract {
    private EventContract() { }

    /** A field's Java type in the event class (JFR's own type names follow from it). */
    public enum Type { LONG, INT, BOOLEAN, STRING, THREAD }

    /** One field: name, type, and whether it is a timespan in nanoseconds. */
    public record Field(String name, Type type, boolean timespanNanos) {
        static Field of(String name, Type type) {
            return new Field(name, type, false);
        }

        static Field nanos(String name) {
            return new Field(name, Type.LONG, true);
        }
    }

    /** One event: its name, whether it has a duration, and its fields in declaration order. */
    public record Event(String name, boolean duration, List<Field> fields) {
        public Optional<Field> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }
    }

    public static final Event WAIT = new Event("gil.Wait", true, List.of(
            Field.of("reason", Type.STRING), Field.of("waiters", Type.INT)));
    public static final Event HOLD = new Event("gil.Hold", true, List.of(
            Field.of("endReason", Type.STRING), Field.of("checkpoints", Type.LONG)));
    public static final Event RELEASE = new Event("gil.Release", true, List.of(
            Field.of("blockingPoint", Type.STRING), Field.of("kind", Type.STRING)));
    public static final Event DROP_REQUEST = new Event("gil.DropRequest", false, List.of(
            Field.of("holder", Type.THREAD)));
    public static final Event REVOKE = new Event("gil.Revoke", false, List.of(
            Field.of("holder", Type.THREAD), Field.of("holderState", Type.STRING), Field.nanos("latency")));
    public static final Event STATS = new Event("gil.Stats", false, List.of(
            Field.of("gilThread", Type.THREAD), Field.of("gilThreadId", Type.LONG), Field.of("gilThreadName", Type.STRING),
            Field.nanos("wallNanos"), Field.nanos("heldNanos"), Field.nanos("waitNanos"), Field.nanos("releasedNanos"),
            Field.nanos("outsideNanos"), Field.nanos("releasedIoNanos"), Field.nanos("releasedSleepNanos"),
            Field.nanos("releasedLockNanos"), Field.nanos("releasedWaitNanos"), Field.nanos("releasedUserNanos"),
            Field.of("acquisitions", Type.LONG), Field.of("switches", Type.LONG), Field.of("dropRequests", Type.LONG),
            Field.of("revocations", Type.LONG), Field.of("releases", Type.LONG), Field.nanos("cpuNanos")));
    public static final Event CONFIG = new Event("gil.Config", false, List.of(
            Field.of("mode", Type.STRING), Field.nanos("interval"), Field.of("checkInterval", Type.INT),
            Field.of("include", Type.STRING), Field.of("exclude", Type.STRING), Field.of("release", Type.STRING),
            Field.of("throughput", Type.STRING), Field.nanos("waitThreshold"), Field.nanos("holdThreshold"),
            Field.nanos("releaseThreshold"), Field.nanos("statsPeriod"), Field.of("options", Type.STRING),
            Field.of("javaVersion", Type.STRING), Field.of("cores", Type.INT), Field.of("agentVersion", Type.STRING),
            Field.of("monitorEvents", Type.BOOLEAN)));
    public static final Event OPERATION = new Event("gil.Operation", true, List.of(
            Field.of("method", Type.STRING)));
    public static final Event INSTRUMENTATION_ERROR = new Event("gil.InstrumentationError", false, List.of(
            Field.of("className", Type.STRING), Field.of("message", Type.STRING)));

    /** Every event, in the order of docs/events.md. */
    public static final List<Event> EVENTS = List.of(WAIT, HOLD, RELEASE, DROP_REQUEST, REVOKE, STATS, CONFIG,
            OPERATION, INSTRUMENTATION_ERROR);

    /** gil.Wait.reason, in the agent's code order. */
    public static final List<String> WAIT_REASONS = List.of("entry", "io-return", "switch", "revoked");
    /** gil.Hold.endReason. */
    public static final List<String> END_REASONS = List.of("drop-request", "blocking", "exit", "revoked");
    /** gil.Release.kind (also the Stats released*Nanos split). */
    public static final List<String> RELEASE_KINDS = List.of("io", "sleep", "lock", "wait", "user");
    /** gil.Revoke.holderState. */
    public static final List<String> HOLDER_STATES = List.of("BLOCKED", "WAITING", "TIMED_WAITING", "TERMINATED",
            "NO_CPU_PROGRESS");
    /** gil.Config.mode. */
    public static final List<String> MODES = List.of("gil", "legacy", "off");

    /** Each vocabulary by the field that uses it ("event.field"). */
    public static final Map<String, List<String>> VOCABULARIES = Map.of(
            "gil.Wait.reason", WAIT_REASONS, "gil.Hold.endReason", END_REASONS, "gil.Release.kind", RELEASE_KINDS,
            "gil.Revoke.holderState", HOLDER_STATES, "gil.Config.mode", MODES);

    public static Optional<Event> event(String name) {
        return EVENTS.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
