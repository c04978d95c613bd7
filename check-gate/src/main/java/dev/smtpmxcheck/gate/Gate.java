package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.core.report.json.ReportJson.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a build's result from a domain's report and the same domain's report in the previous build.
 *
 * <p>A <em>regression</em> is a finding at WARNING or worse whose code and subject were not in the previous
 * report ({@link FindingChange.Kind#NEW}) or were there with a lower severity ({@link FindingChange.Kind#RAISED}),
 * an overall state worse than before (in the order of {@link State#worse}), or a change of the MTA-STS policy that
 * hurts senders holding the previous one in their cache ({@link StsCacheComparison}), or a class of sender that
 * could deliver to the domain before and cannot now ({@link DeliveryComparison}). Findings are matched on the
 * code's name and the subject text only (not on the message, which may be reworded between releases). A report
 * whose findings carry a code this version does not know (one written by a newer plugin) cannot be read at all:
 * {@link PreviousReport} then treats the build as a first build, with a note. A finding that
 * moves from one MX address to another is a new finding (a regression) plus a fixed one. The reverse changes
 * are <em>improvements</em>; they are reported and never change the result.
 *
 * <p>The result is the worst of: {@link GateSettings#failOn()} reached → FAILURE,
 * {@link GateSettings#unstableOn()} reached → UNSTABLE, a regression with
 * {@link GateSettings#failOnRegression()} → {@link GateSettings#regressionResult()}. Without a previous report
 * (first build) only the two absolute gates apply.
 */
public final class Gate {
    private Gate() {}

    /**
     * Judges {@code current} against {@code previous}.
     *
     * @param previous the domain's earlier report (its {@code report()} null for a first build)
     * @param current the report of this build, as read from its JSON
     * @param settings the thresholds
     * @throws IllegalArgumentException when the two reports are of different domains
     */
    public static GateVerdict judge(PreviousReport previous, ReportJson current, GateSettings settings) {
        ReportJson before = previous.report();
        if (before != null && !before.domain().equals(current.domain())) {
            throw new IllegalArgumentException("cannot compare the report of " + current.domain() + " with one of "
                    + before.domain());
        }
        List<String> notes = new ArrayList<>();
        if (previous.note() != null) {
            notes.add(previous.note());
        }
        List<FindingChange> regressions = new ArrayList<>();
        List<FindingChange> improvements = new ArrayList<>();
        StsCacheComparison.Result sts = StsCacheComparison.compare(before, current);
        notes.addAll(sts.notes());
        DeliveryComparison.Result delivery = DeliveryComparison.compare(before, current);
        notes.addAll(delivery.notes());
        if (before != null) {
            Map<String, Finding> was = byKey(before.findings());
            Map<String, Finding> now = byKey(current.findings());
            now.forEach((key, f) -> {
                Finding old = was.get(key);
                if (!atLeastWarning(f.severity())) {
                    return;
                }
                if (old == null) {
                    regressions.add(new FindingChange(FindingChange.Kind.NEW, f, null));
                } else if (rank(f.severity()) > rank(old.severity())) {
                    regressions.add(new FindingChange(FindingChange.Kind.RAISED, f, old.severity()));
                }
            });
            was.forEach((key, old) -> {
                Finding f = now.get(key);
                if (!atLeastWarning(old.severity())) {
                    return;
                }
                if (f == null) {
                    improvements.add(new FindingChange(FindingChange.Kind.FIXED, old, old.severity()));
                } else if (rank(f.severity()) < rank(old.severity())) {
                    improvements.add(new FindingChange(FindingChange.Kind.LOWERED, f, old.severity()));
                }
            });
        }
        State previousState = before == null ? null : before.state();
        GateVerdict draft = new GateVerdict(current.domain(), current.state(), previousState, regressions, improvements,
                BuildResult.SUCCESS, List.of(), notes, sts.changes(), delivery.lost());

        BuildResult result = BuildResult.SUCCESS;
        List<String> reasons = new ArrayList<>();
        if (GateSettings.reaches(current.state(), settings.failOn())) {
            result = BuildResult.FAILURE;
            reasons.add("state " + current.state() + " reaches failOn " + settings.failOn());
        } else if (GateSettings.reaches(current.state(), settings.unstableOn())) {
            result = BuildResult.UNSTABLE;
            reasons.add("state " + current.state() + " reaches unstableOn " + settings.unstableOn());
        }
        if (settings.failOnRegression() && draft.regressed()) {
            result = result.worse(settings.regressionResult());
            reasons.add(regressionReason(draft));
        }
        return new GateVerdict(current.domain(), current.state(), previousState, regressions, improvements, result,
                reasons, notes, sts.changes(), delivery.lost());
    }

    private static String regressionReason(GateVerdict v) {
        List<String> parts = new ArrayList<>();
        if (v.stateWorse()) {
            parts.add("state " + v.previousState() + " → " + v.state());
        }
        int n = v.regressions().size();
        if (n > 0) {
            parts.add(n + (n == 1 ? " new or worse finding" : " new or worse findings"));
        }
        int s = v.stsChanges().size();
        if (s > 0) {
            parts.add(s + (s == 1 ? " MTA-STS policy change" : " MTA-STS policy changes") + " that cached senders miss");
        }
        int d = v.deliveryLost().size();
        if (d > 0) {
            parts.add(d + (d == 1 ? " class of sender" : " classes of sender") + " that could deliver and cannot now");
        }
        return "regression since the previous report: " + String.join(", ", parts);
    }

    /** The worst finding per code and subject, in report order. */
    private static Map<String, Finding> byKey(List<Finding> findings) {
        Map<String, Finding> map = new LinkedHashMap<>();
        for (Finding f : findings) {
            map.merge(f.code().name() + "\u0000" + f.subject(), f, (a, b) -> rank(b.severity()) > rank(a.severity()) ? b : a);
        }
        return map;
    }

    private static boolean atLeastWarning(Severity s) {
        return rank(s) >= State.rank(State.WARNING);
    }

    private static int rank(Severity s) {
        return State.rank(s.state());
    }
}
