package io.gil4j.jmc;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Fields;
import io.gil4j.analyzer.read.GilEventSink;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StackKey;
import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmc.common.IMCFrame;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCStackTrace;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/**
 * Feeds the gil events of a recording as JMC parsed it ({@link IItemCollection}) to the analyzer's
 * {@link GilEventSink}, the same calls the analyzer's own decoder makes, so that the analyzer's model and
 * rules run unchanged inside JMC. A field the recording lacks reads as null or 0, as it does there.
 */
final class JmcItems {
    private static final String[] AGENT_PACKAGES = {"io.gil4j.bootstrap.", "io.gil4j.agent."};

    private JmcItems() { }

    /** All gil events of {@code items}, as one run. */
    static void feed(IItemCollection items, GilEventSink sink) {
        sink.beginRun(Path.of("jmc"));
        Set<String> declared = new HashSet<>();
        for (IItemIterable it : items) {
            String name = it.getType().getIdentifier();
            if (name.startsWith(GilEventNames.PREFIX)) declared.add(name);
        }
        sink.declaredEventTypes(declared);
        for (IItemIterable it : items) {
            IType<IItem> type = it.getType();
            if (!type.getIdentifier().startsWith(GilEventNames.PREFIX)) continue;
            Reader r = new Reader(type);
            for (IItem item : it) r.decode(item, sink);
        }
        sink.endRun();
    }

    /** The accessors of one event type, looked up once by field name. */
    private static final class Reader {
        private final String name;
        private final Map<String, IMemberAccessor<?, IItem>> fields = new HashMap<>();

        Reader(IType<IItem> type) {
            this.name = type.getIdentifier();
            for (IAccessorKey<?> key : type.getAccessorKeys().keySet()) {
                fields.put(key.getIdentifier(), type.getAccessor(key));
            }
        }

        Object get(IItem item, String field) {
            IMemberAccessor<?, IItem> a = fields.get(field);
            return a == null ? null : a.getMember(item);
        }

        String string(IItem item, String field) {
            Object v = get(item, field);
            return v == null ? null : v.toString();
        }

        /** Numbers as they are, time spans in nanoseconds, time stamps in epoch nanoseconds. */
        long number(IItem item, String field) {
            Object v = get(item, field);
            if (!(v instanceof IQuantity q)) return v instanceof Number n ? n.longValue() : 0;
            if (q.getUnit().getContentType() == UnitLookup.TIMESPAN) return q.clampedLongValueIn(UnitLookup.NANOSECOND);
            if (q.getUnit().getContentType() == UnitLookup.TIMESTAMP) return q.clampedLongValueIn(UnitLookup.EPOCH_NS);
            return q.longValue();
        }

        long positive(IItem item, String field) {
            return Math.max(0, number(item, field));
        }

        long start(IItem item) {
            return number(item, "startTime");
        }

        long duration(IItem item) {
            return fields.containsKey("duration") ? positive(item, "duration") : 0;
        }

        ThreadRef thread(Object v) {
            if (!(v instanceof IMCThread t)) return ThreadRef.UNKNOWN;
            Long id = t.getThreadId();
            return new ThreadRef(id != null ? id : Long.MIN_VALUE, t.getThreadName());
        }

        StackKey stack(IItem item) {
            if (!(get(item, "stackTrace") instanceof IMCStackTrace trace)) return StackKey.NONE;
            List<String> out = new ArrayList<>();
            for (IMCFrame f : trace.getFrames()) {
                IMCMethod m = f.getMethod();
                String type = m == null || m.getType() == null ? null : m.getType().getFullName();
                if (type != null && (type.startsWith(AGENT_PACKAGES[0]) || type.startsWith(AGENT_PACKAGES[1]))) continue;
                Integer line = f.getFrameLineNumber();
                out.add((type == null ? "<unknown>" : type) + "." + (m == null ? "<unknown>" : m.getMethodName())
                        + (line != null && line > 0 ? ":" + line : ""));
                if (out.size() == StackKey.MAX_FRAMES) break;
            }
            return new StackKey(out);
        }

        void decode(IItem e, GilEventSink sink) {
            switch (name) {
                case GilEventNames.WAIT -> sink.waitEvent(thread(get(e, "eventThread")), start(e), duration(e),
                        string(e, Fields.REASON), (int) number(e, Fields.WAITERS), stack(e));
                case GilEventNames.HOLD -> sink.holdEvent(thread(get(e, "eventThread")), start(e), duration(e),
                        string(e, Fields.END_REASON), number(e, Fields.CHECKPOINTS));
                case GilEventNames.RELEASE -> sink.releaseEvent(thread(get(e, "eventThread")), start(e), duration(e),
                        string(e, Fields.BLOCKING_POINT), string(e, Fields.KIND));
                case GilEventNames.DROP_REQUEST -> sink.dropRequestEvent(thread(get(e, "eventThread")), start(e),
                        thread(get(e, Fields.HOLDER)));
                case GilEventNames.REVOKE -> sink.revokeEvent(thread(get(e, "eventThread")), start(e),
                        thread(get(e, Fields.HOLDER)), string(e, Fields.HOLDER_STATE),
                        fields.containsKey(Fields.LATENCY) ? positive(e, Fields.LATENCY) : -1);
                case GilEventNames.STATS -> sink.statsEvent(start(e), statsThread(e), stats(e));
                case GilEventNames.CONFIG -> sink.configEvent(start(e), config(e));
                case GilEventNames.OPERATION -> sink.operationEvent(thread(get(e, "eventThread")), start(e), duration(e),
                        string(e, Fields.METHOD));
                case GilEventNames.INSTRUMENTATION_ERROR -> sink.instrumentationErrorEvent(start(e),
                        string(e, Fields.CLASS_NAME), string(e, Fields.MESSAGE));
                default -> { }
            }
        }

        private ThreadRef statsThread(IItem e) {
            ThreadRef t = thread(get(e, Fields.GIL_THREAD));
            if (t != ThreadRef.UNKNOWN) return t;
            long id = number(e, Fields.GIL_THREAD_ID);
            return id > 0 ? new ThreadRef(id, string(e, Fields.GIL_THREAD_NAME)) : ThreadRef.UNKNOWN;
        }

        private StatsSample stats(IItem e) {
            return StatsSample.of(new StatsSample.FieldReader() {
                @Override public long positive(String field) { return Reader.this.positive(e, field); }

                @Override public long timespan(String field) { return number(e, field); }

                @Override public boolean has(String field) { return fields.containsKey(field); }
            });
        }

        private RunConfig config(IItem e) {
            Object monitors = get(e, Fields.MONITOR_EVENTS);
            return new RunConfig(true, string(e, Fields.MODE), number(e, Fields.INTERVAL),
                    (int) number(e, Fields.CHECK_INTERVAL), string(e, Fields.INCLUDE), string(e, Fields.EXCLUDE),
                    string(e, Fields.RELEASE_OPTION), string(e, Fields.THROUGHPUT), number(e, Fields.WAIT_THRESHOLD),
                    number(e, Fields.HOLD_THRESHOLD), number(e, Fields.RELEASE_THRESHOLD), number(e, Fields.STATS_PERIOD),
                    string(e, Fields.OPTIONS), string(e, Fields.JAVA_VERSION), (int) number(e, Fields.CORES),
                    string(e, Fields.AGENT_VERSION), monitors instanceof Boolean b ? b : null);
        }
    }
}
