package dev.smtpmxcheck.core.report;

import dev.smtpmxcheck.core.report.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final String MX2 = Subjects.address("mx2.example.test", "192.0.2.2", 25);

    @Test
    void oneMxDownWhileAnotherWorksIsWarningNamingIt() {
        List<MxReport> mx = List.of(
                MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1")),
                MxReports.mx("mx2.example.test", 20,
                        Reports.unreachable("192.0.2.2", FailureReason.REFUSED, "connection refused")));
        Finding down = Finding.of(FindingCode.MX_UNREACHABLE, MX2, "connection refused");

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, List.of(down));

        assertThat(v.state()).isEqualTo(State.WARNING);
        assertThat(v.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(v.summary()).isEqualTo("1 of 2 MX unreachable (mx2.example.test)");
    }

    @Test
    void anAddressDownOnAnMxThatStillWorksIsNamedInTheSummary() {
        // A dual-stack MX whose IPv6 address refuses: the host works, the address does not.
        List<MxReport> mx = List.of(MxReports.mx("mx1.example.test", 10,
                Reports.accepting("192.0.2.1"), Reports.unreachable("2001:db8::1", FailureReason.REFUSED, "connection refused")));
        Finding down = Finding.of(FindingCode.MX_UNREACHABLE, "mx1.example.test [2001:db8::1]:25", "connection refused");

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, List.of(down));

        assertThat(v.state()).isEqualTo(State.WARNING);
        assertThat(v.summary()).isEqualTo("MX_UNREACHABLE on mx1.example.test");
    }

    @Test
    void aServerThatAnswersAndRefusesIsNotCalledUnreachable() {
        SmtpReply noService = new SmtpReply(554, null, List.of("no SMTP service here"));
        AddressReport refused = AddressReport.builder("192.0.2.1", 25).connected(1)
                .greeting(Outcome.failed(Failure.rejected(ProbeStage.GREETING, noService, "554 no SMTP service here"),
                        new Greeting(noService, 2, null, null, null)))
                .totalMillis(5).build();
        List<MxReport> mx = List.of(MxReports.mx("mx1.example.test", 10, refused));
        Finding f = Finding.of(FindingCode.GREETING_REJECTED, "mx1.example.test [192.0.2.1]:25", "554");

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, List.of(f));

        assertThat(v.state()).isEqualTo(State.CRITICAL);
        assertThat(v.summary()).isEqualTo("1 of 1 MX not accepting mail (mx1.example.test); GREETING_REJECTED on mx1.example.test");
    }

    @Test
    void aFailedLookupIsSaidOnceWithItsCode() {
        Finding nx = Finding.of(FindingCode.DNS_NXDOMAIN, "nx.test", "nx.test MX: NXDOMAIN (nx.test does not exist)");

        Verdict v = Verdict.of("nx.test", MxSource.FAILED, List.of(), List.of(nx));

        assertThat(v.summary()).isEqualTo("DNS_NXDOMAIN: nx.test MX: NXDOMAIN (nx.test does not exist)");
    }

    @Test
    void everyMxDownIsCritical() {
        List<MxReport> mx = List.of(MxReports.mx("mx2.example.test", 20,
                Reports.unreachable("192.0.2.2", FailureReason.REFUSED, "connection refused")));
        Finding down = Finding.of(FindingCode.MX_UNREACHABLE, MX2, "connection refused");

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, List.of(down));

        assertThat(v.state()).isEqualTo(State.CRITICAL);
        assertThat(v.summary()).isEqualTo("1 of 1 MX unreachable (mx2.example.test)");
    }

    @Test
    void worstFindingsComeFirstAndNamedInSummary() {
        String mx1 = Subjects.address("mx1.example.test", "192.0.2.1", 25);
        List<MxReport> mx = List.of(MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1")));
        List<Finding> findings = List.of(
                Finding.of(FindingCode.BANNER_VERSION_LEAK, mx1, "Exim 4.96"),
                Finding.of(FindingCode.STARTTLS_NOT_OFFERED, mx1, "no STARTTLS"),
                Finding.of(FindingCode.OPEN_RELAY, mx1, "250 ok"));

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, findings);

        assertThat(v.state()).isEqualTo(State.CRITICAL);
        assertThat(v.findings()).extracting(Finding::code).containsExactly(FindingCode.OPEN_RELAY,
                FindingCode.STARTTLS_NOT_OFFERED, FindingCode.BANNER_VERSION_LEAK);
        assertThat(v.summary()).isEqualTo("OPEN_RELAY on mx1.example.test; STARTTLS_NOT_OFFERED on mx1.example.test");
    }

    @Test
    void healthyDomainIsOkWithCounts() {
        List<MxReport> mx = List.of(
                MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1")),
                MxReports.mx("mx2.example.test", 20, Reports.accepting("192.0.2.2")));

        Verdict v = Verdict.of("example.test", MxSource.MX, mx, List.of());

        assertThat(v.state()).isEqualTo(State.OK);
        assertThat(v.summary()).isEqualTo("2 MX, 2 addresses accept mail");
    }

    @Test
    void oneAddressTakesTheSingularVerb() {
        List<MxReport> mx = List.of(
                MxReports.mx("mx1.example.test", 10, Reports.accepting("192.0.2.1")));

        assertThat(Verdict.of("example.test", MxSource.MX, mx, List.of()).summary())
                .isEqualTo("1 MX, 1 address accepts mail");
    }

    @Test
    void nullMxIsOkAndSaysSo() {
        Finding nullMx = Finding.of(FindingCode.NULL_MX, "example.test", "MX 0 .");

        Verdict v = Verdict.of("example.test", MxSource.NULL_MX, List.of(), List.of(nullMx));

        assertThat(v.state()).isEqualTo(State.OK);
        assertThat(v.summary()).isEqualTo("example.test accepts no mail (null MX)");
    }

    @Test
    void internalErrorIsUnknownButCriticalStillWins() {
        Finding internal = Finding.of(FindingCode.INTERNAL_ERROR, "x", "boom");
        Finding relay = Finding.of(FindingCode.OPEN_RELAY, "y", "250");

        assertThat(Verdict.of("d", MxSource.MX, List.of(), List.of(internal)).state()).isEqualTo(State.UNKNOWN);
        assertThat(Verdict.of("d", MxSource.MX, List.of(), List.of(internal, relay)).state())
                .isEqualTo(State.CRITICAL);
    }

    @Test
    void longSummaryIsCut() {
        List<Finding> many = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(Finding.of(FindingCode.CERT_WEAK_KEY, "mx" + i + ".example.test [192.0.2." + i + "]:25", "1024"));
        }

        Verdict v = Verdict.of("example.test", MxSource.MX, List.of(), many);

        assertThat(v.summary()).hasSize(Verdict.MAX_SUMMARY).endsWith("...");
    }

    @Test
    void underRequireTlsTheRefusedClassIsNamedAsThePartnersWhoRequireVerifiedTls() {
        AddressDelivery plain = new AddressDelivery("mx1.plain.test", 10, "192.0.2.1", 25, List.of(
                ClassDelivery.no(SenderClass.OPPORTUNISTIC, DeliveryReason.NO_TLS),
                ClassDelivery.notApplicable(SenderClass.MTA_STS), ClassDelivery.notApplicable(SenderClass.DANE)));
        DomainDelivery delivery = new DomainDelivery(true, List.of(
                new DomainDelivery.Domain(SenderClass.OPPORTUNISTIC, true, true, false),
                new DomainDelivery.Domain(SenderClass.MTA_STS, false, false, true),
                new DomainDelivery.Domain(SenderClass.DANE, false, false, true)), List.of(plain));

        assertThat(Verdict.senderSummary(delivery))
                .isEqualTo("senders requiring verified TLS (--require-tls) cannot deliver to mx1.plain.test: no STARTTLS");
    }
}
