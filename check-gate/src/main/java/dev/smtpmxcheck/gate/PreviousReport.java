package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;

/**
 * The report a domain had in an earlier build, read back from the JSON stored with that build.
 *
 * <p>Reports of every schema version up to {@link ReportJson#SCHEMA_VERSION} are read (fields added later are
 * absent, fields unknown to this version ignored). A report that cannot be read (a newer schema version, a
 * finding code this version does not know, damaged text) is not an error: the build is judged as a first build
 * and {@link #note()} says why.
 *
 * @param report the report, or null when there is none or it could not be read
 * @param note why an existing report was not used, or null
 */
public record PreviousReport(ReportJson report, String note) {

    /** No earlier report: a first build. */
    public static PreviousReport none() {
        return new PreviousReport(null, null);
    }

    /**
     * Reads stored JSON with {@link JsonReport#read}.
     *
     * @param json the stored text; null or blank for none
     * @param origin where it comes from, for the note ("build #12")
     */
    public static PreviousReport parse(String json, String origin) {
        if (json == null || json.isBlank()) {
            return none();
        }
        try {
            return new PreviousReport(JsonReport.read(json), null);
        } catch (IllegalArgumentException e) {
            return new PreviousReport(null, "the report of " + origin + " cannot be read (" + e.getMessage()
                    + "); judged as a first build");
        }
    }
}
