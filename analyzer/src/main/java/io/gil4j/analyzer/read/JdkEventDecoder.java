package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Fields;
import io.gil4j.analyzer.GilEventNames.HoldEndReasons;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event decoder of {@link JdkRecordingReader}, on top of the JDK's {@link RecordedEvent}. Turns one RecordedEvent into a {@link GilEventSink} call; a missing or
 * mistyped field reads as null / 0.
 */
final class JdkEventDecoder {
    private static final int CACHE_LIMIT = 100_000;
    private static final String[] AGENT_PACKAGES = {"io.gil4j.bootstrap.", "io.gil4j.agent."};

    private final GilEventSink sink;
    private final Map<RecordedThread, ThreadRef> threads = new IdentityHashMap<>();
    private final Map<RecordedStackTrace, StackKey> stacks = new IdentityHashMap<>();

    JdkEventDecoder(GilEventSink sink) {
        this.sink = sink;
    }

    /** A handler per event name, so the per-event path has no dispatch on the name. */
    java.util.function.Consumer<RecordedEvent> handler(String name) {
        return switch (name) {
            // waiters is not used by the model and checkpoints only for holds ended on request: each field
            // read is a by-name lookup in the JDK, so the hot path reads no more than it needs
            case GilEventNames.WAIT -> e -> sink.waitEvent(thread(e.getThread()), start(e), duration(e),
                    string(e, Fields.REASON), 0, stack(e.getStackTrace()));
            case GilEventNames.HOLD -> e -> {
                String end = string(e, Fields.END_REASON);
                boolean onRequest = HoldEndReasons.DROP_REQUEST.equals(end) || HoldEndReasons.REVOKED.equals(end);
                sink.holdEvent(thread(e.getThread()), start(e), duration(e), end,
                        onRequest ? number(e, Fields.CHECKPOINTS) : 0);
            };
            case GilEventNames.RELEASE -> e -> sink.releaseEvent(thread(e.getThread()), start(e), duration(e),
                    null, string(e, Fields.KIND)); // blockingPoint is not used by the model: not decoded
            default -> e -> decode(name, e);
        };
    }

    void decode(String name, RecordedEvent e) {
        switch (name) {
            case GilEventNames.WAIT -> sink.waitEvent(thread(e.getThread()), start(e), duration(e),
                    string(e, Fields.REASON), (int) number(e, Fields.WAITERS), stack(e.getStackTrace()));
            case GilEventNames.HOLD -> sink.holdEvent(thread(e.getThread()), start(e), duration(e),
                    string(e, Fields.END_REASON), number(e, Fields.CHECKPOINTS));
            case GilEventNames.RELEASE -> sink.releaseEvent(thread(e.getThread()), start(e), duration(e),
                    string(e, Fields.BLOCKING_POINT), string(e, Fields.KIND));
            case GilEventNames.DROP_REQUEST -> sink.dropRequestEvent(thread(e.getThread()), start(e),
                    thread(threadField(e, Fields.HOLDER)));
            case GilEventNames.REVOKE -> sink.revokeEvent(thread(e.getThread()), start(e),
                    thread(threadField(e, Fields.HOLDER)), string(e, Fields.HOLDER_STATE),
                    e.hasField(Fields.LATENCY) ? Math.max(0, e.getLong(Fields.LATENCY)) : -1);
            case GilEventNames.STATS -> sink.statsEvent(start(e), statsThread(e), stats(e));
            case GilEventNames.CONFIG -> sink.configEvent(start(e), config(e));
            case GilEventNames.OPERATION -> sink.operationEvent(thread(e.getThread()), start(e), duration(e),
                    string(e, Fields.METHOD));
            case GilEventNames.INSTRUMENTATION_ERROR -> sink.instrumentationErrorEvent(start(e),
                    string(e, Fields.CLASS_NAME), string(e, Fields.MESSAGE));
            default -> { }
        }
    }

    /**
     * Whose totals a Stats event carries: gilThread, else (JFR writes a dead thread as null) the
     * gilThreadId/gilThreadName fields newer agents add; UNKNOWN for older recordings, whose orphaned
     * at-exit samples the model matches to threads by their counters.
     */
    private ThreadRef statsThread(RecordedEvent e) {
        RecordedThread t = threadField(e, Fields.GIL_THREAD);
        if (t != null) {
            return thread(t);
        }
        long id = e.hasField(Fields.GIL_THREAD_ID) ? number(e, Fields.GIL_THREAD_ID) : 0;
        return id > 0 ? new ThreadRef(id, string(e, Fields.GIL_THREAD_NAME)) : ThreadRef.UNKNOWN;
    }

    private static StatsSample stats(RecordedEvent e) {
        return new StatsSample(positive(e, Fields.WALL_NANOS), positive(e, Fields.HELD_NANOS),
                positive(e, Fields.WAIT_NANOS), positive(e, Fields.RELEASED_NANOS), positive(e, Fields.OUTSIDE_NANOS),
                positive(e, Fields.RELEASED_IO_NANOS), positive(e, Fields.RELEASED_SLEEP_NANOS),
                positive(e, Fields.RELEASED_LOCK_NANOS), positive(e, Fields.RELEASED_WAIT_NANOS),
                positive(e, Fields.RELEASED_USER_NANOS), positive(e, Fields.ACQUISITIONS),
                positive(e, Fields.SWITCHES), positive(e, Fields.DROP_REQUESTS), positive(e, Fields.REVOCATIONS),
                e.hasField(Fields.RELEASES) ? positive(e, Fields.RELEASES) : -1, timespan(e, Fields.CPU_NANOS));
    }

    private static RunConfig config(RecordedEvent e) {
        return new RunConfig(true, string(e, Fields.MODE), timespan(e, Fields.INTERVAL),
                (int) number(e, Fields.CHECK_INTERVAL), string(e, Fields.INCLUDE), string(e, Fields.EXCLUDE),
                string(e, Fields.RELEASE_OPTION), string(e, Fields.THROUGHPUT), timespan(e, Fields.WAIT_THRESHOLD),
                timespan(e, Fields.HOLD_THRESHOLD),
                timespan(e, Fields.RELEASE_THRESHOLD), timespan(e, Fields.STATS_PERIOD), string(e, Fields.OPTIONS),
                string(e, Fields.JAVA_VERSION), (int) number(e, Fields.CORES), string(e, Fields.AGENT_VERSION),
                e.hasField(Fields.MONITOR_EVENTS) ? e.getBoolean(Fields.MONITOR_EVENTS) : null);
    }

    private ThreadRef thread(RecordedThread t) {
        if (t == null) {
            return ThreadRef.UNKNOWN;
        }
        ThreadRef ref = threads.get(t);
        if (ref == null) {
            if (threads.size() > CACHE_LIMIT) {
                threads.clear();
            }
            long javaId = t.getJavaThreadId();
            long id = javaId >= 0 ? javaId : (t.getOSThreadId() > 0 ? -t.getOSThreadId() : Long.MIN_VALUE);
            String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
            ref = new ThreadRef(id, name);
            threads.put(t, ref);
        }
        return ref;
    }

    private StackKey stack(RecordedStackTrace trace) {
        if (trace == null) {
            return StackKey.NONE;
        }
        StackKey key = stacks.get(trace);
        if (key == null) {
            if (stacks.size() > CACHE_LIMIT) {
                stacks.clear();
            }
            key = new StackKey(userFrames(trace));
            stacks.put(trace, key);
        }
        return key;
    }

    /** The frames below the agent's own: skip io.gil4j.bootstrap.* and io.gil4j.agent.* so the top frame is the user's code. */
    static List<String> userFrames(RecordedStackTrace trace) {
        List<String> out = new ArrayList<>();
        for (RecordedFrame f : trace.getFrames()) {
            RecordedMethod m = f.getMethod();
            String type = m == null || m.getType() == null ? null : m.getType().getName();
            if (type != null && (type.startsWith(AGENT_PACKAGES[0]) || type.startsWith(AGENT_PACKAGES[1]))) {
                continue;
            }
            String method = m == null ? "<unknown>" : m.getName();
            int line = f.getLineNumber();
            out.add((type == null ? "<unknown>" : type) + "." + method + (line > 0 ? ":" + line : ""));
            if (out.size() == StackKey.MAX_FRAMES) {
                break;
            }
        }
        return out;
    }

    private static RecordedThread threadField(RecordedEvent e, String field) {
        try {
            return e.getThread(field);
        } catch (IllegalArgumentException | ClassCastException x) {
            return null;
        }
    }

    private static long start(RecordedEvent e) {
        Instant i = e.getStartTime();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static long duration(RecordedEvent e) {
        Duration d = e.getDuration();
        return d.isNegative() ? 0 : saturatedNanos(d);
    }

    private static long saturatedNanos(Duration d) {
        return d.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE / 4 : d.toNanos();
    }

    private static String string(RecordedEvent e, String field) {
        try {
            Object v = e.getValue(field);
            return v instanceof String s ? s : null;
        } catch (IllegalArgumentException x) {
            return null;
        }
    }

    private static long number(RecordedEvent e, String field) {
        try {
            return e.getLong(field);
        } catch (IllegalArgumentException | ClassCastException x) {
            return 0;
        }
    }

    private static long positive(RecordedEvent e, String field) {
        return Math.max(0, number(e, field));
    }

    private static long timespan(RecordedEvent e, String field) {
        try {
            Duration d = e.getDuration(field);
            return d.isNegative() ? -1 : saturatedNanos(d);
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException x) {
            return -1;
        }
    }
}
