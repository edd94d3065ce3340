package io.gil4j.demo.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demos' machine-readable outputs ({@code --json}), through Jackson: trees of maps, lists, numbers,
 * strings, booleans and null written as indented JSON, and any JSON read back as such a tree, with every
 * number a {@code Double} (the scripts and the seed table only compute with them).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Float.class, new FiniteOrNull()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Indented, and {@code "key": value} as the scripts' line-oriented readers (sed, grep) expect. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private Json() {
    }

    /** JSON has no NaN or Infinity: they are written as null, so a reader fails on the field, not the file. */
    private static final class FiniteOrNull extends JsonSerializer<Number> {
        @Override
        public void serialize(Number value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double d = value.doubleValue();
            if (Double.isFinite(d)) gen.writeNumber(d);
            else gen.writeNull();
        }
    }

    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text: objects become {@code Map<String,Object>}, arrays lists, numbers {@code Double}. */
    public static Object parse(String text) {
        try {
            return doubles(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object doubles(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, doubles(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(doubles(x));
            return out;
        }
        return v;
    }

    /** Follows a path of object keys, e.g. {@code get(doc, "cpu", "single")}; null when absent. */
    public static Object get(Object doc, String... path) {
        Object cur = doc;
        for (String key : path) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            cur = map.get(key);
        }
        return cur;
    }

    /** A number at {@code path}, or NaN when absent or null. */
    public static double number(Object doc, String... path) {
        Object v = get(doc, path);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
