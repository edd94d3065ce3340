package io.gil4j.analyzer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small JSON Schema (2020-12 subset) validator for tests: $ref (local), oneOf, allOf, type, enum,
 * const, required, properties, additionalProperties, items, minItems, minimum, maximum. Returns the
 * list of violations with JSON-pointer-like paths (empty when valid).
 */
public final class SchemaValidator {
    private final Map<String, Object> root;

    public SchemaValidator(Map<String, Object> root) {
        this.root = root;
    }

    public List<String> validate(Object doc) {
        List<String> errors = new ArrayList<>();
        check(root, doc, "$", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, Object v, String path, List<String> errors) {
        if (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            Object target = root;
            for (String part : ref.substring(2).split("/")) {
                target = ((Map<String, Object>) target).get(part);
            }
            if (target == null) {
                errors.add(path + ": unresolved " + ref);
                return;
            }
            check((Map<String, Object>) target, v, path, errors);
        }
        if (schema.containsKey("oneOf")) {
            int ok = 0;
            List<String> all = new ArrayList<>();
            for (Object sub : (List<Object>) schema.get("oneOf")) {
                List<String> e = new ArrayList<>();
                check((Map<String, Object>) sub, v, path, e);
                if (e.isEmpty()) {
                    ok++;
                }
                all.addAll(e);
            }
            if (ok != 1) {
                errors.add(path + ": matches " + ok + " of oneOf; " + all.subList(0, Math.min(5, all.size())));
            }
        }
        if (schema.containsKey("allOf")) {
            for (Object sub : (List<Object>) schema.get("allOf")) {
                check((Map<String, Object>) sub, v, path, errors);
            }
        }
        if (schema.containsKey("type") && !typeOk(schema.get("type"), v)) {
            errors.add(path + ": expected type " + schema.get("type") + " but was " + v);
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(v)) {
            errors.add(path + ": " + v + " not in " + schema.get("enum"));
        }
        if (schema.containsKey("const") && !schema.get("const").equals(v)) {
            errors.add(path + ": expected " + schema.get("const") + " but was " + v);
        }
        if (v instanceof Number n) {
            if (schema.containsKey("minimum") && n.doubleValue() < ((Number) schema.get("minimum")).doubleValue()) {
                errors.add(path + ": " + n + " < minimum " + schema.get("minimum"));
            }
            if (schema.containsKey("maximum") && n.doubleValue() > ((Number) schema.get("maximum")).doubleValue()) {
                errors.add(path + ": " + n + " > maximum " + schema.get("maximum"));
            }
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> obj = (Map<String, Object>) m;
            for (Object r : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!obj.containsKey(r)) {
                    errors.add(path + ": missing " + r);
                }
            }
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            Object additional = schema.get("additionalProperties");
            for (Map.Entry<String, Object> e : obj.entrySet()) {
                String p = path + "." + e.getKey();
                if (props.containsKey(e.getKey())) {
                    check((Map<String, Object>) props.get(e.getKey()), e.getValue(), p, errors);
                } else if (Boolean.FALSE.equals(additional)) {
                    errors.add(p + ": not allowed");
                } else if (additional instanceof Map) {
                    check((Map<String, Object>) additional, e.getValue(), p, errors);
                }
            }
        }
        if (v instanceof List<?> l) {
            if (schema.containsKey("minItems") && l.size() < ((Number) schema.get("minItems")).intValue()) {
                errors.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.containsKey("items")) {
                for (int k = 0; k < l.size(); k++) {
                    check((Map<String, Object>) schema.get("items"), l.get(k), path + "[" + k + "]", errors);
                }
            }
        }
    }

    private static boolean typeOk(Object type, Object v) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeOk(t, v));
        }
        return switch ((String) type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            case "integer" -> v instanceof Long || (v instanceof Double d && d == Math.rint(d));
            case "number" -> v instanceof Number;
            default -> false;
        };
    }
}
