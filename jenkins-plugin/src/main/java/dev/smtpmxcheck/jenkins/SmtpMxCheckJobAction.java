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
 */
public final class SmtpMxCheckJobAction implements Action {

    private final Run<?, ?> run;

    SmtpMxCheckJobAction(Run<?, ?> run) {
        this.run = run;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** One action per domain checked in {@link #getRun()}. */
    public List<SmtpMxCheckAction> getResults() {
        return run.getActions(SmtpMxCheckAction.class);
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

    /** Adds the box to every job whose last completed build ran {@code smtpMxCheck}. */
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
            Run<?, ?> last = target.getLastCompletedBuild();
            if (last == null || last.getActions(SmtpMxCheckAction.class).isEmpty()) {
                return List.of();
            }
            return List.of(new SmtpMxCheckJobAction(last));
        }
    }
}
