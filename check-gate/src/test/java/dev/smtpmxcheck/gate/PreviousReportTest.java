package dev.smtpmxcheck.gate;

import static dev.smtpmxcheck.gate.GateReports.address;
import static dev.smtpmxcheck.gate.GateReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.JsonReport;
import dev.smtpmxcheck.core.report.State;
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
    void roundTripOfTheCurrentVersionComparesEqual() {
        CheckReport r = report(GateReports.expired(2));

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
