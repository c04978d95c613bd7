package dev.smtpmxcheck.core.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.smtpmxcheck.core.report.CheckReport;

/**
 * The JSON report, schema version {@link ReportJson#SCHEMA_VERSION} (documented in
 * {@code src-docs/src/docs/asciidoc/json.adoc}). It is written from the JSON model ({@link ReportJson} and the
 * records it holds), never from the internal records, which reach it only through {@link ReportJsonMapper}. Field
 * names are the JSON model's component names in their order; null fields are omitted; instants are ISO-8601
 * strings in UTC; durations are integers in milliseconds in fields ending in {@code Millis}.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonReport() {}

    /** The report as indented JSON, through {@link ReportJsonMapper#toJson}. */
    public static String write(CheckReport report) {
        return write(ReportJsonMapper.toJson(report));
    }

    /** The JSON model as indented JSON. */
    public static String write(ReportJson report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report of " + report.domain(), e);
        }
    }

    /**
     * Reads a report written by {@link #write} of this or an earlier version. Unknown fields (from a newer writer
     * of the same schema version) are ignored; fields added since the report was written are absent.
     *
     * @throws IllegalArgumentException when the text is not JSON of a report (no domain or state, an unknown state,
     *     severity or finding code), or its schemaVersion is not 1 to {@link ReportJson#SCHEMA_VERSION}
     */
    public static ReportJson read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            int version = tree.path("schemaVersion").asInt(0);
            if (version < 1 || version > ReportJson.SCHEMA_VERSION) {
                throw new IllegalArgumentException("unsupported report schemaVersion " + version
                        + " (this version reads 1 to " + ReportJson.SCHEMA_VERSION + ")");
            }
            return MAPPER.treeToValue(tree, ReportJson.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid report: " + e.getOriginalMessage(), e);
        }
    }
}
