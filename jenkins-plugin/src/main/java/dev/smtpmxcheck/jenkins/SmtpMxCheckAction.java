package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.gate.BuildSummary;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The result of one {@code smtpMxCheck} call on a build: one action per domain, so several calls in a build do not
 * overwrite each other (a second call for the same domain replaces the first).
 *
 * <p>Persisted by XStream with the build, it holds only Strings: the report as JSON (schema of
 * {@link JsonReport}; Java records would not be read back) and the log lines. The views read
 * {@link #getSummary()}, rebuilt from the JSON.
 */
public final class SmtpMxCheckAction implements RunAction2 {

    private final String domain;
    private final String reportJson;
    private final String result;
    private final ArrayList<String> log;
    private transient Run<?, ?> run;

    /**
     * @param domain the domain as A-labels (the report's {@code domain})
     * @param reportJson the report, as {@link JsonReport#write} gives it
     * @param result the build result this check asked for: SUCCESS, UNSTABLE or FAILURE
     * @param log the lines printed to the build log
     */
    SmtpMxCheckAction(String domain, String reportJson, String result, List<String> log) {
        this.domain = domain;
        this.reportJson = reportJson;
        this.result = result;
        this.log = new ArrayList<>(log);
    }

    /** The action of {@code domain} on {@code run}, or null. */
    static SmtpMxCheckAction forDomain(Run<?, ?> run, String domain) {
        for (SmtpMxCheckAction a : run.getActions(SmtpMxCheckAction.class)) {
            if (a.domain.equals(domain)) {
                return a;
            }
        }
        return null;
    }

    public String getDomain() {
        return domain;
    }

    public String getReportJson() {
        return reportJson;
    }

    /** SUCCESS, UNSTABLE or FAILURE. */
    public String getResult() {
        return result;
    }

    /** The log lines of this check: status, comparison, regressions, improvements, result. */
    public List<String> getLog() {
        return log == null ? List.of() : List.copyOf(log);
    }

    /** The page model, or null when the stored report cannot be read by this version. */
    public BuildSummary getSummary() {
        try {
            return BuildSummary.of(JsonReport.read(reportJson));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-mail-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "SMTP MX check: " + domain;
    }

    /** {@code smtp-mx-check-example.com}: A-label domains are safe in a URL segment. */
    @Override
    public String getUrlName() {
        return "smtp-mx-check-" + domain;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }
}
