package io.gil4j.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;

/**
 * Compares JFR's description of an event type (from an event class, {@code EventType.getEventType}, or
 * from a recording's metadata, {@code RecordingFile.readEventTypes}) with {@link EventContract}.
 */
public final class ContractCheck {
    private ContractCheck() { }

    /**
     * JFR's own fields, not part of the contract. Every JFR event has a duration field (zero for an
     * instant event), so whether an event is a duration event cannot be read from its type.
     */
    private static final Set<String> STANDARD = Set.of("startTime", "duration", "eventThread", "stackTrace");

    /** Every difference between {@code type} and the contract, one line each; empty when they agree. */
    public static List<String> mismatches(EventType type) {
        List<String> out = new ArrayList<>();
        EventContract.Event e = EventContract.event(type.getName()).orElse(null);
        if (e == null) {
            out.add(type.getName() + ": not in the contract");
            return out;
        }
        List<ValueDescriptor> fields = type.getFields().stream().filter(f -> !STANDARD.contains(f.getName())).toList();
        List<String> names = fields.stream().map(ValueDescriptor::getName).toList();
        List<String> expected = e.fields().stream().map(EventContract.Field::name).toList();
        if (!names.equals(expected)) out.add(e.name() + ": fields " + names + ", contract " + expected);
        for (ValueDescriptor f : fields) {
            EventContract.Field c = e.field(f.getName()).orElse(null);
            if (c == null) continue;
            String javaType = javaType(c.type());
            if (!javaType.equals(f.getTypeName())) {
                out.add(e.name() + "." + f.getName() + ": type " + f.getTypeName() + ", contract " + javaType);
            }
            Timespan unit = f.getAnnotation(Timespan.class);
            boolean nanos = unit != null && Timespan.NANOSECONDS.equals(unit.value());
            if (nanos != c.timespanNanos()) {
                out.add(e.name() + "." + f.getName() + ": " + (unit == null ? "no timespan" : "timespan " + unit.value())
                        + ", contract " + (c.timespanNanos() ? "timespan in nanoseconds" : "no timespan"));
            }
        }
        return out;
    }

    /** JFR's type name for a contract type. */
    static String javaType(EventContract.Type t) {
        return switch (t) {
            case LONG -> "long";
            case INT -> "int";
            case BOOLEAN -> "boolean";
            case STRING -> "java.lang.String";
            case THREAD -> "java.lang.Thread";
        };
    }
}
