package dev.smtpmxcheck.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The job page's box with the last completed build's SMTP MX results (one line per domain, linking to its page).
 * Unlike {@code SimpleBuildStep.LastBuildAction}, which looks at the last successful build, this shows the last
 * completed one: a failed build is exactly when the mail transport needs a look.
 *
 * <p>Jenkins lists a job's actions far more often than it shows the job's page (every page under the job, the
 * REST API), so creating this action touches no build: the last completed build is looked up only when the
 * box is drawn ({@code jobMain.jelly}), once per page view.
 */
public final class SmtpMxCheckJobAction implements Action {

    private final Job<?, ?> job;

    SmtpMxCheckJobAction(Job<?, ?> job) {
        this.job = job;
    }

    /** The last completed build, or null; looks it up (Jenkins keeps its number, so one build is loaded at most). */
    public Run<?, ?> getRun() {
        return job.getLastCompletedBuild();
    }

    /** One action per domain checked in the last completed build; empty when there is none or it ran no check. */
    public List<SmtpMxCheckAction> getResults() {
        return resultsOf(getRun());
    }

    /** One action per domain checked in {@code run}; empty when {@code run} is null or ran no check. */
    public List<SmtpMxCheckAction> resultsOf(Run<?, ?> run) {
        return run == null ? List.of() : run.getActions(SmtpMxCheckAction.class);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "SMTP MX check";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** Adds the box to every job; it shows only when the last completed build ran {@code smtpMxCheck}. */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Class<? extends Action> actionType() {
            return SmtpMxCheckJobAction.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            return List.of(new SmtpMxCheckJobAction(target));
        }
    }
}
