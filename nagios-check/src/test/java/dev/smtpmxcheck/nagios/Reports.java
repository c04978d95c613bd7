package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.delivery.DeliveryGrading;
import dev.smtpmxcheck.core.delivery.DeliveryJudge;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.report.Verdict;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds the CheckReports of the golden-text tests: fixed times, documentation addresses (RFC 5737). */
final class Reports {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private Reports() {}

    static CertificateFacts leaf(String host, long daysLeft) {
        Instant notAfter = NOW.plus(daysLeft, ChronoUnit.DAYS);
        return new CertificateFacts(0, "CN=" + host, "CN=Test CA", "0A1B", NOW.minus(60, ChronoUnit.DAYS), notAfter,
                daysLeft, List.of(host), List.of(), host, "RSA", 2048, "SHA256withRSA", false, "ab".repeat(32));
    }

    static TlsFacts tls(String host, long daysLeft, TrustStatus trust, boolean nameMatches) {
        return new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384", 31, host, List.of(leaf(host, daysLeft)), trust,
                trust == TrustStatus.TRUSTED ? null : "no path to a trust anchor", nameMatches);
    }

    static AddressReport healthy(String host, String address, TlsFacts tls, RelayVerdict relay) {
        SmtpReply greeting = new SmtpReply(220, null, List.of(host + " ESMTP"));
        SmtpReply ehlo = new SmtpReply(250, null, List.of(host, "PIPELINING", "SIZE 10240000", "STARTTLS"));
        List<EhloKeyword> keywords = List.of(new EhloKeyword("PIPELINING", List.of()),
                new EhloKeyword("SIZE", List.of("10240000")), new EhloKeyword("STARTTLS", List.of()));
        RelayFacts relayFacts = relay == null ? null : new RelayFacts("relay-probe@example.org", "relay-probe@example.net",
                new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok")),
                relay == RelayVerdict.OPEN ? new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok"))
                        : new SmtpReply(554, "5.7.1", List.of("5.7.1 <relay-probe@example.net>: Relay access denied")),
                relay, relay == RelayVerdict.OPEN ? "RCPT TO an outside address accepted" : "relay refused");
        return AddressReport.builder(address, 25)
                .connected(12)
                .greeting(new Greeting(greeting, 20, host, null, null))
                .ehlo(Ehlo.ehlo(ehlo, keywords))
                .tls(tls == null ? Outcome.notRun(NotRunReason.NOT_OFFERED) : Outcome.done(tls))
                .ehloAfterTls(Ehlo.ehlo(ehlo, keywords.subList(0, 2)))
                .relay(relayFacts == null ? Outcome.notRun(NotRunReason.NOT_ASKED) : Outcome.done(relayFacts))
                .totalMillis(105)
                .transcript(List.of("S: 220 " + host + " ESMTP", "C: EHLO probe.example.test", "S: 250-" + host,
                        "C: QUIT"))
                .build();
    }

    static AddressReport unreachable(String address) {
        return AddressReport.builder(address, 25)
                .connect(Outcome.failed(Failure.of(ProbeStage.CONNECT, FailureReason.REFUSED, "connection refused")))
                .totalMillis(3)
                .build();
    }

    /**
     * A report as the check builds it: state, summary and the order and severities of the findings come from the
     * core's {@link Verdict}, so that the golden files show what users see.
     */
    static CheckReport report(String domain, MxSource source, List<MxReport> mx, List<Finding> findings) {
        // As MailCheck does: who can deliver (no MTA-STS policy in these reports), the severities graded by it, the
        // verdict.
        DomainDelivery delivery = DeliveryJudge.judge(mx, null, null, false, NOW);
        Verdict verdict = Verdict.of(domain, source, mx, DeliveryGrading.grade(findings, delivery), delivery);
        return CheckReportBuilder.checkReport(domain, NOW, 250, verdict.state(), verdict.summary(), source, mx,
                verdict.findings()).delivery(delivery).build();
    }

    static CheckReport okTwoMx() {
        MxReport mx1 = MxReports.mx("mx1.example.test", 10,
                healthy("mx1.example.test", "192.0.2.1", tls("mx1.example.test", 80, TrustStatus.TRUSTED, true),
                        RelayVerdict.REFUSED));
        MxReport mx2 = MxReports.mx("mx2.example.test", 20,
                healthy("mx2.example.test", "2001:db8::2", tls("mx2.example.test", 45, TrustStatus.TRUSTED, true),
                        RelayVerdict.REFUSED));
        return report("example.test", MxSource.MX, List.of(mx1, mx2),
                List.of());
    }

    static CheckReport warningOneUnreachable() {
        MxReport mx1 = MxReports.mx("mx1.example.test", 10,
                healthy("mx1.example.test", "192.0.2.1", tls("mx1.example.test", 80, TrustStatus.TRUSTED, true),
                        RelayVerdict.REFUSED));
        MxReport mx2 = MxReports.mx("mx2.example.test", 20, unreachable("192.0.2.2"));
        String subject = Subjects.address("mx2.example.test", "192.0.2.2", 25);
        return report("example.test", MxSource.MX,
                List.of(mx1, mx2),
                List.of(Finding.of(FindingCode.MX_UNREACHABLE, Severity.WARNING, subject, "connection refused")));
    }

    static CheckReport criticalCertificate() {
        String host = "mx1.example.test";
        MxReport mx1 = MxReports.mx(host, 10,
                healthy(host, "192.0.2.1", tls("mail.example.test", -5, TrustStatus.TRUSTED, false), RelayVerdict.REFUSED));
        String subject = Subjects.address(host, "192.0.2.1", 25);
        return report("example.test", MxSource.MX, List.of(mx1), List.of(
                Finding.of(FindingCode.CERT_NAME_MISMATCH, subject,
                        "the certificate names mail.example.test, not mx1.example.test"),
                Finding.of(FindingCode.CERT_EXPIRED, subject, "expired 5 days ago, on 2026-11-24")));
    }

    static CheckReport criticalOpenRelay() {
        String host = "mx1.example.test";
        MxReport mx1 = MxReports.mx(host, 10,
                healthy(host, "192.0.2.1", tls(host, 80, TrustStatus.TRUSTED, true), RelayVerdict.OPEN));
        String subject = Subjects.address(host, "192.0.2.1", 25);
        return report("example.test", MxSource.MX, List.of(mx1), List.of(
                Finding.of(FindingCode.OPEN_RELAY, subject,
                        "RCPT TO:<relay-probe@example.net> from relay-probe@example.org was accepted: 250 2.1.5 Ok")));
    }

    static CheckReport dnsFailure() {
        return report("broken.test", MxSource.FAILED, List.of(), List.of(
                Finding.of(FindingCode.DNS_SERVFAIL, "broken.test", "MX lookup of broken.test answered SERVFAIL")));
    }

    /** One MX unreachable and the notes a typical domain has: IPv4 only, neither MTA-STS nor TLS-RPT. */
    static CheckReport warningWithNotes() {
        CheckReport base = warningOneUnreachable();
        List<Finding> findings = new java.util.ArrayList<>(base.findings());
        findings.add(Finding.of(FindingCode.NO_IPV6_MX, "example.test", "no MX host has an AAAA record"));
        findings.add(Finding.of(FindingCode.MTA_STS_ABSENT, "example.test", "no _mta-sts TXT record"));
        findings.add(Finding.of(FindingCode.TLSRPT_ABSENT, "example.test", "no _smtp._tls TXT record"));
        findings.add(Finding.of(FindingCode.BANNER_VERSION_LEAK, Subjects.address("mx1.example.test", "192.0.2.1", 25),
                "the greeting names Postfix 3.7.11"));
        return report("example.test", MxSource.MX, base.mx(), findings);
    }

    /**
     * Twelve MX hosts with one address each, as a large provider publishes them: long host names, every address
     * healthy, the usual notes; each host's address in 198.51.100.0/24 (RFC 5737).
     */
    static CheckReport twelveMx() {
        List<MxReport> mx = new java.util.ArrayList<>();
        List<Finding> findings = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String host = String.format(java.util.Locale.ROOT, "mx%02d.inbound-mail-cluster.example-hosting.test", i);
            String address = "198.51.100." + (100 + i);
            mx.add(MxReports.mx(host, i * 10,
                    healthy(host, address, tls(host, 300 + i, TrustStatus.TRUSTED, true), RelayVerdict.REFUSED)));
            findings.add(Finding.of(FindingCode.BANNER_VERSION_LEAK, Subjects.address(host, address, 25),
                    "the greeting names Postfix 3.7.11"));
        }
        findings.add(Finding.of(FindingCode.CERT_EXPIRES_SOON, Subjects.address(mx.get(11).host(), "198.51.100.112", 25),
                "expires in 21 days, on 2026-12-20"));
        findings.add(Finding.of(FindingCode.NO_IPV6_MX, "example.test", "no MX host has an AAAA record"));
        findings.add(Finding.of(FindingCode.MTA_STS_ABSENT, "example.test", "no _mta-sts TXT record"));
        findings.add(Finding.of(FindingCode.TLSRPT_ABSENT, "example.test", "no _smtp._tls TXT record"));
        return report("example.test", MxSource.MX, mx, findings);
    }
}
