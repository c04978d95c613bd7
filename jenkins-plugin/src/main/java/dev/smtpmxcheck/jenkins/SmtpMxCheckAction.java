package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.gate.BuildSummary;
import dev.smtpmxcheck.gate.PreviousReport;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The result of one {@code smtpMxCheck} call on a build: one action per domain, so several calls in a build do not
 * overwrite each other (a second call for the same domain replaces the first, see {@link #record}).
 *
 * <p>Persisted by XStream with the build, it holds only Strings: the report as JSON (schema of
 * {@link JsonReport}; Java records would not be read back) and the log lines. The JSON is read once per loaded
 * build, when a view ({@link #getSummary()}) or a later build's comparison ({@link #asPrevious()}) first needs it,
 * and kept in a transient field.
 */
public final class SmtpMxCheckAction implements RunAction2 {

    private final String domain;
    private final String reportJson;
    private final String result;
    private final ArrayList<String> log;
    private transient Run<?, ?> run;
    /** The JSON read back, on first use; never persisted. */
    private transient volatile PreviousReport parsed;

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

    /**
     * Records {@code action} on {@code run}, replacing the action of the same domain, so that a build has one action
     * per domain and URL name even when parallel branches check the same domain.
     *
     * <p>Jenkins gives no atomic replacement of one action among several of a class: {@code Run#replaceAction}
     * replaces every action of the class (every domain), and its mutation methods have no concurrency control (see
     * {@code Actionable}). So the lookup, the addition and the removal happen under the run's monitor, which
     * {@code Run#save} also holds: two calls for one domain follow each other, and a save never writes both actions.
     * The new action is added before the old one goes, so the domain's page resolves throughout (to the old action
     * until the new one replaced it).
     */
    static void record(Run<?, ?> run, SmtpMxCheckAction action) {
        synchronized (run) {
            List<SmtpMxCheckAction> old = new ArrayList<>();
            for (SmtpMxCheckAction a : run.getActions(SmtpMxCheckAction.class)) {
                if (a.domain.equals(action.domain)) {
                    old.add(a);
                }
            }
            run.addAction(action);
            old.forEach(run::removeAction);
        }
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
        PreviousReport p = asPrevious();
        return p.report() == null ? null : BuildSummary.of(p.report());
    }

    /**
     * The stored report as a later build compares with it, read from the JSON on first use and then kept (transient:
     * read again after a restart). A report this version cannot read gives a note and no report.
     */
    PreviousReport asPrevious() {
        PreviousReport p = parsed;
        if (p == null) {
            p = PreviousReport.parse(reportJson, run == null ? "the build of " + domain : run.getFullDisplayName());
            parsed = p;
        }
        return p;
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
