package dev.smtpmxcheck.core.report.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static CheckReport sample() {
        MxReport mx1 = MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1"));
        MxReport mx2 = MxReports.mx("mx2.example.test", 20,
                Reports.unreachable("192.0.2.2", FailureReason.REFUSED, "connection refused"));
        Finding f = Finding.of(FindingCode.MX_UNREACHABLE, Severity.WARNING, "mx2.example.test [192.0.2.2]:25",
                "connection refused");
        return CheckReportBuilder.checkReport("example.test", Instant.parse("2026-11-29T10:15:30Z"), 1234,
                State.WARNING, "1 of 2 MX unreachable (mx2.example.test)", MxSource.MX, List.of(mx1, mx2), List.of(f))
                .build();
    }

    @Test
    void roundTripsToAnEqualReport() {
        CheckReport report = sample();

        ReportJson back = JsonReport.read(JsonReport.write(report));

        assertThat(back).isEqualTo(ReportJsonMapper.toJson(report));
    }

    @Test
    void writesIsoInstantsStableNamesAndOmitsNulls() {
        String json = JsonReport.write(sample());

        assertThat(json).contains("\"schemaVersion\" : 1", "\"startedAt\" : \"2026-11-29T10:15:30Z\"",
                "\"state\" : \"WARNING\"", "\"code\" : \"MX_UNREACHABLE\"", "\"connectMillis\" : 3");
        assertThat(json).doesNotContain("null", "acceptsSessions", "\"positive\"");
    }

    @Test
    void dnssecStatusesAndThePolicyDigestAreWrittenWhenKnownAndOmittedOtherwise() {
        CheckReport base = sample();
        List<MxReport> mx = List.of(base.mx().get(0).withAddressDnssec(new DnssecFacts(DnssecStatus.BOGUS,
                "mx1.example.test A: Key does not verify signature")), base.mx().get(1));
        CheckReport report = CheckReportBuilder.from(base).mx(mx)
                .mtaSts(new MtaStsFacts(List.of("v=STSv1; id=7"), "7",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", "enforce",
                        List.of("*.example.test"), 604800L, List.of(), List.of(), "ab".repeat(32)))
                .mxDnssec(new DnssecFacts(DnssecStatus.SECURE, null))
                .build();

        String json = JsonReport.write(report);
        ReportJson back = JsonReport.read(json);

        assertThat(json).contains("\"mxDnssec\" : {\n    \"status\" : \"SECURE\"\n  }",
                "\"addressDnssec\" : {\n      \"status\" : \"BOGUS\",\n      \"detail\" : \"mx1.example.test A: Key",
                "\"policySha256\" : \"" + "ab".repeat(32) + "\"");
        assertThat(json.indexOf("\"addressDnssec\"")).isEqualTo(json.lastIndexOf("\"addressDnssec\""));
        assertThat(back).isEqualTo(ReportJsonMapper.toJson(report));
        assertThat(back.mxDnssec()).isEqualTo(new ReportJson.Dnssec("SECURE", null));
        assertThat(back.mx().get(1).addressDnssec()).isNull();
        assertThat(JsonReport.write(base)).doesNotContain("Dnssec", "policySha256");
    }

    @Test
    void theDeliveryMatrixIsWrittenAndReadBackAndOmittedWhenAbsent() {
        CheckReport base = sample();
        dev.smtpmxcheck.core.report.DomainDelivery delivery = dev.smtpmxcheck.core.delivery.DeliveryJudge.judge(
                base.mx(), null, null, false, base.startedAt());
        CheckReport report = CheckReportBuilder.from(base).delivery(delivery).build();

        String json = JsonReport.write(report);
        ReportJson back = JsonReport.read(json);

        assertThat(back).isEqualTo(ReportJsonMapper.toJson(report));
        assertThat(back.delivery().classes()).extracting(ReportJson.DeliveryClass::sender)
                .containsExactly("OPPORTUNISTIC", "MTA_STS", "DANE");
        assertThat(back.delivery().addresses()).hasSize(2);
        assertThat(back.delivery().addresses().get(1).classes().get(0))
                .isEqualTo(new ReportJson.AddressClass("OPPORTUNISTIC", "NO", "NO_SESSION"));
        assertThat(json).contains("\"delivers\" : \"NOT_APPLICABLE\"");
        assertThat(JsonReport.write(base)).doesNotContain("\"delivery\"");
    }

    @Test
    void policySectionsRoundTripAndAreOmittedWhenNotChecked() {
        CheckReport base = sample();
        CheckReport report = CheckReportBuilder.from(base)
                .mtaSts(new MtaStsFacts(List.of("v=STSv1; id=7"), "7",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", "testing",
                        List.of("*.example.test"), 86400L, List.of(), List.of("mx2.example.test [192.0.2.2]:25")))
                .tlsRpt(new TlsRptFacts(List.of("v=TLSRPTv1; rua=mailto:r@example.test"),
                        List.of("mailto:r@example.test")))
                .build();

        String json = JsonReport.write(report);

        assertThat(JsonReport.read(json)).isEqualTo(ReportJsonMapper.toJson(report));
        assertThat(json).contains("\"mtaSts\" : {", "\"maxAgeSeconds\" : 86400", "\"mode\" : \"testing\"",
                "\"tlsRpt\" : {", "\"rua\" : [ \"mailto:r@example.test\" ]");
        assertThat(JsonReport.write(base)).doesNotContain("mtaSts", "tlsRpt");
    }

    @Test
    void thePostmasterProbeIsWrittenWhenItRanAndOmittedOtherwise() {
        CheckReport base = sample();
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        SmtpReply rcpt = new SmtpReply(554, "5.7.1", List.of("5.7.1 <postmaster@example.test>: Relay access denied"));
        AddressReport probed = base.mx().get(0).addresses().get(0).toBuilder()
                .postmaster(PostmasterFacts.judge("relay-probe@example.org", "postmaster@example.test", mail, rcpt))
                .build();
        CheckReport report = CheckReportBuilder.from(base)
                .mx(List.of(MxReports.mx("mx1.example.test", 10, probed), base.mx().get(1)))
                .build();

        String json = JsonReport.write(report);
        AddressJson.Postmaster back = JsonReport.read(json).mx().get(0).addresses().get(0).postmaster();

        assertThat(back.forwardPath()).isEqualTo("postmaster@example.test");
        assertThat(back.verdict()).isEqualTo("REFUSED");
        assertThat(back.rcptReply().code()).isEqualTo(554);
        assertThat(JsonReport.read(json).mx().get(1).addresses().get(0).postmaster()).isNull();
        assertThat(JsonReport.write(sample())).doesNotContain("postmaster");
    }

    @Test
    void readsOlderReportsAndIgnoresUnknownFields() {
        String json = JsonReport.write(sample()).replaceFirst("\\{", "{ \"addedLater\" : true,");

        assertThat(JsonReport.read(json).domain()).isEqualTo("example.test");
    }

    @Test
    void refusesNewerSchemaAndGarbage() {
        String newer = JsonReport.write(sample()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99");

        assertThatThrownBy(() -> JsonReport.read(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion 99");
        assertThatThrownBy(() -> JsonReport.read("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReport.read("{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absentListsReadAsEmptyAndAbsentPartsAsNull() {
        String minimal = "{ \"schemaVersion\" : 1, \"domain\" : \"example.test\", \"state\" : \"OK\","
                + " \"mx\" : [ { \"host\" : \"mx1.example.test\", \"addresses\" : [ { \"address\" : \"192.0.2.1\","
                + " \"relay\" : { \"verdict\" : \"SOMETHING_NEW\" } } ] } ] }";

        ReportJson r = JsonReport.read(minimal);

        assertThat(r.findings()).isEmpty();
        assertThat(r.mxSource()).isNull();
        assertThat(r.mx().get(0).cnameChain()).isEmpty();
        AddressJson a = r.mx().get(0).addresses().get(0);
        assertThat(a.transcript()).isEmpty();
        assertThat(a.tls()).isNull();
        assertThat(a.relay().verdict()).isEqualTo("SOMETHING_NEW");
        assertThat(a.relay().variants()).isNull();
    }

    @Test
    void refusesAReportWithoutDomainOrWithAnUnknownState() {
        assertThatThrownBy(() -> JsonReport.read("{ \"schemaVersion\" : 1, \"state\" : \"OK\" }"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> JsonReport.read("{ \"schemaVersion\" : 1, \"domain\" : \"example.test\","
                + " \"state\" : \"FINE\" }")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FINE");
    }
}
