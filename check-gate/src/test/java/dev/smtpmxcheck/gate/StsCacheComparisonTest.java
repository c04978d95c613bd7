package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.MX1;
import static dev.smtpmxcheck.gate.GateReports.MX2;
import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate's view of a sender holding the previous build's MTA-STS policy in its cache (RFC 8461 §3.1, §3.2). */
class StsCacheComparisonTest {

    private static final String DIGEST_A = "a".repeat(64);
    private static final String DIGEST_B = "b".repeat(64);

    /** example.test, both MX up, with an MTA-STS policy of these facts read back from JSON. */
    static ReportJson withSts(String id, String mode, long maxAge, String digest, String... mx) {
        ReportJson r = report();
        ReportJson.MtaSts sts = new ReportJson.MtaSts(List.of("v=STSv1; id=" + id), id,
                "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", mode, List.of(mx),
                maxAge, List.of(), List.of(), digest);
        return JsonReport.read(JsonReport.write(new ReportJson(r.schemaVersion(), r.domain(), r.startedAt(),
                r.durationMillis(), r.state(), r.summary(), r.mxSource(), r.mx(), r.findings(), sts, null, null)));
    }

    private static List<StsCacheChange.Kind> kinds(StsCacheComparison.Result r) {
        return r.changes().stream().map(StsCacheChange::kind).toList();
    }

    @Test
    void aPolicyChangedUnderTheSameIdIsARegressionNamingTheCachedMaxAge() {
        ReportJson before = withSts("20261101", "enforce", 604800, DIGEST_A, "*.example.test");
        ReportJson now = withSts("20261101", "enforce", 604800, DIGEST_B, "*.example.test");

        StsCacheComparison.Result r = StsCacheComparison.compare(before, now);

        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(StsCacheChange.Kind.POLICY_CHANGED_SAME_ID);
            assertThat(c.subject()).isEqualTo("example.test");
            assertThat(c.message()).contains("id is still 20261101").contains("max_age of 604800 s (7 days)");
            assertThat(c.remediation()).contains("_mta-sts.example.test").contains("RFC 8461 §3.1");
        });
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void aPolicyChangedTogetherWithItsIdOrUnchangedIsNoRegression() {
        ReportJson before = withSts("20261101", "enforce", 604800, DIGEST_A, "*.example.test");

        assertThat(StsCacheComparison.compare(before, withSts("20261102", "enforce", 604800, DIGEST_B,
                "*.example.test")).changes()).isEmpty();
        assertThat(StsCacheComparison.compare(before, withSts("20261101", "enforce", 604800, DIGEST_A,
                "*.example.test")).changes()).isEmpty();
    }

    @Test
    void aDroppedPatternIsARegressionForEachHostThatIsStillAnMx() {
        ReportJson before = withSts("1", "enforce", 604800, DIGEST_A, MX1, MX2);
        ReportJson now = withSts("2", "testing", 604800, DIGEST_B, MX1, "mx3.example.test");

        StsCacheComparison.Result r = StsCacheComparison.compare(before, now);

        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(StsCacheChange.Kind.MX_DROPPED);
            assertThat(c.subject()).isEqualTo(MX2);
            assertThat(c.message()).contains("still an MX of example.test")
                    .contains("(mx1.example.test, mx3.example.test; it matched mx1.example.test, mx2.example.test)");
        });
    }

    @Test
    void aWildcardThatStillCoversTheHostIsNoDrop() {
        ReportJson before = withSts("1", "enforce", 604800, DIGEST_A, MX1, MX2);
        ReportJson now = withSts("2", "enforce", 604800, DIGEST_B, "*.example.test");

        assertThat(StsCacheComparison.compare(before, now).changes()).isEmpty();
    }

    @ParameterizedTest(name = "max_age {0} s → {1} s: a regression {2}")
    @CsvSource({"604800, 86399, true", "86400, 3600, true", "604800, 86400, false", "3600, 60, false",
        "86399, 604800, false"})
    void lowering_maxAge_belowOneDayIsARegression(long was, long is, boolean regression) {
        StsCacheComparison.Result r = StsCacheComparison.compare(withSts("1", "enforce", was, DIGEST_A, MX1, MX2),
                withSts("2", "enforce", is, DIGEST_B, MX1, MX2));

        assertThat(kinds(r)).isEqualTo(regression ? List.of(StsCacheChange.Kind.MAX_AGE_LOWERED) : List.of());
        if (regression) {
            assertThat(r.changes().get(0).message()).contains("from " + was + " s").contains("to " + is + " s");
        }
    }

    @Test
    void withdrawingWithModeNoneIsNotCompared() {
        ReportJson before = withSts("1", "enforce", 604800, DIGEST_A, MX1, MX2);
        ReportJson now = withSts("1", "none", 3600, DIGEST_B, MX1);

        StsCacheComparison.Result r = StsCacheComparison.compare(before, now);

        assertThat(r.changes()).isEmpty();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void aFirstBuildOrAReportWithoutMtaStsComparesNothing() {
        ReportJson now = withSts("1", "enforce", 3600, DIGEST_B, MX1);

        assertThat(StsCacheComparison.compare(null, now).changes()).isEmpty();
        assertThat(StsCacheComparison.compare(report(), now).changes()).isEmpty();
        assertThat(StsCacheComparison.compare(now, report()).changes()).isEmpty();
    }

    @Test
    void theGateFailsTheBuildAndLogsEachChange() {
        ReportJson before = withSts("20261101", "enforce", 604800, DIGEST_A, MX1, MX2);
        ReportJson now = withSts("20261101", "enforce", 3600, DIGEST_B, MX1);

        GateVerdict v = Gate.judge(new PreviousReport(before, null), now, GateSettings.defaults());
        List<String> log = ConsoleSummary.lines(now, v, "build #7");

        assertThat(v.regressions()).isEmpty();
        assertThat(v.regressed()).isTrue();
        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(v.reasons()).containsExactly(
                "regression since the previous report: 3 MTA-STS policy changes that cached senders miss");
        assertThat(log).filteredOn(l -> l.contains("REGRESSION: MTA-STS")).extracting(l -> l.split(":")[1].trim())
                .containsExactly("REGRESSION", "REGRESSION", "REGRESSION");
        assertThat(log).anyMatch(l -> l.startsWith("smtpMxCheck example.test: REGRESSION: MTA-STS POLICY_CHANGED_SAME_ID on"
                + " example.test: "));
        assertThat(log).anyMatch(l -> l.startsWith("smtpMxCheck example.test: REGRESSION: MTA-STS MX_DROPPED on "
                + MX2 + ": "));
        assertThat(log).anyMatch(l -> l.startsWith("smtpMxCheck example.test: REGRESSION: MTA-STS MAX_AGE_LOWERED on"
                + " example.test: "));
        assertThat((List<?>) PipelineMap.of(now, v).get("regressions")).hasSize(3);
    }

    @Test
    void aPreviousSchemaVersion1ReportWithoutTheDigestGivesANoteNotARegression() throws IOException {
        // Written by the release before the digest existed: enforce, id 20261101, mx1 and *.example.test, 604800 s.
        PreviousReport previous = PreviousReport.parse(resource("report-v1-rich.json"), "build #7");
        ReportJson now = withSts("20261101", "enforce", 604800, DIGEST_B, MX1, "*.example.test");

        GateVerdict v = Gate.judge(previous, now, GateSettings.defaults());

        assertThat(previous.report().mtaSts().policySha256()).isNull();
        assertThat(v.stsChanges()).isEmpty();
        assertThat(v.notes()).singleElement().asString().contains("has no MTA-STS policy digest");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StsCacheComparisonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
