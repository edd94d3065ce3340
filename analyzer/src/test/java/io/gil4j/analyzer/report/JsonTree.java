package io.gil4j.analyzer.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Tests read the analyzer's JSON as plain maps, lists, strings, longs and doubles, through Jackson. */
public final class JsonTree {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonTree() { }

    /** The document as Maps, Lists, Strings, Longs, Doubles, Booleans and nulls; malformed JSON fails the test. */
    public static Object parse(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
