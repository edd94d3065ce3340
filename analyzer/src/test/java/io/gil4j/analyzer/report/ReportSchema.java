package io.gil4j.analyzer.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyzer's shipped JSON Schema ({@code report.schema.json}, draft 2020-12), checked by a
 * maintained validator (networknt json-schema-validator) rather than one of our own: a home-made
 * oracle can accept what a real validator rejects.
 */
public final class ReportSchema {
    private static final String RESOURCE = "/io/gil4j/analyzer/report.schema.json";
    private static Schema schema;

    private ReportSchema() { }

    private static synchronized Schema schema() {
        if (schema == null) {
            try (InputStream in = ReportSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the class path");
                schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    /** The violations of one JSON document, each as "location: message"; empty when it is valid. */
    public static List<String> validate(String json) {
        List<String> out = new ArrayList<>();
        for (Error e : schema().validate(json, InputFormat.JSON)) out.add(e.getInstanceLocation() + ": " + e.getMessage());
        return out;
    }
}
