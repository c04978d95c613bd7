package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        RelayVariantFacts notTried = RelayVariantFacts.notTried(RelayVariant.BANG_PATH, "relay-probe@example.org",
                "example.net!relay-probe", RelayVariantFacts.NotTried.NO_TIME_LEFT);
        // Inside TLS: PIPELINING, 8BITMIME and SIZE 10240000, no CHUNKING, SMTPUTF8 or REQUIRETLS.
        Ehlo afterTls = Ehlo.ehlo(base.ehloAfterTls().seen().orElseThrow().reply(), List.of(
                new EhloKeyword("PIPELINING", List.of()), new EhloKeyword("8BITMIME", List.of()),
                new EhloKeyword("SIZE", List.of("10240000"))));
        AddressReport a = base.toBuilder()
                .ehloAfterTls(afterTls)
                .relay(base.relay().seen().orElseThrow().withVariants(List.of(percent, notTried)))
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.NOT_VULNERABLE, "NOOP",
                        new SmtpReply(221, "2.0.0", List.of("2.0.0 Bye")), "discarded", 42))
                .build();
        MxReport mx = new MxReport("mx1.example.test", 10, List.of(), null, List.of(a));
        return new CheckReport(CheckReport.SCHEMA_VERSION, "example.test", Instant.parse("2026-11-29T10:15:30Z"), 1234,
                State.OK, "1 of 1 MX accept mail", MxSource.MX, List.of(mx), List.of());
    }

    @Test
    void newFieldsRoundTrip() {
        CheckReport report = sample();

        String json = JsonReport.write(report);

        assertThat(JsonReport.write(JsonReport.read(json))).isEqualTo(json);
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
        String json = JsonReport.write(new CheckReport(CheckReport.SCHEMA_VERSION, "example.test",
                Instant.parse("2026-11-29T10:15:30Z"), 1, State.OK, "ok", MxSource.MX,
                List.of(new MxReport("mx1.example.test", 10, List.of(), null, List.of(Reports.accepting("192.0.2.1")))),
                List.of()));

        assertThat(json).doesNotContain("\"variants\"", "\"starttlsInjection\"", "\"tlsVersions\"", "\"reverseDns\"");
    }
}
