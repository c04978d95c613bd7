package dev.smtpmxcheck.jenkins;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.gate.AgentOutcome;
import dev.smtpmxcheck.gate.BuildResult;
import dev.smtpmxcheck.gate.ConsoleSummary;
import dev.smtpmxcheck.gate.EarlierReports;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one {@code smtpMxCheck}: the check on the agent through {@link RemoteCheck} (only text comes back: the JSON
 * report or a one-line failure, which stops the step with an {@link AbortException}), then on the controller the
 * comparison with the previous build, the log lines, the build action and the result: UNSTABLE through a
 * {@link WarningAction} on the step's node and {@link Run#setResult}, FAILURE through an {@link AbortException}
 * whose message gives the reasons.
 */
final class SmtpMxCheckExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /**
     * How many completed builds back the previous report of a domain is looked for: in all, for every call of a
     * build together (see {@link EarlierReports}).
     */
    static final int MAX_BUILDS_BACK = 50;

    /**
     * The walk back through earlier builds of each running build, shared by its calls. Weak keys, and entries of
     * finished builds are dropped at every use: the map holds only builds that still run.
     */
    private static final Map<Run<?, ?>, EarlierReports<Run<?, ?>, SmtpMxCheckAction>> EARLIER =
            Collections.synchronizedMap(new WeakHashMap<>());

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

        AgentOutcome outcome = AgentOutcome.parse(workspace.act(new RemoteCheck(step)));
        if (outcome instanceof AgentOutcome.Failed failed) {
            throw new AbortException("smtpMxCheck " + step.getDomain() + ": " + failed.message());
        }
        String json = ((AgentOutcome.Report) outcome).json();
        ReportJson report = JsonReport.read(json);

        EarlierReports.Found<Run<?, ?>, SmtpMxCheckAction> earlier = earlierReports(run).find(report.domain());
        PreviousReport previous = earlier == null ? PreviousReport.none() : earlier.report().asPrevious();
        String origin = earlier == null ? "-" : earlier.build().getFullDisplayName();

        GateVerdict verdict = Gate.judge(previous, report, gate);
        List<String> lines = ConsoleSummary.lines(report, verdict, origin);
        lines.forEach(log::println);

        SmtpMxCheckAction.record(run, new SmtpMxCheckAction(report.domain(), json, verdict.result().name(), lines));

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

    /**
     * The walk back from {@code run}'s previous completed build, created by the build's first call and shared by the
     * others (parallel branches too), so that a build reads at most {@link #MAX_BUILDS_BACK} earlier builds in all.
     */
    static EarlierReports<Run<?, ?>, SmtpMxCheckAction> earlierReports(Run<?, ?> run) {
        synchronized (EARLIER) {
            EARLIER.keySet().removeIf(r -> r != run && !r.isBuilding());
            return EARLIER.computeIfAbsent(run, r -> new EarlierReports<>(r.getPreviousCompletedBuild(),
                    Run::getPreviousCompletedBuild, SmtpMxCheckExecution::reportsOf, MAX_BUILDS_BACK));
        }
    }

    /** The actions of {@code run} by domain. */
    private static Map<String, SmtpMxCheckAction> reportsOf(Run<?, ?> run) {
        Map<String, SmtpMxCheckAction> byDomain = new HashMap<>();
        for (SmtpMxCheckAction a : run.getActions(SmtpMxCheckAction.class)) {
            byDomain.putIfAbsent(a.getDomain(), a);
        }
        return byDomain;
    }
}
