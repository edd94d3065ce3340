package io.gil4j.bench.kernels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON-like document (generated from a fixed seed, ~1 MB) parsed by a small recursive-descent parser
 * into HashMaps, ArrayLists, Strings, Longs, Doubles and Booleans, then walked: many small calls,
 * char arrays, allocation. Checksum = a hash over the walked tree.
 */
final class JsonParse {
    private final String text;
    private int pos;

    private JsonParse(String text) { this.text = text; }

    static String document(int records) {
        StringBuilder sb = new StringBuilder(records * 200);
        long x = 42;
        sb.append("{\"records\": [");
        for (int r = 0; r < records; r++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (r > 0) sb.append(",\n ");
            sb.append("{\"id\": ").append(r).append(", \"name\": \"item-").append(Long.toHexString(x >>> 40))
              .append("\\n\\\"q\\\"\", \"active\": ").append((x & 1) == 0).append(", \"score\": ")
              .append((x >>> 33) % 100000 / 100.0).append(", \"tags\": [");
            int tags = (int) ((x >>> 20) & 7);
            for (int t = 0; t < tags; t++) sb.append(t > 0 ? ", " : "").append("\"t").append(t * 31 + r % 7).append('"');
            sb.append("], \"nested\": {\"depth\": {\"values\": [");
            for (int v = 0; v < 8; v++) sb.append(v > 0 ? "," : "").append((x >>> v * 4) & 0xffff);
            sb.append("], \"none\": null, \"exp\": -1.5e-3}}}");
        }
        return sb.append("]}").toString();
    }

    static Object parse(String text) {
        JsonParse p = new JsonParse(text);
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) throw new IllegalArgumentException("trailing data at " + p.pos);
        return v;
    }

    private void ws() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return;
            pos++;
        }
    }

    private char peek() { ws(); return text.charAt(pos); }

    private void expect(char c) {
        if (peek() != c) throw new IllegalArgumentException("expected " + c + " at " + pos);
        pos++;
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': pos += 4; return Boolean.TRUE;
            case 'f': pos += 5; return Boolean.FALSE;
            case 'n': pos += 4; return null;
            default: return number();
        }
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> m = new HashMap<>();
        if (peek() == '}') { pos++; return m; }
        for (;;) {
            String k = string();
            expect(':');
            m.put(k, value());
            if (peek() == ',') { pos++; continue; }
            expect('}');
            return m;
        }
    }

    private List<Object> array() {
        expect('[');
        List<Object> l = new ArrayList<>();
        if (peek() == ']') { pos++; return l; }
        for (;;) {
            l.add(value());
            if (peek() == ',') { pos++; continue; }
            expect(']');
            return l;
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = null;
        int start = pos;
        for (;;) {
            char c = text.charAt(pos++);
            if (c == '"') return sb == null ? text.substring(start, pos - 1) : sb.append(text, start, pos - 1).toString();
            if (c == '\\') {
                if (sb == null) sb = new StringBuilder();
                sb.append(text, start, pos - 1);
                char e = text.charAt(pos++);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                start = pos;
            }
        }
    }

    private Object number() {
        int start = pos;
        boolean real = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9' || c == '-') { pos++; continue; }
            if (c == '.' || c == 'e' || c == 'E' || c == '+') { real = true; pos++; continue; }
            break;
        }
        String s = text.substring(start, pos);
        return real ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
    }

    static long hash(Object v) {
        if (v == null) return 7;
        if (v instanceof Map) {
            long h = 11;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) h += e.getKey().hashCode() * 31L ^ hash(e.getValue());
            return h;
        }
        if (v instanceof List) {
            long h = 13;
            for (Object o : (List<?>) v) h = h * 31 + hash(o);
            return h;
        }
        if (v instanceof Double) return Double.doubleToLongBits((Double) v);
        return v.hashCode();
    }

    static String run(String doc, int times) {
        long h = 0;
        for (int i = 0; i < times; i++) h = h * 31 + hash(parse(doc));
        return Long.toHexString(h);
    }
}
