package dev.smtpmxcheck.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of a {@link CheckReport}, schema version {@link CheckReport#SCHEMA_VERSION}
 * (documented in {@code src-docs/src/docs/asciidoc/json.adoc}). Field names are the record component names; null
 * fields are omitted; instants are ISO-8601 strings in UTC; durations are integers in milliseconds
 * in fields ending in {@code Millis}.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonReport() {}

    /** The report as indented JSON. */
    public static String write(CheckReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report of " + report.domain(), e);
        }
    }

    /**
     * Reads a report written by {@link #write}. Unknown fields (from a newer minor writer) are ignored.
     *
     * @throws IllegalArgumentException when the text is not JSON of a report, or its schemaVersion is
     *     newer than {@link CheckReport#SCHEMA_VERSION}
     */
    public static CheckReport read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            int version = tree.path("schemaVersion").asInt(0);
            if (version < 1 || version > CheckReport.SCHEMA_VERSION) {
                throw new IllegalArgumentException("unsupported report schemaVersion " + version
                        + " (this version reads 1 to " + CheckReport.SCHEMA_VERSION + ")");
            }
            return MAPPER.treeToValue(tree, CheckReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid report: " + e.getOriginalMessage(), e);
        }
    }
}
