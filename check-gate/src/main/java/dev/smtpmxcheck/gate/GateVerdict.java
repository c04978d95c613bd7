package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.State;
import java.util.List;

/**
 * What the gate decided for one domain in one build, and why.
 *
 * @param domain the domain of the report judged
 * @param state the domain's state now
 * @param previousState the state in the previous report, or null when there is none (first build)
 * @param regressions findings that are new or worse, at WARNING or worse, in report order
 * @param improvements findings at WARNING or worse that are gone or better, in the previous report's order
 * @param result the build result this check asks for
 * @param reasons why the result is not SUCCESS, one sentence each (empty for SUCCESS)
 * @param notes remarks about the comparison itself, e.g. that the previous report could not be read
 * @param stsChanges changes of the MTA-STS policy that hurt senders holding the previous one in their cache
 *     (see {@link StsCacheComparison}); regressions too, beside {@code regressions}
 * @param deliveryLost classes of sender that could deliver in the previous report and cannot now, one line each
 *     (see {@link DeliveryComparison}); regressions too
 */
public record GateVerdict(
        String domain,
        State state,
        State previousState,
        List<FindingChange> regressions,
        List<FindingChange> improvements,
        BuildResult result,
        List<String> reasons,
        List<String> notes,
        List<StsCacheChange> stsChanges,
        List<String> deliveryLost) {

    public GateVerdict {
        regressions = List.copyOf(regressions);
        improvements = List.copyOf(improvements);
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        stsChanges = List.copyOf(stsChanges);
        deliveryLost = List.copyOf(deliveryLost);
    }

    /** True when there was no previous report to compare with: only the absolute gates applied. */
    public boolean firstBuild() {
        return previousState == null;
    }

    /** True when the overall state is worse than in the previous report (in the order of {@link State#worse}). */
    public boolean stateWorse() {
        return previousState != null && State.rank(state) > State.rank(previousState);
    }

    /** True when the overall state is better than in the previous report. */
    public boolean stateBetter() {
        return previousState != null && State.rank(state) < State.rank(previousState);
    }

    /** True when a finding is new or worse, the state is worse, or the MTA-STS policy changed to senders' harm. */
    public boolean regressed() {
        return !regressions.isEmpty() || !stsChanges.isEmpty() || !deliveryLost.isEmpty() || stateWorse();
    }
}
