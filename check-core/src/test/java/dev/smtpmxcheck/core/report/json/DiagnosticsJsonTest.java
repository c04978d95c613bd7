package dev.smtpmxcheck.core.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON fields of the deeper diagnostics: relay.variants, extensions, starttlsInjection (schemaVersion 1, additive). */
class DiagnosticsJsonTest {

    private static CheckReport sample() {
        AddressReport base = Reports.accepting("192.0.2.1");
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        SmtpReply ok = new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok"));
        RelayVariantFacts percent = RelayVariantFacts.sent(RelayVariant.PERCENT_HACK, "relay-probe@example.org",
                "relay-probe%example.net@[192.0.2.1]", mail, ok, RelayVerdict.OPEN, "accepted");
        RelayVariantFacts notTried = new RelayVariantFacts(RelayVariant.BANG_PATH, "relay-probe@example.org",
                "example.net!relay-probe", null, null, RelayVerdict.INCONCLUSIVE, "not tried: too little time left",
                RelayVariantFacts.NotTried.NO_TIME_LEFT);
        AddressReport a = base.toBuilder()
                .relay(base.relay().seen().orElseThrow().withVariants(List.of(percent, notTried)))
                .extensions(new EsmtpExtensions(true, true, false, true, false, false, true, 10240000L))
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.NOT_VULNERABLE, "NOOP",
                        new SmtpReply(221, "2.0.0", List.of("2.0.0 Bye")), "discarded", 42))
                .build();
        MxReport mx = MxReports.mx("mx1.example.test", 10, a);
        return CheckReportBuilder.checkReport("example.test", Instant.parse("2026-11-29T10:15:30Z"), 1234,
                State.OK, "1 of 1 MX accept mail", MxSource.MX, List.of(mx), List.of()).build();
    }

    @Test
    void newFieldsRoundTrip() {
        CheckReport report = sample();

        assertThat(JsonReport.read(JsonReport.write(report))).isEqualTo(ReportJsonMapper.toJson(report));
    }

    @Test
    void newFieldsHaveStableNames() {
        String json = JsonReport.write(sample());

        assertThat(json).contains("\"variants\" : [", "\"variant\" : \"PERCENT_HACK\"", "\"verdict\" : \"OPEN\"",
                "\"extensions\" : {", "\"eightBitMime\" : true", "\"sizeLimit\" : 10240000", "\"requireTls\" : false",
                "\"starttlsInjection\" : {", "\"verdict\" : \"NOT_VULNERABLE\"", "\"firstReplyInTls\" : {");
        assertThat(json).doesNotContain("\"accepted\" :");
    }

    @Test
    void variantsAreAbsentWhenNotRun() {
        String json = JsonReport.write(CheckReportBuilder.checkReport("example.test",
                Instant.parse("2026-11-29T10:15:30Z"), 1, State.OK, "ok", MxSource.MX,
                List.of(MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1"))),
                List.of()).build());

        assertThat(json).doesNotContain("\"variants\"", "\"starttlsInjection\"", "\"extensions\"");
    }
}
