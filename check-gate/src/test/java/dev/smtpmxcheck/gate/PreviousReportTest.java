package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.address;
import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviousReportTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = PreviousReportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsAnEarlySchemaVersion1ReportWithoutTheFieldsAddedSince() throws IOException {
        // Written before mxSource and tls.trustedPath existed; stored by an older plugin version.
        PreviousReport previous = PreviousReport.parse(resource("report-v1-early.json"), "build #3");

        GateVerdict v = Gate.judge(previous, report("example.test", List.of(1)), GateSettings.defaults());

        assertThat(previous.note()).isNull();
        assertThat(previous.report().mxSource()).isNull();
        assertThat(v.previousState()).isEqualTo(State.WARNING);
        assertThat(v.regressions()).extracting(c -> c.finding().subject()).containsExactly(address(1));
        assertThat(v.improvements()).extracting(c -> c.finding().subject()).containsExactly(address(2));
    }

    @Test
    void readsASchemaVersion1ReportOfThePreviousReleaseWithEveryOptionalPart() throws IOException {
        // Written by the release that serialised the internal records directly (check-core's golden rich.json).
        PreviousReport previous = PreviousReport.parse(resource("report-v1-rich.json"), "build #7");

        GateVerdict v = Gate.judge(previous, report(), GateSettings.defaults());
        BuildSummary page = BuildSummary.of(previous.report());

        assertThat(previous.note()).isNull();
        assertThat(v.previousState()).isEqualTo(State.CRITICAL);
        assertThat(v.regressions()).isEmpty();
        assertThat(v.improvements()).extracting(c -> c.kind(), c -> c.finding().code().name(), c -> c.previousSeverity())
                .containsExactly(tuple(FindingChange.Kind.FIXED, "CERT_EXPIRED", Severity.CRITICAL),
                        tuple(FindingChange.Kind.FIXED, "MX_UNREACHABLE", Severity.WARNING),
                        tuple(FindingChange.Kind.FIXED, "GREETING_TEMPORARY_FAILURE", Severity.WARNING));
        assertThat(page.rows()).containsExactly(
                new BuildSummary.Row(10, "mx1.example.test", "192.0.2.1:25", true, "yes", "TLSv1.3", "80", "refused"),
                new BuildSummary.Row(10, "mx1.example.test", "2001:db8::1:25", true, "yes", "TLSv1.2", "-5", "not tested"),
                new BuildSummary.Row(20, "mx2.example.test", "192.0.2.2:2525", false,
                        "no: greeting 421 4.3.2 Service shutting down", "—", "—", "not tested"),
                new BuildSummary.Row(30, "mx3.example.test", "192.0.2.3:25", true, "yes", "—", "—", "not tested"),
                new BuildSummary.Row(40, "mx4.example.test", "192.0.2.4:25", false,
                        "no: connect: connection timed out after 10 s", "—", "—", "not tested"),
                new BuildSummary.Row(50, "mx5.example.test", "—", false, "no: NXDOMAIN", "—", "—", "—"));
        assertThat(JsonReport.write(previous.report())).isEqualTo(resource("report-v1-rich.json"));
    }

    @Test
    void roundTripOfTheCurrentVersionComparesEqual() {
        ReportJson r = report(GateReports.expired(2));

        PreviousReport back = PreviousReport.parse(JsonReport.write(r), "build #4");

        assertThat(back.report()).isEqualTo(r);
        assertThat(Gate.judge(back, r, GateSettings.defaults()).regressed()).isFalse();
    }

    @Test
    void missingVersionUnknownCodeOrDamageGiveANoteInsteadOfAFailure() {
        String noVersion = "{\"domain\": \"example.test\"}";
        String unknownCode = JsonReport.write(report(GateReports.expired(1))).replace("CERT_EXPIRED", "CODE_FROM_THE_FUTURE");

        assertThat(PreviousReport.parse(noVersion, "build #1").note())
                .isEqualTo("the report of build #1 cannot be read (unsupported report schemaVersion 0 (this version reads 1 to 1));"
                        + " judged as a first build");
        assertThat(PreviousReport.parse(unknownCode, "build #2").report()).isNull();
        assertThat(PreviousReport.parse(unknownCode, "build #2").note()).contains("CODE_FROM_THE_FUTURE");
        assertThat(PreviousReport.parse("{", "build #3").report()).isNull();
        assertThat(PreviousReport.parse(null, "build #4")).isEqualTo(PreviousReport.none());
    }
}
