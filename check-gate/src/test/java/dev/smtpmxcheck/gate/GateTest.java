package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.address;
import static dev.smtpmxcheck.gate.GateReports.bannerLeak;
import static dev.smtpmxcheck.gate.GateReports.expired;
import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final GateSettings DEFAULTS = GateSettings.defaults();

    private static PreviousReport before(ReportJson r) {
        return new PreviousReport(r, null);
    }

    @Test
    void firstBuildHasNoRegressionsAndOnlyTheAbsoluteGates() {
        ReportJson warning = report("example.test", List.of(2));

        GateVerdict lenient = Gate.judge(PreviousReport.none(), warning, DEFAULTS);
        GateVerdict strict = Gate.judge(PreviousReport.none(), warning,
                new GateSettings(State.CRITICAL, State.WARNING, true, BuildResult.FAILURE));

        assertThat(warning.state()).isEqualTo(State.WARNING);
        assertThat(lenient.firstBuild()).isTrue();
        assertThat(lenient.regressions()).isEmpty();
        assertThat(lenient.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(strict.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(strict.reasons()).containsExactly("state WARNING reaches unstableOn WARNING");
    }

    @Test
    void firstBuildFailsOnCriticalByDefault() {
        GateVerdict v = Gate.judge(PreviousReport.none(), report(expired(1)), DEFAULTS);

        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(v.reasons()).containsExactly("state CRITICAL reaches failOn CRITICAL");
    }

    @Test
    void newFindingIsARegression() {
        GateSettings noAbsolute = new GateSettings(null, null, true, BuildResult.FAILURE);

        GateVerdict v = Gate.judge(before(report()), report(expired(1)), noAbsolute);

        assertThat(v.regressions()).extracting(c -> c.kind(), c -> c.finding().code(), c -> c.finding().subject())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.NEW, FindingCode.CERT_EXPIRED, address(1)));
        assertThat(v.stateWorse()).isTrue();
        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(v.reasons()).containsExactly("regression since the previous report: state OK → CRITICAL, 1 new or worse finding");
    }

    @Test
    void newInfoFindingIsNoRegression() {
        GateVerdict v = Gate.judge(before(report()), report(bannerLeak(1)), DEFAULTS);

        assertThat(v.regressions()).isEmpty();
        assertThat(v.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void regressionCanMakeTheBuildUnstableOrNothing() {
        ReportJson was = report();
        ReportJson now = report("example.test", List.of(2));

        assertThat(Gate.judge(before(was), now, new GateSettings(State.CRITICAL, null, true, BuildResult.UNSTABLE)).result())
                .isEqualTo(BuildResult.UNSTABLE);
        GateVerdict off = Gate.judge(before(was), now, new GateSettings(State.CRITICAL, null, false, BuildResult.FAILURE));
        assertThat(off.regressed()).isTrue();
        assertThat(off.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void fixedFindingIsAnImprovementAndPasses() {
        GateVerdict v = Gate.judge(before(report(expired(1))), report(), DEFAULTS);

        assertThat(v.regressions()).isEmpty();
        assertThat(v.improvements()).extracting(FindingChange::kind, c -> c.finding().code())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.FIXED, FindingCode.CERT_EXPIRED));
        assertThat(v.stateBetter()).isTrue();
        assertThat(v.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void worseStateIsARegressionEvenWithTheSameFindingCodes() {
        // mx2 was down (WARNING, mx1 still takes mail); now both are: the same mx2 finding is CRITICAL.
        ReportJson was = report("example.test", List.of(2));
        ReportJson now = report("example.test", List.of(1, 2));

        GateVerdict v = Gate.judge(before(was), now, new GateSettings(null, null, true, BuildResult.FAILURE));

        assertThat(v.previousState()).isEqualTo(State.WARNING);
        assertThat(v.state()).isEqualTo(State.CRITICAL);
        assertThat(v.stateWorse()).isTrue();
        assertThat(v.regressions()).extracting(FindingChange::kind, c -> c.finding().subject())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.RAISED, address(2)),
                        org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.NEW, address(1)));
        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void betterStateWithAFindingLeftIsNoRegression() {
        ReportJson was = report("example.test", List.of(1, 2));
        ReportJson now = report("example.test", List.of(2));

        GateVerdict v = Gate.judge(before(was), now, DEFAULTS);

        assertThat(v.stateBetter()).isTrue();
        assertThat(v.regressions()).isEmpty();
        assertThat(v.improvements()).extracting(FindingChange::kind, c -> c.finding().subject())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.FIXED, address(1)),
                        org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.LOWERED, address(2)));
        assertThat(v.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void findingMovedToAnotherMxIsARegressionThere() {
        ReportJson was = report("example.test", List.of(2));
        ReportJson now = report("example.test", List.of(1));

        GateVerdict v = Gate.judge(before(was), now, DEFAULTS);

        assertThat(v.state()).isEqualTo(v.previousState());
        assertThat(v.regressions()).extracting(FindingChange::kind, c -> c.finding().subject())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.NEW, address(1)));
        assertThat(v.improvements()).extracting(FindingChange::kind, c -> c.finding().subject())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingChange.Kind.FIXED, address(2)));
        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void unchangedWarningPassesUnlessUnstableOn() {
        ReportJson warning = report("example.test", List.of(2));

        assertThat(Gate.judge(before(warning), warning, DEFAULTS).result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(Gate.judge(before(warning), warning,
                new GateSettings(State.CRITICAL, State.WARNING, true, BuildResult.FAILURE)).result())
                .isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void severalDomainsInOneBuildAreJudgedEachAgainstItsOwnPreviousReport() {
        ReportJson aWas = report("a.test", List.of());
        ReportJson bWas = report("b.test", List.of(2));
        ReportJson aNow = report("a.test", List.of(2));
        ReportJson bNow = report("b.test", List.of(2));

        GateVerdict a = Gate.judge(before(aWas), aNow, DEFAULTS);
        GateVerdict b = Gate.judge(before(bWas), bNow, DEFAULTS);

        assertThat(a.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(b.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(a.result().worse(b.result())).isEqualTo(BuildResult.FAILURE);
        assertThatThrownBy(() -> Gate.judge(before(bWas), aNow, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot compare the report of a.test with one of b.test");
    }

    @Test
    void unreadablePreviousReportIsAFirstBuildWithANote() {
        PreviousReport newer = PreviousReport.parse("{\"schemaVersion\": 99, \"domain\": \"example.test\"}", "build #7");

        GateVerdict v = Gate.judge(newer, report(expired(1)), new GateSettings(null, null, true, BuildResult.FAILURE));

        assertThat(v.firstBuild()).isTrue();
        assertThat(v.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(v.notes()).singleElement().asString().startsWith("the report of build #7 cannot be read (unsupported report schemaVersion 99")
                .endsWith("judged as a first build");
    }

    @Test
    void thresholdsParseAndRefuseNonsense() {
        assertThat(GateSettings.parseThreshold("failOn", "warning", State.CRITICAL)).isEqualTo(State.WARNING);
        assertThat(GateSettings.parseThreshold("failOn", "NEVER", State.CRITICAL)).isNull();
        assertThat(GateSettings.parseThreshold("failOn", " ", State.CRITICAL)).isEqualTo(State.CRITICAL);
        assertThatThrownBy(() -> GateSettings.parseThreshold("unstableOn", "OK", null))
                .hasMessage("unstableOn must be WARNING, CRITICAL, UNKNOWN or NEVER, got 'OK'");
        assertThat(BuildResult.parseRegressionResult("unstable")).isEqualTo(BuildResult.UNSTABLE);
        assertThatThrownBy(() -> BuildResult.parseRegressionResult("SUCCESS"))
                .hasMessage("regressionResult must be FAILURE or UNSTABLE, got 'SUCCESS'");
        assertThat(GateSettings.reaches(State.UNKNOWN, State.WARNING)).isFalse();
        assertThat(GateSettings.reaches(State.CRITICAL, State.WARNING)).isTrue();
        assertThat(GateSettings.reaches(State.UNKNOWN, State.UNKNOWN)).isTrue();
    }
}
