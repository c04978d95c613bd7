package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.json.MxJson;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildSummaryTest {

    @Test
    void mxTableHasOneRowPerAddressWithItsFacts() {
        ReportJson now = report("example.test", List.of(2));

        BuildSummary page = BuildSummary.of(now);

        assertThat(page.state()).isEqualTo("WARNING");
        assertThat(page.rows()).containsExactly(
                new BuildSummary.Row(10, "mx1.example.test", "127.0.0.1:25", true, "yes", "TLSv1.3", "80", "refused"),
                new BuildSummary.Row(20, "mx2.example.test", "127.0.0.2:25", false, "no: connection refused", "—", "—",
                        "not tested"));
        assertThat(page.findings()).extracting(f -> f.code()).containsExactly(FindingCode.MX_UNREACHABLE);
        assertThat(page.findings().get(0).remediation()).startsWith("Open the SMTP port on mx2.example.test");
    }

    @Test
    void hostWithoutAddressGetsOneRowSayingWhy() {
        ReportJson base = report();
        MxJson noAddress = new MxJson("mx3.example.test", 30, List.of(), "NXDOMAIN", List.of(), null, null, null);
        ReportJson r = new ReportJson(base.schemaVersion(), base.domain(), base.startedAt(), base.durationMillis(),
                base.state(), base.summary(), MxSource.MX, List.of(base.mx().get(0), noAddress), base.findings(), null,
                null, null);

        BuildSummary page = BuildSummary.of(r);

        assertThat(page.rows()).last()
                .isEqualTo(new BuildSummary.Row(30, "mx3.example.test", "—", false, "no: NXDOMAIN", "—", "—", "—"));
    }
}
