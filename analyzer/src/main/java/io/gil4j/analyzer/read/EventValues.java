package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Fields;
import io.gil4j.analyzer.read.ChunkMetadata.Field;

/**
 * Delivers the events that are not batched (the rarer gil types, and any type with an unusual layout)
 * to the sink, each field meaning exactly what the JDK's {@code RecordedEvent} accessors return (same
 * tick conversion, same null / 0 for missing or mistyped fields), so the report does not depend on the
 * reader.
 */
final class EventValues {
    private final GilEventSink sink;
    private final ConstantPools pools;
    private final double divisor;

    EventValues(GilEventSink sink, ConstantPools pools, double divisor) {
        this.sink = sink;
        this.pools = pools;
        this.divisor = divisor;
    }

    /** The field's value as the JDK's RecordedObject.getValue returns it (boxed; references resolved). */
    private Object value(EventPlan plan, int i) {
        if (i < plan.first) {
            return i == 0 ? Long.valueOf(plan.startNanos) : Long.valueOf(plan.endNanos - plan.startNanos);
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            return pools.resolve(new ConstantPools.Ref(f.type, plan.longs[i]));
        }
        if (plan.layout[i] == EventPlan.L_VARINT) { // boxed as its declared type (no switch expression: it
            long v = plan.longs[i];                 // would promote every arm to long)
            switch (f.type.kind) {
                case ChunkMetadata.INT:
                    return (int) v;
                case ChunkMetadata.SHORT:
                    return (short) v;
                case ChunkMetadata.CHAR:
                    return (char) v;
                default:
                    return v;
            }
        }
        return pools.resolve(plan.values[i]);
    }

    private String string(EventPlan plan, int i) {
        if (i < plan.first) {
            return null;
        }
        if (plan.layout[i] == EventPlan.L_STRING) {
            return (String) plan.values[i];
        }
        return value(plan, i) instanceof String s ? s : null;
    }

    private String string(EventPlan plan, String field) {
        int i = plan.type.indexOf(field);
        return i < 0 ? null : string(plan, i);
    }

    /** RecordedObject.getLong: integral values; 0 (the decoder's default) for anything else. */
    private long number(EventPlan plan, int i) {
        if (i < 0) {
            return 0;
        }
        if (i >= plan.first && plan.layout[i] == EventPlan.L_VARINT) {
            return plan.integer(i);
        }
        return longOf(value(plan, i));
    }

    private static long longOf(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer n) {
            return n;
        }
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Character c) {
            return c;
        }
        if (v instanceof Byte x) {
            return x;
        }
        return 0;
    }

    private long number(EventPlan plan, String field) {
        return number(plan, plan.type.indexOf(field));
    }

    /** A boolean field, or null where the event has no such field. */
    private Boolean bool(EventPlan plan, String field) {
        int i = plan.type.indexOf(field);
        if (i < plan.first) {
            return null;
        }
        Object v = value(plan, i);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof Number n ? n.longValue() != 0 : null;
    }

    private long positive(EventPlan plan, String field) {
        return Math.max(0, number(plan, field));
    }

    /** Event duration, never negative (as the old decoder made of RecordedEvent.getDuration()). */
    static long duration(EventPlan p) {
        return duration(p.startNanos, p.endNanos);
    }

    static long duration(long startNanos, long endNanos) {
        long d = endNanos - startNanos;
        if (d < 0) {
            return 0;
        }
        return d / 1_000_000_000L >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE / 4 : d;
    }

    /** RecordedObject.getDuration(field) in nanoseconds, -1 when negative, missing or not a timespan. */
    private long timespan(EventPlan plan, String field) {
        int i = plan.type.indexOf(field);
        if (i < plan.first) {
            return -1;
        }
        Object v = value(plan, i);
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Character
                || v instanceof Byte)) {
            return -1;
        }
        long ts = longOf(v);
        if (ts == 0) {
            return 0;
        }
        if (ts == Long.MIN_VALUE) {
            return -1;
        }
        if (ts == Long.MAX_VALUE) {
            return Long.MAX_VALUE / 4;
        }
        String unit = plan.type.fields[i].timespanUnit;
        if (unit == null) {
            return -1;
        }
        try {
            java.time.Duration d = switch (unit) {
                case "MICROSECONDS" -> java.time.Duration.ofNanos(1000 * ts);
                case "SECONDS" -> java.time.Duration.ofSeconds(ts);
                case "MILLISECONDS" -> java.time.Duration.ofMillis(ts);
                case "NANOSECONDS" -> java.time.Duration.ofNanos(ts);
                case "TICKS" -> java.time.Duration.ofNanos((long) (ts / divisor));
                default -> null;
            };
            if (d == null || d.isNegative()) {
                return -1;
            }
            return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE / 4 : d.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private ThreadRef eventThread(EventPlan plan) {
        int i = plan.thread;
        if (i < plan.first) {
            return ThreadRef.UNKNOWN;
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            return pools.pooledThread(f.type, plan.longs[i]);
        }
        return pools.threadRef(value(plan, i));
    }

    /** e.getThread(field): only a field declared as java.lang.Thread. */
    private ThreadRef threadField(EventPlan plan, String field) {
        int i = plan.type.indexOf(field);
        if (i < plan.first || !"java.lang.Thread".equals(plan.type.fields[i].type.name)) {
            return ThreadRef.UNKNOWN;
        }
        return pools.threadRef(value(plan, i));
    }

    private StackKey stack(EventPlan plan) {
        int i = plan.stack;
        if (i < plan.first) {
            return StackKey.NONE;
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            return pools.pooledStack(f.type, plan.longs[i]);
        }
        return pools.stackKey(value(plan, i));
    }

    /** Delivers the plan's current event. */
    void deliver(EventPlan p) {
        long start = p.startNanos;
        switch (p.name) {
            case GilEventNames.HOLD -> sink.holdEvent(eventThread(p), start, duration(p),
                    p.endReason < 0 ? null : string(p, p.endReason), number(p, p.checkpoints));
            case GilEventNames.RELEASE -> sink.releaseEvent(eventThread(p), start, duration(p),
                    p.blockingPoint < 0 ? null : string(p, p.blockingPoint), p.kind < 0 ? null : string(p, p.kind));
            case GilEventNames.WAIT -> sink.waitEvent(eventThread(p), start, duration(p),
                    p.reason < 0 ? null : string(p, p.reason), (int) number(p, Fields.WAITERS), stack(p));
            case GilEventNames.DROP_REQUEST -> sink.dropRequestEvent(eventThread(p), start,
                    threadField(p, Fields.HOLDER));
            case GilEventNames.REVOKE -> sink.revokeEvent(eventThread(p), start,
                    threadField(p, Fields.HOLDER), string(p, Fields.HOLDER_STATE),
                    p.type.indexOf(Fields.LATENCY) < 0 ? -1 : positive(p, Fields.LATENCY));
            case GilEventNames.STATS -> sink.statsEvent(start, statsThread(p), stats(p));
            case GilEventNames.CONFIG -> sink.configEvent(start, config(p));
            case GilEventNames.OPERATION -> sink.operationEvent(eventThread(p), start, duration(p),
                    string(p, Fields.METHOD));
            case GilEventNames.INSTRUMENTATION_ERROR -> sink.instrumentationErrorEvent(start,
                    string(p, Fields.CLASS_NAME), string(p, Fields.MESSAGE));
            default -> { }
        }
    }

    /** gilThread, else gilThreadId/gilThreadName (newer agents), else UNKNOWN (see the model). */
    private ThreadRef statsThread(EventPlan p) {
        ThreadRef t = threadField(p, Fields.GIL_THREAD);
        if (t != ThreadRef.UNKNOWN) {
            return t;
        }
        long id = number(p, Fields.GIL_THREAD_ID);
        return id > 0 ? new ThreadRef(id, string(p, Fields.GIL_THREAD_NAME)) : ThreadRef.UNKNOWN;
    }

    private StatsSample stats(EventPlan p) {
        return StatsSample.of(new StatsSample.FieldReader() {
            @Override public long positive(String field) { return EventValues.this.positive(p, field); }

            @Override public long timespan(String field) { return EventValues.this.timespan(p, field); }

            @Override public boolean has(String field) { return p.type.indexOf(field) >= 0; }
        });
    }

    private RunConfig config(EventPlan p) {
        return new RunConfig(true, string(p, Fields.MODE), timespan(p, Fields.INTERVAL),
                (int) number(p, Fields.CHECK_INTERVAL), string(p, Fields.INCLUDE), string(p, Fields.EXCLUDE),
                string(p, Fields.RELEASE_OPTION), string(p, Fields.THROUGHPUT), timespan(p, Fields.WAIT_THRESHOLD),
                timespan(p, Fields.HOLD_THRESHOLD), timespan(p, Fields.RELEASE_THRESHOLD), timespan(p, Fields.STATS_PERIOD), string(p, Fields.OPTIONS),
                string(p, Fields.JAVA_VERSION), (int) number(p, Fields.CORES), string(p, Fields.AGENT_VERSION),
                bool(p, Fields.MONITOR_EVENTS));
    }
}
