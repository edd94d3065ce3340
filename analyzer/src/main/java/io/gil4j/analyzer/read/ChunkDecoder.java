package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.Fields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the gil events of one JFR chunk (format 1.x/2.x as JDK 11+ writes it) straight from its bytes,
 * without {@code jdk.jfr.consumer}: the JDK's parser builds a RecordedEvent with boxed values for every
 * event and costs more than twice {@code jfr summary} on its own (see BENCH-report-speed.md).
 *
 * <p>What it reads: the chunk's metadata event (the one the header points to: type ids, field layouts,
 * {@code @Timespan} units), the constant pools on the header's checkpoint chain (threads, stack traces,
 * methods, classes, symbols, pooled strings), then every event in file order. The framing checks of
 * {@link RecordingValidator} (sizes tile the chunk) are done on the same walk; gil events are decoded, all
 * others only counted. Values mean exactly what the JDK's {@code RecordedEvent} accessors return (same
 * tick conversion, same null / 0 for missing or mistyped fields) so the report does not depend on the
 * reader.
 *
 * <p>Robustness: every read is bounded by the event (or checkpoint, or metadata) it belongs to, counts
 * are checked against the bytes left, nesting is limited, the checkpoint chain may not loop. Anything
 * that does not fit throws {@link Corrupt} with a one-line reason; no input makes it loop forever.
 */
final class ChunkDecoder {
    /** The chunk's bytes do not decode; the message is one line. */
    static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    private static final long METADATA_TYPE_ID = 0;
    private static final long CONSTANT_POOL_TYPE_ID = 1;
    private static final int MAX_DEPTH = 32;
    private static final int CACHE_LIMIT = 100_000;
    /** The agent's own frames (the GIL core and the agent); io.gil4j.demo and other users' code stay. */
    private static final String[] AGENT_PACKAGES = {"io.gil4j.bootstrap.", "io.gil4j.agent."};
    private static final Set<String> READ = Set.copyOf(GilEventNames.ALL);

    // primitive kinds of types without fields; STRUCT for the rest
    private static final byte BOOLEAN = 1, BYTE = 2, CHAR = 3, SHORT = 4, INT = 5, LONG = 6, FLOAT = 7, DOUBLE = 8,
            STRING = 9, STRUCT = 10;

    /** A type from the metadata. */
    static final class Type {
        final long id;
        final String name;
        final String superType;
        final boolean simple;
        Field[] fields = new Field[0];
        byte kind;
        Map<String, Integer> index;

        Type(long id, String name, String superType, boolean simple) {
            this.id = id;
            this.name = name;
            this.superType = superType;
            this.simple = simple;
        }

        int indexOf(String field) {
            if (index == null) {
                index = new HashMap<>();
                for (int i = fields.length - 1; i >= 0; i--) {
                    index.put(fields[i].name, i);
                }
            }
            Integer i = index.get(field);
            return i == null ? -1 : i;
        }
    }

    /** A field of a type, as declared in the metadata. */
    static final class Field {
        String name;
        long typeId;
        Type type;
        boolean array;
        boolean constantPool;
        String timespanUnit; // value of @jdk.jfr.Timespan, null when absent
    }

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

    private final GilEventSink sink;
    private final long chunkStart; // absolute, for messages
    private final String where;
    private final byte[] b;
    private final int chunkSize;
    private int pos;
    private int limit;

    private final Map<Long, Type> types = new HashMap<>();
    private final Map<Long, Map<Long, Object>> pools = new HashMap<>();
    private final Map<Long, ThreadRef> threadCache = new HashMap<>();
    private final Map<Long, StackKey> stackCache = new HashMap<>();
    private Type stringType;
    private final long startNanos;
    private final long startTicks;
    private final double divisor;

    /** Gil type names declared by this chunk's metadata (event types only). */
    final Set<String> declared = new HashSet<>();
    /** Events per type id found by the framing walk. */
    final Map<Long, long[]> eventsPerType = new HashMap<>();
    long events;
    long gilEvents;

    ChunkDecoder(GilEventSink sink, byte[] bytes, int chunkSize, long chunkStart, String where) {
        this.sink = sink;
        this.b = bytes;
        this.chunkSize = chunkSize;
        this.chunkStart = chunkStart;
        this.where = where;
        this.startNanos = rawLong(32);
        this.startTicks = rawLong(48);
        // the JDK's TimeConverter: integer division, then as a double
        this.divisor = rawLong(56) / 1_000_000_000L;
    }

    /** Reads metadata and constant pools, then walks and decodes every event of the chunk. */
    void decode() throws Corrupt {
        readMetadata((int) rawLong(24));
        readConstantPools((int) rawLong(16));
        walkEvents();
    }

    // ------------------------------------------------------------------------------------------ input

    private long rawLong(int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xFFL);
        }
        return v;
    }

    private Corrupt eof() {
        return new Corrupt("value runs past its event at byte " + (chunkStart + pos) + where);
    }

    /** JFR's compressed integer (LEB128, the 9th byte carries 8 bits). */
    private long readLong() throws Corrupt {
        int p = pos;
        long ret = 0;
        for (int i = 0; i < 8; i++) {
            if (p >= limit) {
                throw eof();
            }
            byte x = b[p++];
            ret += (x & 0x7FL) << (7 * i);
            if (x >= 0) {
                pos = p;
                return ret;
            }
        }
        if (p >= limit) {
            throw eof();
        }
        ret += (b[p++] & 0xFFL) << 56;
        pos = p;
        return ret;
    }

    private int readInt() throws Corrupt {
        return (int) readLong();
    }

    private byte readByte() throws Corrupt {
        if (pos >= limit) {
            throw eof();
        }
        return b[pos++];
    }

    private long readRaw(int bytes) throws Corrupt {
        if (limit - pos < bytes) {
            throw eof();
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (b[pos++] & 0xFFL);
        }
        return v;
    }

    /** A count or length that must fit in what is left (every element takes at least a byte). */
    private int readCount(String what) throws Corrupt {
        int n = readInt();
        if (n < 0 || n > limit - pos) {
            throw new Corrupt("invalid " + what + " " + n + " at byte " + (chunkStart + pos) + where);
        }
        return n;
    }

    /** A string as JFR encodes it: a String, or a {@link Ref} into the string pool, or null. */
    private Object readString() throws Corrupt {
        byte encoding = readByte();
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                return new Ref(stringType, readLong());
            case 3, 5: {
                int n = readCount("string length");
                String s = new String(b, pos, n, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                pos += n;
                return s;
            }
            case 4: {
                int n = readCount("string length");
                char[] c = new char[n];
                for (int i = 0; i < n; i++) {
                    c[i] = (char) readLong();
                }
                return new String(c);
            }
            default:
                throw new Corrupt("unknown string encoding " + encoding + " at byte " + (chunkStart + pos - 1) + where);
        }
    }

    // --------------------------------------------------------------------------------------- metadata

    private record Element(String name, Map<String, String> attributes, List<Element> children) {
        List<Element> all(String n) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) {
                if (c.name.equals(n)) {
                    out.add(c);
                }
            }
            return out;
        }

        String attr(String n) {
            return attributes.get(n);
        }
    }

    private void readMetadata(int offset) throws Corrupt {
        pos = offset;
        limit = chunkSize;
        long size = readLong();
        if (size <= 0 || size > chunkSize - offset) {
            throw new Corrupt("invalid metadata event size " + size + where);
        }
        limit = offset + (int) size;
        if (readLong() != METADATA_TYPE_ID) {
            throw new Corrupt("no metadata event at the position the chunk header gives" + where);
        }
        readLong(); // start time
        readLong(); // duration
        readLong(); // metadata id
        int n = readCount("metadata string count");
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) {
            Object s = readString();
            if (s instanceof Ref) {
                throw new Corrupt("pooled string in metadata" + where);
            }
            strings[i] = (String) s;
        }
        Element root = readElement(strings, 0);
        List<Element> metadata = root.all("metadata");
        if (metadata.isEmpty()) {
            throw new Corrupt("metadata without types" + where);
        }
        List<Element> classes = metadata.get(0).all("class");
        for (Element c : classes) {
            long id = parseLong(c.attr("id"));
            String name = c.attr("name");
            if (name == null) {
                throw new Corrupt("metadata type without a name" + where);
            }
            types.put(id, new Type(id, name, c.attr("superType"), c.attr("simpleType") != null));
        }
        for (Element c : classes) {
            Type t = types.get(parseLong(c.attr("id")));
            List<Element> fs = c.all("field");
            t.fields = new Field[fs.size()];
            for (int i = 0; i < fs.size(); i++) {
                Element fe = fs.get(i);
                Field f = new Field();
                f.name = fe.attr("name");
                f.typeId = parseLong(fe.attr("class"));
                f.type = types.get(f.typeId);
                if (f.name == null || f.type == null) {
                    throw new Corrupt("metadata field of " + t.name + " without name or known type" + where);
                }
                String dim = fe.attr("dimension");
                f.array = dim != null && parseLong(dim) > 0;
                f.constantPool = fe.attr("constantPool") != null;
                for (Element a : fe.all("annotation")) {
                    Type at = types.get(parseLong(a.attr("class")));
                    if (at != null && "jdk.jfr.Timespan".equals(at.name)) {
                        f.timespanUnit = a.attr("value") == null ? "NANOSECONDS" : a.attr("value");
                    }
                }
                t.fields[i] = f;
            }
        }
        for (Type t : types.values()) {
            t.kind = kindOf(t);
            if ("java.lang.String".equals(t.name)) {
                stringType = t;
            }
            if ("jdk.jfr.Event".equals(t.superType) && READ.contains(t.name)) {
                declared.add(t.name);
            }
        }
    }

    private byte kindOf(Type t) throws Corrupt {
        if (t.fields.length > 0) {
            return STRUCT;
        }
        return switch (t.name) {
            case "boolean" -> BOOLEAN;
            case "byte" -> BYTE;
            case "char" -> CHAR;
            case "short" -> SHORT;
            case "int" -> INT;
            case "long" -> LONG;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "java.lang.String" -> STRING;
            default -> STRUCT; // a type without fields (e.g. an annotation): reads as an empty struct
        };
    }

    private long parseLong(String s) throws Corrupt {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Corrupt("invalid number in metadata: " + (s == null ? "missing" : shorten(s)) + where);
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private Element readElement(String[] strings, int depth) throws Corrupt {
        if (depth > MAX_DEPTH) {
            throw new Corrupt("metadata nested too deeply" + where);
        }
        String name = string(strings);
        int attrs = readCount("metadata attribute count");
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < attrs; i++) {
            attributes.put(string(strings), string(strings));
        }
        int n = readCount("metadata element count");
        List<Element> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(readElement(strings, depth + 1));
        }
        return new Element(name == null ? "" : name, attributes, children);
    }

    private String string(String[] strings) throws Corrupt {
        int i = readInt();
        if (i < 0 || i >= strings.length) {
            throw new Corrupt("invalid metadata string index " + i + where);
        }
        return strings[i];
    }

    // --------------------------------------------------------------------------------- constant pools

    private void readConstantPools(int first) throws Corrupt {
        Set<Integer> seen = new HashSet<>();
        long cp = first;
        long delta = -1;
        while (delta != 0) {
            if (cp < RecordingValidator.HEADER_SIZE || cp >= chunkSize || !seen.add((int) cp)) {
                throw new Corrupt("invalid constant pool position " + cp + where);
            }
            pos = (int) cp;
            limit = chunkSize;
            long size = readLong();
            if (size <= 0 || size > chunkSize - cp) {
                throw new Corrupt("invalid checkpoint size " + size + " at byte " + (chunkStart + cp) + where);
            }
            limit = (int) (cp + size);
            if (readLong() != CONSTANT_POOL_TYPE_ID) {
                throw new Corrupt("no checkpoint event at byte " + (chunkStart + cp) + where);
            }
            readLong(); // start time
            readLong(); // duration
            delta = readLong();
            readByte(); // checkpoint type (flush)
            int poolCount = readCount("constant pool count");
            for (int i = 0; i < poolCount; i++) {
                long typeId = readLong();
                Type type = types.get(typeId);
                if (type == null) {
                    throw new Corrupt("constant pool of unknown type id " + typeId + where);
                }
                Map<Long, Object> pool = pools.computeIfAbsent(typeId, k -> new HashMap<>());
                int count = readCount("constant count");
                for (int j = 0; j < count; j++) {
                    long key = readLong();
                    pool.put(key, readInline(type, 0));
                }
            }
            if (pos != limit) {
                throw new Corrupt("checkpoint size does not match its content at byte " + (chunkStart + cp) + where);
            }
            cp += delta;
        }
    }

    /** The value a field holds, references left unresolved. */
    private Object readValue(Field f, int depth) throws Corrupt {
        if (f.array) {
            int n = readCount("array length");
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = readScalar(f, depth + 1);
            }
            return a;
        }
        return readScalar(f, depth);
    }

    private Object readScalar(Field f, int depth) throws Corrupt {
        if (f.constantPool) {
            return new Ref(f.type, readLong());
        }
        return readInline(f.type, depth);
    }

    private Object readInline(Type t, int depth) throws Corrupt {
        switch (t.kind) {
            case BOOLEAN:
                return readByte() != 0;
            case BYTE:
                return readByte();
            case CHAR:
                return (char) readLong();
            case SHORT:
                return (short) readLong();
            case INT:
                return (int) readLong();
            case LONG:
                return readLong();
            case FLOAT:
                return Float.intBitsToFloat((int) readRaw(4));
            case DOUBLE:
                return Double.longBitsToDouble(readRaw(8));
            case STRING:
                return readString();
            default:
                if (depth > MAX_DEPTH) {
                    throw new Corrupt("values nested too deeply at byte " + (chunkStart + pos) + where);
                }
                if (t.simple && t.fields.length == 1) { // the JDK reduces simple types to their one field
                    return readValue(t.fields[0], depth + 1);
                }
                Object[] values = new Object[t.fields.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue(t.fields[i], depth + 1);
                }
                return new Struct(t, values);
        }
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

    // ----------------------------------------------------------------------------------------- events

    /** How the events of one gil type are laid out; one per gil type id, values reused between events. */
    private final class Plan {
        final Type type;
        final String name;
        final boolean hasDuration;
        final int first; // index of the first field after startTime (and duration)
        final Object[] values;
        final long[] longs;
        final int thread, stack, reason, endReason, checkpoints, kind, blockingPoint, code;
        long lastThreadKey = -1;
        ThreadRef lastThread;
        final byte[][][] cachedBytes;
        final byte[] layout; // per field: how decodeEvent reads it (L_*)
        final String[][] cachedStrings;
        final int[] nextSlot;
        final long[] lastKey;
        final String[] lastKeyString;

        Plan(Type type) {
            this.type = type;
            this.name = type.name;
            this.hasDuration = type.indexOf("duration") >= 0;
            this.first = hasDuration ? 2 : 1;
            this.values = new Object[type.fields.length];
            this.longs = new long[type.fields.length];
            int n = type.fields.length;
            this.cachedBytes = new byte[n][STRING_CACHE][];
            this.layout = new byte[n];
            for (int k = 0; k < n; k++) {
                Field f = type.fields[k];
                byte kd = f.type.kind;
                layout[k] = f.array ? L_GENERIC : f.constantPool ? L_REF
                        : (kd == LONG || kd == INT || kd == SHORT || kd == CHAR) ? L_VARINT
                        : kd == STRING ? L_STRING : L_GENERIC;
            }
            this.cachedStrings = new String[n][STRING_CACHE];
            this.nextSlot = new int[n];
            this.lastKey = new long[n];
            this.lastKeyString = new String[n];
            this.thread = type.indexOf("eventThread");
            this.stack = type.indexOf("stackTrace");
            this.reason = type.indexOf(Fields.REASON);
            this.endReason = type.indexOf(Fields.END_REASON);
            this.checkpoints = type.indexOf(Fields.CHECKPOINTS);
            this.kind = type.indexOf(Fields.KIND);
            this.blockingPoint = type.indexOf(Fields.BLOCKING_POINT);
            this.code = GilEventNames.ALL.indexOf(type.name);
        }
    }

    private final Map<Long, Plan> plans = new HashMap<>();
    private Plan lastPlan;
    private long startNanosOf, endNanosOf;

    private static final int SMALL_IDS = 4096;
    private final long[][] countsById = new long[SMALL_IDS][];
    private final Plan[] plansById = new Plan[SMALL_IDS];

    private void walkEvents() throws Corrupt {
        for (Type t : types.values()) {
            if ("jdk.jfr.Event".equals(t.superType) && READ.contains(t.name) && t.fields.length > 0) {
                plans.put(t.id, new Plan(t));
            }
        }
        int p = RecordingValidator.HEADER_SIZE;
        long lastType = Long.MIN_VALUE;
        long[] lastCount = null;
        while (p < chunkSize) {
            pos = p;
            limit = chunkSize;
            long eventSize = frameLong();
            long typeId = eventSize > 0 ? frameLong() : -1;
            if (eventSize <= 0 || eventSize > chunkSize - p || typeId < 0) {
                throw new Corrupt("bad event framing at byte " + (chunkStart + p) + where);
            }
            if (typeId != lastType) {
                if (typeId < SMALL_IDS) {
                    int t = (int) typeId;
                    if (countsById[t] == null) {
                        countsById[t] = eventsPerType.computeIfAbsent(typeId, k -> new long[1]);
                        plansById[t] = plans.get(typeId);
                    }
                    lastCount = countsById[t];
                    lastPlan = plansById[t];
                } else {
                    lastCount = eventsPerType.computeIfAbsent(typeId, k -> new long[1]);
                    lastPlan = plans.get(typeId);
                }
                lastType = typeId;
            }
            lastCount[0]++;
            events++;
            if (lastPlan != null) {
                limit = p + (int) eventSize;
                decodeEvent(lastPlan);
                gilEvents++;
            }
            p += (int) eventSize;
        }
    }

    /** A framing varint: -1 instead of an exception when it runs past the chunk (the validator's rule). */
    private long frameLong() {
        try {
            return readLong();
        } catch (Corrupt e) {
            return -1;
        }
    }

    private long timestamp(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / divisor);
    }

    private void decodeEvent(Plan plan) throws Corrupt {
        Field[] fields = plan.type.fields;
        long start = readLong();
        long end = start;
        if (plan.hasDuration) {
            end = start + readLong();
        }
        startNanosOf = timestamp(start);
        endNanosOf = start == end ? startNanosOf : timestamp(end);
        byte[] layout = plan.layout;
        for (int i = plan.first; i < layout.length; i++) {
            switch (layout[i]) {
                case L_REF, L_VARINT -> plan.longs[i] = readLong();
                case L_STRING -> plan.values[i] = eventString(plan, i);
                default -> plan.values[i] = readValue(fields[i], 0);
            }
        }
        dispatch(plan);
    }

    private static final int STRING_CACHE = 8;
    private static final byte L_REF = 0, L_VARINT = 1, L_STRING = 2, L_GENERIC = 3;
    private char[] scratch = new char[64];

    /**
     * An event's string. Events repeat a few strings per field (reason, kind, blocking point), so each
     * field remembers its last {@value #STRING_CACHE} strings and returns the same String when the
     * encoded characters match, instead of building a new one per event.
     */
    private String eventString(Plan plan, int i) throws Corrupt {
        byte encoding = pos < limit ? b[pos] : 0;
        if (encoding == 4) { // char array: what JDK 17 writes for event strings
            pos++;
            int n = readCount("string length");
            // n chars are self-delimiting varints: bytes equal to a cached encoding of n chars = same string
            byte[][] encoded = plan.cachedBytes[i];
            String[] strings = plan.cachedStrings[i];
            int left = limit - pos;
            for (int k = 0; k < STRING_CACHE; k++) {
                byte[] enc = encoded[k];
                if (enc != null && enc.length <= left && strings[k].length() == n
                        && java.util.Arrays.equals(b, pos, pos + enc.length, enc, 0, enc.length)) {
                    pos += enc.length;
                    return strings[k];
                }
            }
            int from = pos;
            if (scratch.length < n) {
                scratch = new char[Math.max(n, scratch.length * 2)];
            }
            char[] c = scratch;
            for (int k = 0; k < n; k++) {
                c[k] = (char) readLong();
            }
            String str = new String(c, 0, n);
            int slot = plan.nextSlot[i];
            plan.nextSlot[i] = (slot + 1) % STRING_CACHE;
            encoded[slot] = java.util.Arrays.copyOfRange(b, from, pos);
            strings[slot] = str;
            return str;
        }
        if (encoding == 2) { // string pool reference
            pos++;
            long key = readLong();
            if (plan.lastKeyString[i] != null && plan.lastKey[i] == key) {
                return plan.lastKeyString[i];
            }
            Object o = resolve(new Ref(stringType, key));
            String str = o instanceof String x ? x : null;
            plan.lastKey[i] = key;
            plan.lastKeyString[i] = str;
            return str;
        }
        Object o = resolve(readString());
        return o instanceof String x ? x : null;
    }

    // ------------------------------------------------------------------- values as RecordedEvent gives them

    /** The field's value as the JDK's RecordedObject.getValue returns it (boxed; references resolved). */
    private Object value(Plan plan, int i) {
        if (i < plan.first) {
            return i == 0 ? Long.valueOf(startNanosOf) : Long.valueOf(endNanosOf - startNanosOf);
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            return resolve(new Ref(f.type, plan.longs[i]));
        }
        if (!f.array) {
            switch (f.type.kind) {
                case LONG:
                    return plan.longs[i];
                case INT:
                    return (int) plan.longs[i];
                case SHORT:
                    return (short) plan.longs[i];
                case CHAR:
                    return (char) plan.longs[i];
                default:
                    break;
            }
        }
        return resolve(plan.values[i]);
    }

    private String string(Plan plan, int i) {
        if (i < plan.first) {
            return null;
        }
        if (plan.layout[i] == L_STRING) {
            return (String) plan.values[i];
        }
        Field f = plan.type.fields[i];
        if (!f.array && !f.constantPool && f.type.kind == STRING) {
            return (String) plan.values[i];
        }
        return value(plan, i) instanceof String s ? s : null;
    }

    private String string(Plan plan, String field) {
        int i = plan.type.indexOf(field);
        return i < 0 ? null : string(plan, i);
    }

    /** RecordedObject.getLong: integral values; 0 (the decoder's default) for anything else. */
    private long number(Plan plan, int i) {
        if (i < 0) {
            return 0;
        }
        Field f = plan.type.fields[i];
        if (i >= plan.first && !f.array && !f.constantPool) {
            switch (f.type.kind) {
                case LONG:
                    return plan.longs[i];
                case INT:
                    return (int) plan.longs[i];
                case SHORT:
                    return (short) plan.longs[i];
                case CHAR:
                    return (char) plan.longs[i];
                default:
                    break;
            }
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

    private long number(Plan plan, String field) {
        return number(plan, plan.type.indexOf(field));
    }

    private long positive(Plan plan, String field) {
        return Math.max(0, number(plan, field));
    }

    private static long saturated(long nanos) {
        return nanos / 1_000_000_000L >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE / 4 : nanos;
    }

    /** Event duration, never negative (as the old decoder made of RecordedEvent.getDuration()). */
    private long duration() {
        long d = endNanosOf - startNanosOf;
        return d < 0 ? 0 : saturated(d);
    }

    /** RecordedObject.getDuration(field) in nanoseconds, -1 when negative, missing or not a timespan. */
    private long timespan(Plan plan, String field) {
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

    private ThreadRef eventThread(Plan plan) {
        int i = plan.thread;
        if (i < plan.first) {
            return ThreadRef.UNKNOWN;
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            long key = plan.longs[i];
            if (key == plan.lastThreadKey && plan.lastThread != null) {
                return plan.lastThread;
            }
            ThreadRef ref = threadCache.get(key);
            if (ref == null) {
                if (threadCache.size() > CACHE_LIMIT) {
                    threadCache.clear();
                }
                ref = threadRef(value(plan, i));
                threadCache.put(key, ref);
            }
            plan.lastThreadKey = key;
            plan.lastThread = ref;
            return ref;
        }
        return threadRef(value(plan, i));
    }

    /** e.getThread(field): only a field declared as java.lang.Thread. */
    private ThreadRef threadField(Plan plan, String field) {
        int i = plan.type.indexOf(field);
        if (i < plan.first || !"java.lang.Thread".equals(plan.type.fields[i].type.name)) {
            return ThreadRef.UNKNOWN;
        }
        return threadRef(value(plan, i));
    }

    private static boolean isThread(Object v) {
        return v instanceof ChunkDecoder.Struct s && "java.lang.Thread".equals(s.type.name);
    }

    /** The old decoder's conversion of a RecordedThread. */
    private ThreadRef threadRef(Object v) {
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

    private StackKey stack(Plan plan) {
        int i = plan.stack;
        if (i < plan.first) {
            return StackKey.NONE;
        }
        Field f = plan.type.fields[i];
        if (f.constantPool && !f.array) {
            long key = plan.longs[i];
            StackKey k = stackCache.get(key);
            if (k == null) {
                if (stackCache.size() > CACHE_LIMIT) {
                    stackCache.clear();
                }
                k = stackKey(value(plan, i));
                stackCache.put(key, k);
            }
            return k;
        }
        return stackKey(value(plan, i));
    }

    /** The frames below the agent's own, formatted as the old decoder did (class.method:line). */
    private StackKey stackKey(Object v) {
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

    private static final int HOLD = GilEventNames.ALL.indexOf(GilEventNames.HOLD);
    private static final int RELEASE = GilEventNames.ALL.indexOf(GilEventNames.RELEASE);

    private void dispatch(Plan p) {
        int code = p.code;
        if (code == HOLD) {
            sink.holdEvent(eventThread(p), startNanosOf, duration(), p.endReason < 0 ? null : string(p, p.endReason),
                    number(p, p.checkpoints));
            return;
        }
        if (code == RELEASE) {
            sink.releaseEvent(eventThread(p), startNanosOf, duration(),
                    p.blockingPoint < 0 ? null : string(p, p.blockingPoint), p.kind < 0 ? null : string(p, p.kind));
            return;
        }
        dispatchOther(p);
    }

    /**
     * The rarer types, in a method of their own: inlined into the hot path above, the string switch and
     * the calls it makes cost C2 half a second of compilation, more than decoding a million events.
     */
    private void dispatchOther(Plan p) {
        switch (p.name) { // hold and release are in dispatch: most events are one of them
            case GilEventNames.WAIT -> sink.waitEvent(eventThread(p), startNanosOf, duration(),
                    p.reason < 0 ? null : string(p, p.reason), (int) number(p, Fields.WAITERS), stack(p));
            case GilEventNames.DROP_REQUEST -> sink.dropRequestEvent(eventThread(p), startNanosOf,
                    threadField(p, Fields.HOLDER));
            case GilEventNames.REVOKE -> sink.revokeEvent(eventThread(p), startNanosOf,
                    threadField(p, Fields.HOLDER), string(p, Fields.HOLDER_STATE));
            case GilEventNames.STATS -> sink.statsEvent(startNanosOf, statsThread(p), stats(p));
            case GilEventNames.CONFIG -> sink.configEvent(startNanosOf, config(p));
            case GilEventNames.OPERATION -> sink.operationEvent(eventThread(p), startNanosOf, duration(),
                    string(p, Fields.METHOD));
            case GilEventNames.INSTRUMENTATION_ERROR -> sink.instrumentationErrorEvent(startNanosOf,
                    string(p, Fields.CLASS_NAME), string(p, Fields.MESSAGE));
            default -> { }
        }
    }

    /** gilThread, else gilThreadId/gilThreadName (newer agents), else UNKNOWN (see the model). */
    private ThreadRef statsThread(Plan p) {
        ThreadRef t = threadField(p, Fields.GIL_THREAD);
        if (t != ThreadRef.UNKNOWN) {
            return t;
        }
        long id = number(p, Fields.GIL_THREAD_ID);
        return id > 0 ? new ThreadRef(id, string(p, Fields.GIL_THREAD_NAME)) : ThreadRef.UNKNOWN;
    }

    private StatsSample stats(Plan p) {
        return new StatsSample(positive(p, Fields.WALL_NANOS), positive(p, Fields.HELD_NANOS),
                positive(p, Fields.WAIT_NANOS), positive(p, Fields.RELEASED_NANOS), positive(p, Fields.OUTSIDE_NANOS),
                positive(p, Fields.RELEASED_IO_NANOS), positive(p, Fields.RELEASED_SLEEP_NANOS),
                positive(p, Fields.RELEASED_LOCK_NANOS), positive(p, Fields.RELEASED_WAIT_NANOS),
                positive(p, Fields.RELEASED_USER_NANOS), positive(p, Fields.ACQUISITIONS),
                positive(p, Fields.SWITCHES), positive(p, Fields.DROP_REQUESTS), positive(p, Fields.REVOCATIONS));
    }

    private RunConfig config(Plan p) {
        return new RunConfig(true, string(p, Fields.MODE), timespan(p, Fields.INTERVAL),
                (int) number(p, Fields.CHECK_INTERVAL), string(p, Fields.INCLUDE), string(p, Fields.EXCLUDE),
                string(p, Fields.RELEASE_OPTION), string(p, Fields.THROUGHPUT), timespan(p, Fields.WAIT_THRESHOLD),
                timespan(p, Fields.HOLD_THRESHOLD), timespan(p, Fields.STATS_PERIOD), string(p, Fields.OPTIONS),
                string(p, Fields.JAVA_VERSION), (int) number(p, Fields.CORES), string(p, Fields.AGENT_VERSION));
    }
}
