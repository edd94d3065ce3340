package io.gil4j.analyzer.read;

import io.gil4j.analyzer.read.ChunkMetadata.Field;
import io.gil4j.analyzer.read.ChunkMetadata.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The constant pools of one chunk (threads, stack traces, methods, classes, symbols, pooled strings),
 * from the checkpoints on the header's chain, and the generic value decoder they and the rarer event
 * fields use. Also turns pooled threads and stack traces into the analyzer's {@link ThreadRef} and
 * {@link StackKey}, cached by pool key (events repeat a few of each).
 */
final class ConstantPools {
    private static final long CONSTANT_POOL_TYPE_ID = 1;
    private static final int CACHE_LIMIT = 100_000;
    /** The agent's own frames (the GIL core and the agent); io.gil4j.demo and other users' code stay. */
    private static final String[] AGENT_PACKAGES = {"io.gil4j.bootstrap.", "io.gil4j.agent."};

    /** A reference into a constant pool, resolved when read. */
    record Ref(Type type, long key) {
    }

    /** A decoded composite value (constant-pool entry or inline struct). */
    final class Struct {
        final Type type;
        final Object[] values;

        Struct(Type type, Object[] values) {
            this.type = type;
            this.values = values;
        }

        Object get(String field) {
            int i = type.indexOf(field);
            return i < 0 ? null : resolve(values[i]);
        }
    }

    private final ChunkInput in;
    private final ChunkMetadata metadata;
    private final Map<Long, Map<Long, Object>> pools = new HashMap<>();
    private final Map<Long, ThreadRef> threadCache = new HashMap<>();
    private final Map<Long, StackKey> stackCache = new HashMap<>();

    ConstantPools(ChunkInput in, ChunkMetadata metadata) {
        this.in = in;
        this.metadata = metadata;
    }

    /** Reads every checkpoint on the chain that starts at the chunk offset the header gives. */
    void read(int first) throws ChunkDecoder.Corrupt, IOException {
        String where = in.where;
        int chunkSize = in.chunkSize;
        Set<Integer> seen = new HashSet<>();
        long cp = first;
        long delta = -1;
        while (delta != 0) {
            if (cp < RecordingValidator.HEADER_SIZE || cp >= chunkSize || !seen.add((int) cp)) {
                throw new ChunkDecoder.Corrupt("invalid constant pool position " + cp + where);
            }
            in.load((int) cp, (int) Math.min(ChunkInput.MAX_VARINT, chunkSize - cp));
            long size = in.readLong();
            if (size <= 0 || size > chunkSize - cp) {
                throw new ChunkDecoder.Corrupt("invalid checkpoint size " + size + " at byte " + (in.chunkStart + cp)
                        + where);
            }
            in.load((int) cp, (int) size);
            in.readLong(); // size, checked above
            if (in.readLong() != CONSTANT_POOL_TYPE_ID) {
                throw new ChunkDecoder.Corrupt("no checkpoint event at byte " + (in.chunkStart + cp) + where);
            }
            in.readLong(); // start time
            in.readLong(); // duration
            delta = in.readLong();
            in.readByte(); // checkpoint type (flush)
            int poolCount = in.readCount("constant pool count");
            for (int i = 0; i < poolCount; i++) {
                long typeId = in.readLong();
                Type type = metadata.types.get(typeId);
                if (type == null) {
                    throw new ChunkDecoder.Corrupt("constant pool of unknown type id " + typeId + where);
                }
                Map<Long, Object> pool = pools.get(typeId);
                if (pool == null) { // no computeIfAbsent: a lambda costs start-up (~0.3 ms each, 7 ms the first)
                    pool = new HashMap<>();
                    pools.put(typeId, pool);
                }
                int count = in.readCount("constant count");
                for (int j = 0; j < count; j++) {
                    long key = in.readLong();
                    pool.put(key, readInline(type, 0));
                }
            }
            if (in.pos != in.limit) {
                throw new ChunkDecoder.Corrupt("checkpoint size does not match its content at byte "
                        + (in.chunkStart + cp) + where);
            }
            cp += delta;
        }
    }

    /** The value a field holds, references left unresolved. */
    Object readValue(Field f, int depth) throws ChunkDecoder.Corrupt {
        if (f.array) {
            int n = in.readCount("array length");
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = readScalar(f, depth + 1);
            }
            return a;
        }
        return readScalar(f, depth);
    }

    private Object readScalar(Field f, int depth) throws ChunkDecoder.Corrupt {
        if (f.constantPool) {
            return new Ref(f.type, in.readLong());
        }
        return readInline(f.type, depth);
    }

    private Object readInline(Type t, int depth) throws ChunkDecoder.Corrupt {
        switch (t.kind) {
            case ChunkMetadata.BOOLEAN:
                return in.readByte() != 0;
            case ChunkMetadata.BYTE:
                return in.readByte();
            case ChunkMetadata.CHAR:
                return (char) in.readLong();
            case ChunkMetadata.SHORT:
                return (short) in.readLong();
            case ChunkMetadata.INT:
                return (int) in.readLong();
            case ChunkMetadata.LONG:
                return in.readLong();
            case ChunkMetadata.FLOAT:
                return Float.intBitsToFloat((int) in.readRaw(4));
            case ChunkMetadata.DOUBLE:
                return Double.longBitsToDouble(in.readRaw(8));
            case ChunkMetadata.STRING:
                return in.readString();
            default:
                return readStruct(t, depth);
        }
    }

    /**
     * A composite value. Fields that are plain integers or pool references (most of them) are read here,
     * without a call per field: the recursive readValue / readInline pair then stays small and cheap for
     * the JIT, which compiled it (inlined into itself) in up to 0.4 s on a recording of 18 chunks.
     */
    private Object readStruct(Type t, int depth) throws ChunkDecoder.Corrupt {
        if (depth > ChunkMetadata.MAX_DEPTH) {
            throw new ChunkDecoder.Corrupt("values nested too deeply at byte " + (in.base + in.pos) + in.where);
        }
        if (t.simple && t.fields.length == 1) { // the JDK reduces simple types to their one field
            return readValue(t.fields[0], depth + 1);
        }
        Field[] fields = t.fields;
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            Field f = fields[i];
            if (f.array) {
                values[i] = readValue(f, depth + 1);
            } else if (f.constantPool) {
                values[i] = new Ref(f.type, in.readLong());
            } else if (f.type.kind == ChunkMetadata.LONG) {
                values[i] = in.readLong();
            } else if (f.type.kind == ChunkMetadata.INT) {
                values[i] = (int) in.readLong();
            } else {
                values[i] = readInline(f.type, depth + 1);
            }
        }
        return new Struct(t, values);
    }

    /** A reference's pool entry (null when the pool lacks it, as in the JDK); other values as they are. */
    Object resolve(Object v) {
        if (v instanceof Ref r) {
            if (r.type == null) {
                return null;
            }
            Map<Long, Object> pool = pools.get(r.type.id);
            Object o = pool == null ? null : pool.get(r.key);
            return o instanceof Ref ? null : o; // a pool entry is never itself a reference
        }
        return v;
    }

    /** The pooled thread an event's eventThread field refers to, cached by key. */
    ThreadRef pooledThread(Type fieldType, long key) {
        ThreadRef ref = threadCache.get(key);
        if (ref == null) {
            if (threadCache.size() > CACHE_LIMIT) {
                threadCache.clear();
            }
            ref = threadRef(resolve(new Ref(fieldType, key)));
            threadCache.put(key, ref);
        }
        return ref;
    }

    /** The pooled stack trace an event's stackTrace field refers to, cached by key. */
    StackKey pooledStack(Type fieldType, long key) {
        StackKey k = stackCache.get(key);
        if (k == null) {
            if (stackCache.size() > CACHE_LIMIT) {
                stackCache.clear();
            }
            k = stackKey(resolve(new Ref(fieldType, key)));
            stackCache.put(key, k);
        }
        return k;
    }

    private static boolean isThread(Object v) {
        return v instanceof ConstantPools.Struct s && "java.lang.Thread".equals(s.type.name);
    }

    /** The old decoder's conversion of a RecordedThread. */
    ThreadRef threadRef(Object v) {
        if (!isThread(v)) {
            return ThreadRef.UNKNOWN;
        }
        Struct t = (Struct) v;
        long javaId = t.get("javaThreadId") instanceof Long l ? l : -1;
        long osId = t.get("osThreadId") instanceof Long l ? l : -1;
        long id = javaId >= 0 ? javaId : (osId > 0 ? -osId : Long.MIN_VALUE);
        String javaName = t.get("javaName") instanceof String s ? s : null;
        String osName = t.get("osName") instanceof String s ? s : null;
        return new ThreadRef(id, javaName != null ? javaName : osName);
    }

    /** The frames below the agent's own, formatted as the old decoder did (class.method:line). */
    StackKey stackKey(Object v) {
        if (!(v instanceof Struct trace) || !"jdk.types.StackTrace".equals(trace.type.name)) {
            return StackKey.NONE;
        }
        List<String> out = new ArrayList<>();
        if (trace.get("frames") instanceof Object[] frames) {
            for (Object o : frames) {
                if (!(o instanceof Struct frame)) {
                    continue;
                }
                Struct m = frame.get("method") instanceof Struct s ? s : null;
                String type = null;
                if (m != null && m.get("type") instanceof Struct c) {
                    type = c.get("name") instanceof String n ? n.replace("/", ".") : null;
                }
                if (type != null && (type.startsWith(AGENT_PACKAGES[0]) || type.startsWith(AGENT_PACKAGES[1]))) {
                    continue;
                }
                String method = m == null ? "<unknown>" : (m.get("name") instanceof String n ? n : null);
                int line = frame.get("lineNumber") instanceof Integer n ? n : -1;
                out.add((type == null ? "<unknown>" : type) + "." + method + (line > 0 ? ":" + line : ""));
                if (out.size() == StackKey.MAX_FRAMES) {
                    break;
                }
            }
        }
        return new StackKey(out);
    }
}
