package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.gate.BuildResult;
import dev.smtpmxcheck.gate.ConsoleSummary;
import dev.smtpmxcheck.gate.Gate;
import dev.smtpmxcheck.gate.GateSettings;
import dev.smtpmxcheck.gate.GateVerdict;
import dev.smtpmxcheck.gate.PipelineMap;
import dev.smtpmxcheck.gate.PreviousReport;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code smtpMxCheck}: the check on the agent through {@link RemoteCheck} (only the JSON text comes
 * back), then on the controller the comparison with the previous build, the log lines, the build action and the
 * result: UNSTABLE through a {@link WarningAction} on the step's node and {@link Run#setResult}, FAILURE through an
 * {@link AbortException} whose message gives the reasons.
 */
final class SmtpMxCheckExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /** How many completed builds back the previous report of a domain is looked for. */
    static final int MAX_BUILDS_BACK = 50;

    private final transient SmtpMxCheckStep step;

    SmtpMxCheckExecution(StepContext context, SmtpMxCheckStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        FlowNode node = context.get(FlowNode.class);
        PrintStream log = listener.getLogger();

        String problem = step.problem();
        if (problem != null) {
            throw new AbortException("smtpMxCheck: " + problem);
        }
        GateSettings gate;
        try {
            gate = step.gateSettings();
        } catch (IllegalArgumentException e) {
            throw new AbortException("smtpMxCheck: " + e.getMessage());
        }

        String json = workspace.act(new RemoteCheck(step));
        ReportJson report = JsonReport.read(json);

        PreviousReport previous = PreviousReport.none();
        String origin = "-";
        Run<?, ?> r = run.getPreviousCompletedBuild();
        for (int i = 0; r != null && i < MAX_BUILDS_BACK; i++, r = r.getPreviousCompletedBuild()) {
            SmtpMxCheckAction earlier = SmtpMxCheckAction.forDomain(r, report.domain());
            if (earlier != null) {
                origin = r.getFullDisplayName();
                previous = PreviousReport.parse(earlier.getReportJson(), origin);
                break;
            }
        }

        GateVerdict verdict = Gate.judge(previous, report, gate);
        List<String> lines = ConsoleSummary.lines(report, verdict, origin);
        lines.forEach(log::println);

        SmtpMxCheckAction existing = SmtpMxCheckAction.forDomain(run, report.domain());
        if (existing != null) {
            run.removeAction(existing);
        }
        run.addAction(new SmtpMxCheckAction(report.domain(), json, verdict.result().name(), lines));

        String reasons = "smtpMxCheck " + report.domain() + ": " + report.state() + ", "
                + String.join("; ", verdict.reasons());
        if (verdict.result() == BuildResult.FAILURE) {
            throw new AbortException(reasons);
        }
        if (verdict.result() == BuildResult.UNSTABLE) {
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(reasons));
            run.setResult(Result.UNSTABLE);
        }
        return PipelineMap.of(report, verdict);
    }
}
