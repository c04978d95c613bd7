package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryComparisonTest {
    private static final GateSettings SETTINGS = new GateSettings(State.CRITICAL, State.WARNING, true,
            BuildResult.FAILURE);

    /** example.test with the delivery matrix of one address, whose MTA-STS cell is {@code sts}. */
    private static ReportJson withDelivery(boolean stsDelivers, String stsCell, String reason) {
        ReportJson r = report();
        ReportJson.Delivery d = new ReportJson.Delivery(false, List.of(
                new ReportJson.DeliveryClass("OPPORTUNISTIC", true, true, true),
                new ReportJson.DeliveryClass("MTA_STS", true, true, stsDelivers),
                new ReportJson.DeliveryClass("DANE", false, false, true)),
                List.of(new ReportJson.DeliveryAddress(GateReports.MX1, 10, "127.0.0.1", 25, List.of(
                        new ReportJson.AddressClass("OPPORTUNISTIC", "YES", null),
                        new ReportJson.AddressClass("MTA_STS", stsCell, reason),
                        new ReportJson.AddressClass("DANE", "NOT_APPLICABLE", null)))));
        return new ReportJson(r.schemaVersion(), r.domain(), r.startedAt(), r.durationMillis(), r.state(), r.summary(),
                r.mxSource(), r.mx(), r.findings(), r.mtaSts(), r.tlsRpt(), r.mxDnssec(), d);
    }

    @Test
    void aClassThatCouldDeliverAndCannotNowIsARegression() {
        ReportJson before = withDelivery(true, "YES", null);
        ReportJson now = withDelivery(false, "NO", "CERT_UNTRUSTED");

        GateVerdict v = Gate.judge(new PreviousReport(before, null), now, SETTINGS);

        assertThat(v.deliveryLost()).containsExactly("MTA-STS senders could deliver in the previous report and cannot"
                + " now (certificate not trusted at mx1.example.test)");
        assertThat(v.regressed()).isTrue();
        assertThat(v.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(v.reasons()).anyMatch(r -> r.contains("1 class of sender that could deliver and cannot now"));
        assertThat(ConsoleSummary.lines(now, v, "build #1")).anyMatch(l -> l.endsWith(
                "REGRESSION: MTA-STS senders could deliver in the previous report and cannot now (certificate not"
                        + " trusted at mx1.example.test)"));
        assertThat(PipelineMap.of(now, v).get("regressions")).asList().contains(v.deliveryLost().get(0));
    }

    @Test
    void aClassThatStillDeliversOrNeverCouldIsNoRegression() {
        ReportJson ok = withDelivery(true, "YES", null);
        ReportJson broken = withDelivery(false, "NO", "CERT_UNTRUSTED");

        assertThat(DeliveryComparison.compare(ok, ok).lost()).isEmpty();
        assertThat(DeliveryComparison.compare(broken, broken).lost()).isEmpty();
        assertThat(DeliveryComparison.compare(broken, ok).lost()).isEmpty();
        assertThat(DeliveryComparison.compare(null, broken).lost()).isEmpty();
    }

    @Test
    void aPreviousReportWithoutTheMatrixIsNotComparedButNoted() {
        DeliveryComparison.Result r = DeliveryComparison.compare(report(), withDelivery(false, "NO", "NO_TLS"));

        assertThat(r.lost()).isEmpty();
        assertThat(r.notes()).singleElement().asString().contains("no delivery matrix");
    }

    @Test
    void theBuildPageAndThePipelineMapShowTheMatrix() {
        ReportJson now = withDelivery(false, "NO", "CERT_UNTRUSTED");

        BuildSummary page = BuildSummary.of(now);
        Map<String, Object> map = PipelineMap.of(now, Gate.judge(new PreviousReport(null, null), now, SETTINGS));

        assertThat(page.delivery()).containsExactly(new BuildSummary.DeliveryRow("all MX", "yes", "no", "n/a"),
                new BuildSummary.DeliveryRow("mx1.example.test 127.0.0.1:25", "yes", "no: certificate not trusted",
                        "n/a"));
        assertThat(BuildSummary.of(report()).delivery()).isEmpty();
        assertThat(page.deliveryLine()).isEqualTo("opportunistic: yes · MTA-STS: no (certificate not trusted) · DANE: n/a");
        assertThat(BuildSummary.of(report()).deliveryLine()).isEmpty();
        assertThat(map.get("delivery")).asString().contains("MTA_STS=NO: CERT_UNTRUSTED");
    }

    @Test
    void theMainPageLineNamesTheFirstRefusingAddressOfEachBlockedClassAndATestingPolicy() {
        ReportJson r = report();
        ReportJson.Delivery d = new ReportJson.Delivery(false, List.of(
                new ReportJson.DeliveryClass("OPPORTUNISTIC", true, true, true),
                new ReportJson.DeliveryClass("MTA_STS", true, false, false),
                new ReportJson.DeliveryClass("DANE", true, true, false)),
                List.of(new ReportJson.DeliveryAddress(GateReports.MX1, 10, "127.0.0.1", 25, List.of(
                                new ReportJson.AddressClass("OPPORTUNISTIC", "YES", null),
                                new ReportJson.AddressClass("MTA_STS", "NO", "TLS_FAILED"),
                                new ReportJson.AddressClass("DANE", "NO", "TLSA_MISMATCH"))),
                        new ReportJson.DeliveryAddress("mx2.example.test", 20, "127.0.0.2", 25, List.of(
                                new ReportJson.AddressClass("OPPORTUNISTIC", "YES", null),
                                new ReportJson.AddressClass("MTA_STS", "NO", "CERT_EXPIRED"),
                                new ReportJson.AddressClass("DANE", "NO", "NO_TLS")))));
        ReportJson now = new ReportJson(r.schemaVersion(), r.domain(), r.startedAt(), r.durationMillis(), r.state(),
                r.summary(), r.mxSource(), r.mx(), r.findings(), r.mtaSts(), r.tlsRpt(), r.mxDnssec(), d);

        assertThat(BuildSummary.of(now).deliveryLine()).isEqualTo("opportunistic: yes · MTA-STS: no (testing; TLS"
                + " handshake failed) · DANE: no (no TLSA record matches the certificate)");
    }
}
