package dev.smtpmxcheck.core.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON field {@code dnsbl} of an address (schemaVersion 1, additive): present only when lists were asked. */
class DnsblJsonTest {

    private static CheckReport report(AddressReport a) {
        MxReport mx = MxReports.mx("mx1.example.test", 10, a);
        return CheckReportBuilder.checkReport("example.test", Instant.parse("2026-11-29T10:15:30Z"), 1234,
                State.WARNING, "listed", MxSource.MX, List.of(mx), List.of()).build();
    }

    private static CheckReport sample() {
        return report(Reports.accepting("192.0.2.1").withDnsbl(Outcome.done(new DnsblFacts(List.of(
                new DnsblResult.Listed("bl.test", "1.2.0.192.bl.test", List.of("127.0.0.2"), List.of("listed"),
                        "see https://bl.test/"),
                new DnsblResult.NotListed("clean.test", "1.2.0.192.clean.test"),
                new DnsblResult.Unchecked("zen.spamhaus.org", "1.2.0.192.zen.spamhaus.org",
                        DnsblResult.Why.REFUSED_BY_LIST, List.of("127.255.255.254"), "refused"))))));
    }

    @Test
    void roundTrips() {
        CheckReport report = sample();

        assertThat(JsonReport.read(JsonReport.write(report))).isEqualTo(ReportJsonMapper.toJson(report));
    }

    @Test
    void hasStableNames() {
        String json = JsonReport.write(sample());

        assertThat(json).contains("\"dnsbl\" : {", "\"listings\" : 1", "\"lists\" : [", "\"zone\" : \"bl.test\"",
                "\"query\" : \"1.2.0.192.bl.test\"", "\"status\" : \"LISTED\"", "\"codes\" : [ \"127.0.0.2\" ]",
                "\"reason\" : \"see https://bl.test/\"", "\"status\" : \"NOT_LISTED\"", "\"status\" : \"UNCHECKED\"",
                "\"why\" : \"REFUSED_BY_LIST\"", "\"codes\" : [ \"127.255.255.254\" ]");
    }

    @Test
    void isAbsentWhenNoListWasAsked() {
        assertThat(JsonReport.write(report(Reports.accepting("192.0.2.1")))).doesNotContain("dnsbl");
    }
}
