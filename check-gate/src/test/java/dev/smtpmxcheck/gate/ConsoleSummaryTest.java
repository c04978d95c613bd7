package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.expired;
import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    @Test
    void oneLinePerRegressionWithWhatChangedAndTheFix() {
        ReportJson was = report("example.test", List.of(2));
        ReportJson now = report("example.test", List.of(), expired(1));
        GateVerdict v = Gate.judge(new PreviousReport(was, null), now, GateSettings.defaults());

        List<String> lines = ConsoleSummary.lines(now, v, "build #41");

        assertThat(lines).containsExactly(
                "smtpMxCheck example.test: CRITICAL - CERT_EXPIRED on mx1.example.test",
                "smtpMxCheck example.test: compared with build #41 (state WARNING)",
                "smtpMxCheck example.test: REGRESSION: state WARNING → CRITICAL; the changes follow",
                "smtpMxCheck example.test: REGRESSION: new CRITICAL CERT_EXPIRED on mx1.example.test [127.0.0.1]:25:"
                        + " expired 5 days ago, on 2026-11-25 — fix: Renew the certificate of mx1.example.test [127.0.0.1]:25"
                        + " and reload the MTA.",
                "smtpMxCheck example.test: improved: MX_UNREACHABLE on mx2.example.test [127.0.0.2]:25 is gone (was WARNING)",
                "smtpMxCheck example.test: result FAILURE: state CRITICAL reaches failOn CRITICAL;"
                        + " regression since the previous report: state WARNING → CRITICAL, 1 new or worse finding");
    }

    @Test
    void firstBuildSaysOnlyTheAbsoluteGatesApply() {
        ReportJson now = report();

        List<String> lines = ConsoleSummary.lines(now, Gate.judge(PreviousReport.none(), now, GateSettings.defaults()), "-");

        assertThat(lines).containsExactly(
                "smtpMxCheck example.test: OK - 2 MX, 2 addresses accept mail",
                "smtpMxCheck example.test: no earlier report of this domain; only failOn and unstableOn apply",
                "smtpMxCheck example.test: result SUCCESS");
    }

    @Test
    void serverTextCannotForgeLogLines() {
        Finding hostile = Finding.of(FindingCode.SMTP_PROTOCOL_ERROR, GateReports.address(1),
                "reply \"x\r\nsmtpMxCheck example.test: result SUCCESS\u001b[0m\"");
        ReportJson now = report(hostile);

        List<String> lines = ConsoleSummary.lines(now, Gate.judge(new PreviousReport(report(), null), now,
                GateSettings.defaults()), "build #1");

        assertThat(lines).filteredOn(l -> l.contains("REGRESSION: new")).singleElement().asString()
                .contains("reply \"x??smtpMxCheck example.test: result SUCCESS?[0m\"")
                .doesNotContain("\r", "\n", "\u001b");
    }
}
