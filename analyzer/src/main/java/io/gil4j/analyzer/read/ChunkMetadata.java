package io.gil4j.analyzer.read;

import io.gil4j.analyzer.GilEventNames;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types of one chunk, from its metadata event (the one the chunk header points to): type ids, field
 * layouts, {@code @Timespan} units, and which gil event types the chunk declares.
 */
final class ChunkMetadata {
    private static final long METADATA_TYPE_ID = 0;
    static final int MAX_DEPTH = 32;
    private static final Set<String> READ = Set.copyOf(GilEventNames.ALL);

    // primitive kinds of types without fields; STRUCT for the rest
    static final byte BOOLEAN = 1, BYTE = 2, CHAR = 3, SHORT = 4, INT = 5, LONG = 6, FLOAT = 7, DOUBLE = 8,
            STRING = 9, STRUCT = 10;

    /** A type from the metadata. */
    static final class Type {
        final long id;
        final String name;
        final String superType;
        final boolean simple;
        Field[] fields = new Field[0];
        byte kind;
        private Map<String, Integer> index;

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

        /** A gil event type this analyzer reads. */
        boolean isGilEvent() {
            return "jdk.jfr.Event".equals(superType) && READ.contains(name);
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

    final Map<Long, Type> types = new HashMap<>();
    /** Gil type names declared by this chunk's metadata (event types only). */
    final Set<String> declared = new HashSet<>();
    Type stringType;
    /** The metadata's content: the next chunk reuses these types when its content is the same. */
    private byte[] bytes;
    private final ChunkInput in;

    private ChunkMetadata(ChunkInput in) {
        this.in = in;
    }

    /**
     * Reads the metadata event at the chunk offset the header gives; returns {@code previous} (the last
     * chunk's) when the event's content (all but its time stamps and id) is byte for byte the same, as it
     * is for the chunks of one recording (the JDK's parser likewise keeps metadata whose id did not change).
     */
    static ChunkMetadata read(ChunkInput in, int offset, ChunkMetadata previous)
            throws ChunkDecoder.Corrupt, IOException {
        in.load(offset, Math.min(ChunkInput.MAX_VARINT, in.chunkSize - offset));
        long size = in.readLong();
        if (size <= 0 || size > in.chunkSize - offset) {
            throw new ChunkDecoder.Corrupt("invalid metadata event size " + size + in.where);
        }
        in.load(offset, (int) size);
        in.readLong(); // size, checked above
        if (in.readLong() != METADATA_TYPE_ID) {
            throw new ChunkDecoder.Corrupt("no metadata event at the position the chunk header gives" + in.where);
        }
        in.readLong(); // start time
        in.readLong(); // duration
        in.readLong(); // metadata id
        // the content (string table and types) without the header fields, which differ from chunk to chunk
        int from = in.pos;
        ChunkMetadata m;
        if (previous != null && Arrays.equals(previous.bytes, 0, previous.bytes.length, in.b, from, (int) size)) {
            m = previous;
        } else {
            m = new ChunkMetadata(in);
            m.bytes = Arrays.copyOfRange(in.b, from, (int) size);
            m.parse();
        }
        in.stringType = m.stringType;
        return m;
    }

    // the element and attribute names the analyzer needs, as codes (index in NAMES; -1: any other)
    private static final String[] NAMES = {"metadata", "class", "field", "annotation", "id", "name", "superType",
            "simpleType", "dimension", "constantPool", "value"};
    private static final int METADATA = 0, CLASS = 1, FIELD = 2, ANNOTATION = 3, ID = 4, NAME = 5, SUPER_TYPE = 6,
            SIMPLE_TYPE = 7, DIMENSION = 8, CONSTANT_POOL = 9, VALUE = 10;
    // what an element is, from its name and its parent's kind
    private static final int K_ROOT = 0, K_METADATA = 1, K_CLASS = 2, K_FIELD = 3, K_ANNOTATION = 4, K_OTHER = 5;

    /** A class, field or annotation element: its attributes by code (the last of duplicates, as a map). */
    private static final class Declaration {
        final String[] attributes = new String[NAMES.length];
        final List<Declaration> children = new ArrayList<>();

        String attr(int code) {
            return attributes[code];
        }
    }

    private String[] strings;
    private int[] codes;
    private boolean metadataSeen;
    private final List<Declaration> classes = new ArrayList<>();
    private Declaration currentClass;
    private Declaration currentField;

    /** Parses the content, from the string table on (read has checked the header fields). */
    private void parse() throws ChunkDecoder.Corrupt {
        String where = in.where;
        int n = in.readCount("metadata string count");
        strings = new String[n];
        codes = new int[n];
        for (int i = 0; i < n; i++) {
            Object s = in.readString();
            if (s instanceof ConstantPools.Ref) {
                throw new ChunkDecoder.Corrupt("pooled string in metadata" + where);
            }
            strings[i] = (String) s;
            codes[i] = s == null ? -1 : codeOf((String) s);
        }
        // Only the first "metadata" element of the root, its "class" elements, their "field" elements and
        // theirs "annotation" elements are kept; the rest is read (and checked) and dropped. No tree, no
        // map per element: the first chunk's metadata is read by cold code, where that cost tens of ms.
        element(0, K_ROOT);
        if (!metadataSeen) {
            throw new ChunkDecoder.Corrupt("metadata without types" + where);
        }
        for (Declaration c : classes) {
            long id = parseLong(c.attr(ID));
            String name = c.attr(NAME);
            if (name == null) {
                throw new ChunkDecoder.Corrupt("metadata type without a name" + where);
            }
            types.put(id, new Type(id, name, c.attr(SUPER_TYPE), c.attr(SIMPLE_TYPE) != null));
        }
        for (Declaration c : classes) {
            Type t = types.get(parseLong(c.attr(ID)));
            t.fields = new Field[c.children.size()];
            for (int i = 0; i < t.fields.length; i++) {
                t.fields[i] = field(t, c.children.get(i));
            }
        }
        for (Type t : types.values()) {
            t.kind = kindOf(t);
            if ("java.lang.String".equals(t.name)) {
                stringType = t;
            }
            if (t.isGilEvent()) {
                declared.add(t.name);
            }
        }
        strings = null;
        codes = null;
        classes.clear();
    }

    private static int codeOf(String s) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    private void element(int depth, int parentKind) throws ChunkDecoder.Corrupt {
        if (depth > MAX_DEPTH) {
            throw new ChunkDecoder.Corrupt("metadata nested too deeply" + in.where);
        }
        int name = codes[stringIndex()];
        int kind = K_OTHER;
        Declaration d = null;
        if (parentKind == K_ROOT && depth == 0) {
            kind = K_ROOT;
        } else if (parentKind == K_ROOT && name == METADATA && !metadataSeen) {
            metadataSeen = true;
            kind = K_METADATA;
        } else if (parentKind == K_METADATA && name == CLASS) {
            kind = K_CLASS;
            d = currentClass = new Declaration();
            classes.add(d);
        } else if (parentKind == K_CLASS && name == FIELD) {
            kind = K_FIELD;
            d = currentField = new Declaration();
            currentClass.children.add(d);
        } else if (parentKind == K_FIELD && name == ANNOTATION) {
            kind = K_ANNOTATION;
            d = new Declaration();
            currentField.children.add(d);
        }
        int attrs = in.readCount("metadata attribute count");
        for (int i = 0; i < attrs; i++) {
            int key = codes[stringIndex()];
            String value = strings[stringIndex()];
            if (d != null && key >= 0) {
                d.attributes[key] = value;
            }
        }
        int n = in.readCount("metadata element count");
        for (int i = 0; i < n; i++) {
            element(depth + 1, kind);
        }
    }

    private Field field(Type owner, Declaration fe) throws ChunkDecoder.Corrupt {
        Field f = new Field();
        f.name = fe.attr(NAME);
        f.typeId = parseLong(fe.attr(CLASS));
        f.type = types.get(f.typeId);
        if (f.name == null || f.type == null) {
            throw new ChunkDecoder.Corrupt("metadata field of " + owner.name + " without name or known type"
                    + in.where);
        }
        String dim = fe.attr(DIMENSION);
        f.array = dim != null && parseLong(dim) > 0;
        f.constantPool = fe.attr(CONSTANT_POOL) != null;
        for (Declaration a : fe.children) {
            Type at = types.get(parseLong(a.attr(CLASS)));
            if (at != null && "jdk.jfr.Timespan".equals(at.name)) {
                f.timespanUnit = a.attr(VALUE) == null ? "NANOSECONDS" : a.attr(VALUE);
            }
        }
        return f;
    }

    private static byte kindOf(Type t) {
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

    private long parseLong(String s) throws ChunkDecoder.Corrupt {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ChunkDecoder.Corrupt("invalid number in metadata: " + (s == null ? "missing" : shorten(s))
                    + in.where);
        }
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** A string table index, checked. */
    private int stringIndex() throws ChunkDecoder.Corrupt {
        int i = in.readInt();
        if (i < 0 || i >= strings.length) {
            throw new ChunkDecoder.Corrupt("invalid metadata string index " + i + in.where);
        }
        return i;
    }
}
