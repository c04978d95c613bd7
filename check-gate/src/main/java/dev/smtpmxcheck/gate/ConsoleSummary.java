package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines the step prints to the build log: the domain's status line, one line per regression saying what
 * changed and how to fix it, one per improvement, and the result with its reasons. Every line starts with
 * {@code smtpMxCheck <domain>:} so that several calls in one build stay apart.
 *
 * <p>Server-supplied text inside messages (banners, certificate names) is shown with control characters
 * replaced by {@code ?}, so a hostile server cannot forge log lines or terminal escapes.
 */
public final class ConsoleSummary {
    private ConsoleSummary() {}

    /**
     * The log lines for one domain.
     *
     * @param report the report of this build
     * @param verdict the gate's verdict on it
     * @param comparedWith what the previous report is, e.g. "build #12"; ignored on a first build
     */
    public static List<String> lines(ReportJson report, GateVerdict verdict, String comparedWith) {
        String p = "smtpMxCheck " + report.domain() + ": ";
        List<String> lines = new ArrayList<>();
        lines.add(p + report.state() + " - " + oneLine(report.summary()));
        for (String note : verdict.notes()) {
            lines.add(p + "note: " + oneLine(note));
        }
        if (verdict.firstBuild()) {
            lines.add(p + "no earlier report of this domain; only failOn and unstableOn apply");
        } else {
            lines.add(p + "compared with " + comparedWith + " (state " + verdict.previousState() + ")");
        }
        if (verdict.stateWorse()) {
            lines.add(p + "REGRESSION: state " + verdict.previousState() + " → " + verdict.state()
                    + (verdict.regressions().isEmpty() && verdict.stsChanges().isEmpty()
                            && verdict.deliveryLost().isEmpty()
                            ? "; fix: see the findings of this build" : "; the changes follow"));
        }
        for (FindingChange c : verdict.regressions()) {
            lines.add(p + "REGRESSION: " + describe(c));
        }
        for (StsCacheChange c : verdict.stsChanges()) {
            lines.add(p + "REGRESSION: " + describe(c));
        }
        for (String lost : verdict.deliveryLost()) {
            lines.add(p + "REGRESSION: " + oneLine(lost));
        }
        if (verdict.stateBetter()) {
            lines.add(p + "improved: state " + verdict.previousState() + " → " + verdict.state());
        }
        for (FindingChange c : verdict.improvements()) {
            lines.add(p + "improved: " + describe(c));
        }
        lines.add(p + "result " + verdict.result()
                + (verdict.reasons().isEmpty() ? "" : ": " + String.join("; ", verdict.reasons())));
        return lines;
    }

    /** One change in words, with the fix for regressions: "new CRITICAL CERT_EXPIRED on mx1 ...: ... — fix: ...". */
    public static String describe(FindingChange c) {
        ReportJson.Finding f = c.finding();
        String what = f.code().name() + " on " + oneLine(f.subject());
        switch (c.kind()) {
            case NEW:
                return "new " + f.severity() + " " + what + ": " + oneLine(f.message()) + " — fix: " + oneLine(f.remediation());
            case RAISED:
                return what + " " + c.previousSeverity() + " → " + f.severity() + ": " + oneLine(f.message()) + " — fix: "
                        + oneLine(f.remediation());
            case FIXED:
                return what + " is gone (was " + c.previousSeverity() + ")";
            default:
                return what + " " + c.previousSeverity() + " → " + f.severity();
        }
    }

    /**
     * One MTA-STS cache change in words, with the fix: "MTA-STS POLICY_CHANGED_SAME_ID on example.com: ... — fix: ...".
     */
    public static String describe(StsCacheChange c) {
        return "MTA-STS " + c.kind().name() + " on " + oneLine(c.subject()) + ": " + oneLine(c.message()) + " — fix: "
                + oneLine(c.remediation());
    }

    /** {@code text} with every control character (C0, DEL, C1) replaced by '?'. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return b.toString();
    }
}
