package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.json.ReportJson;

/**
 * One finding that differs between the previous report of a domain and the current one, matched by
 * code and subject ({@link ReportJson.Finding#code()} name and {@link ReportJson.Finding#subject()}).
 *
 * @param kind how it changed
 * @param finding the finding as it is now; for {@link Kind#FIXED}, as it was
 * @param previousSeverity the severity in the previous report, null for {@link Kind#NEW}
 */
public record FindingChange(Kind kind, ReportJson.Finding finding, Severity previousSeverity) {

    /** How a finding changed. NEW and RAISED are regressions, FIXED and LOWERED improvements. */
    public enum Kind {
        /** Not in the previous report; now WARNING or worse. */
        NEW,
        /** In the previous report with a lower severity; now WARNING or worse. */
        RAISED,
        /** In the previous report at WARNING or worse; gone now. */
        FIXED,
        /** In the previous report at WARNING or worse; now with a lower severity. */
        LOWERED
    }
}
