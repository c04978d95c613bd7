package dev.smtpmxcheck.core.report.json;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.FamilyParity;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import java.time.Instant;
import java.util.List;

/**
 * Reports of the JSON golden files: fixed times, documentation addresses (RFC 5737, RFC 3849), and every optional
 * part of schema 1 present somewhere, so that a change of the JSON shows up as a diff of a golden file.
 */
final class GoldenReports {
    private GoldenReports() {}

    static final Instant STARTED = Instant.parse("2026-11-29T10:15:30.123Z");

    /** The golden cases by file name (without ".json"). */
    static List<Case> cases() {
        return List.of(new Case("rich", rich()), new Case("null-mx", nullMx()), new Case("implicit-mx", implicitMx()),
                new Case("dns-failure", dnsFailure()), new Case("host", host()));
    }

    record Case(String name, CheckReport report) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static SmtpReply reply(int code, String enhanced, String... lines) {
        return new SmtpReply(code, enhanced, List.of(lines));
    }

    private static CertificateFacts cert(int position, String subject, String issuer, long daysLeft, String der) {
        return new CertificateFacts(position, subject, issuer, "0" + (position + 10),
                Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z").plusSeconds(daysLeft * 86400L),
                daysLeft, position == 0 ? List.of("mx1.example.test", "*.example.test") : List.of(),
                position == 0 ? List.of("192.0.2.1") : List.of(), position == 0 ? "mx1.example.test" : null,
                position == 0 ? "EC" : "RSA", position == 0 ? 256 : 4096,
                position == 0 ? "SHA256withECDSA" : "SHA384withRSA", position == 2, "ab" + position + "cd", der);
    }

    /** A trusted chain of three (leaf, intermediate, cross-signed root not on the path). */
    private static TlsFacts trustedTls() {
        return new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384", 8, "mx1.example.test",
                List.of(cert(0, "CN=mx1.example.test", "CN=Test Intermediate,O=Example", 80, "MIIBleaf=="),
                        cert(1, "CN=Test Intermediate,O=Example", "CN=Test Root", 900, "MIIBinter=="),
                        cert(2, "CN=Test Root", "CN=Test Root", 3000, null)),
                TrustStatus.TRUSTED, null, true, List.of(0, 1));
    }

    private static TlsFacts selfSignedTls() {
        return new TlsFacts("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 12, "mx2.example.test",
                List.of(new CertificateFacts(0, "CN=localhost", "CN=localhost", "01", Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-11-24T00:00:00Z"), -5, List.of(), List.of(), "localhost", "RSA", 1024,
                        "SHA1withRSA", true, "ff00")),
                TrustStatus.SELF_SIGNED, "self-signed certificate \"CN=localhost\"", false, List.of());
    }

    private static Ehlo ehlo(SmtpReply reply) {
        return Ehlo.ehlo(reply, List.of(new EhloKeyword("PIPELINING", List.of()),
                new EhloKeyword("SIZE", List.of("10240000")), new EhloKeyword("AUTH", List.of("PLAIN", "LOGIN")),
                new EhloKeyword("STARTTLS", List.of())));
    }

    /** Address 1 of mx1: everything present, relay refused, variants, injection test, TLS scan, reverse DNS. */
    private static AddressReport full() {
        SmtpReply greeting = reply(220, null, "mx1.example.test ESMTP Postfix (Debian/GNU) 3.7.11");
        SmtpReply ehloReply = reply(250, null, "mx1.example.test", "PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN",
                "STARTTLS");
        SmtpReply mail = reply(250, "2.1.0", "2.1.0 Ok");
        SmtpReply denied = reply(554, "5.7.1", "5.7.1 <relay-probe@example.net>: Relay access denied");
        RelayFacts relay = new RelayFacts("relay-probe@example.org", "relay-probe@example.net", mail, denied,
                RelayVerdict.REFUSED, "relay refused with 5.7.1").withVariants(List.of(
                        RelayVariantFacts.sent(RelayVariant.NULL_SENDER, "", "relay-probe@example.net", mail, denied,
                                RelayVerdict.REFUSED, "refused"),
                        RelayVariantFacts.sent(RelayVariant.PERCENT_HACK, "relay-probe@example.org",
                                "relay-probe%example.net@[192.0.2.1]", mail, reply(250, "2.1.5", "2.1.5 Ok"),
                                RelayVerdict.OPEN, "accepted"),
                        new RelayVariantFacts(RelayVariant.BANG_PATH, "relay-probe@example.org",
                                "example.net!relay-probe", null, null, RelayVerdict.INCONCLUSIVE,
                                "not tried: too little time left", RelayVariantFacts.NotTried.NO_TIME_LEFT)));
        TlsVersionScan scan = new TlsVersionScan(List.of(
                new TlsVersionScan.VersionResult("TLSv1", TlsVersionScan.Outcome.REFUSED, null, "refused: protocol_version"),
                new TlsVersionScan.VersionResult("TLSv1.1", TlsVersionScan.Outcome.UNKNOWN, null,
                        "not tried: no time left"),
                new TlsVersionScan.VersionResult("TLSv1.2", TlsVersionScan.Outcome.ACCEPTED,
                        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null),
                new TlsVersionScan.VersionResult("TLSv1.3", TlsVersionScan.Outcome.ACCEPTED, "TLS_AES_128_GCM_SHA256",
                        null)),
                2048, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "accepted: TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        return AddressReport.builder("192.0.2.1", 25)
                .connected(3)
                .greeting(new Greeting(greeting, 5, "mx1.example.test", "Postfix", "3.7.11"))
                .ehlo(ehlo(ehloReply))
                .tls(trustedTls())
                .ehloAfterTls(Ehlo.ehlo(reply(250, null, "mx1.example.test", "PIPELINING", "SIZE 10240000"),
                        List.of(new EhloKeyword("PIPELINING", List.of()), new EhloKeyword("SIZE", List.of("10240000")))))
                .relay(relay)
                .totalMillis(42)
                .transcript(List.of("S: 220 mx1.example.test ESMTP Postfix (Debian/GNU) 3.7.11",
                        "C: EHLO check.example.org", "S: 250-mx1.example.test", "C: STARTTLS",
                        "S: 220 2.0.0 Ready to start TLS", "C: QUIT"))
                .extensions(new EsmtpExtensions(true, true, false, true, false, false, true, 10240000L))
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.NOT_VULNERABLE, "NOOP",
                        reply(221, "2.0.0", "2.0.0 Bye"), "the plain-text NOOP was discarded", 17))
                .tlsVersions(scan)
                .reverseDns(new ReverseDns(List.of("mx1.example.test", "other.example.test"),
                        List.of("mx1.example.test"), null))
                .build();
    }

    /** Address 2 of mx1 (IPv6): a self-signed, expired certificate, vulnerable to STARTTLS injection, HELO only. */
    private static AddressReport weak() {
        SmtpReply greeting = reply(220, null, "mx1.example.test ESMTP \"quoted\" caf\u00e9 \u0007bell");
        Ehlo helo = Ehlo.helo(reply(250, null, "mx1.example.test"), reply(502, "5.5.1", "5.5.1 EHLO not implemented"));
        return AddressReport.builder("2001:db8::1", 25)
                .connected(4)
                .greeting(new Greeting(greeting, 6, "mx1.example.test", null, null))
                .ehlo(helo)
                .tls(selfSignedTls())
                .totalMillis(30)
                .transcript(List.of("S: 220 mx1.example.test", "C: EHLO check.example.org",
                        "S: 502 5.5.1 EHLO not implemented"))
                .extensions(new EsmtpExtensions(false, false, false, false, false, false, false, null))
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.VULNERABLE, "NOOP", null,
                        "the server answered the plain-text NOOP inside TLS", 21))
                .reverseDns(new ReverseDns(List.of(), List.of(), "SERVFAIL"))
                .build();
    }

    /** mx2's address: a 421 greeting (the server refuses sessions now). */
    private static AddressReport refusing() {
        SmtpReply shuttingDown = reply(421, "4.3.2", "4.3.2 Service shutting down");
        return AddressReport.builder("192.0.2.2", 2525)
                .connected(7)
                .greeting(Outcome.failed(Failure.rejected(ProbeStage.GREETING, shuttingDown,
                        "greeting 421 4.3.2 Service shutting down"), new Greeting(shuttingDown, 9, null, null, null)))
                .totalMillis(15)
                .transcript(List.of("S: 421 4.3.2 Service shutting down"))
                .build();
    }

    /** mx3's address: the handshake after STARTTLS failed. */
    private static AddressReport handshakeFailed() {
        return AddressReport.builder("192.0.2.3", 25)
                .connected(2)
                .greeting(new Greeting(reply(220, null, "mx3.example.test ESMTP"), 3, "mx3.example.test", null, null))
                .ehlo(ehlo(reply(250, null, "mx3.example.test", "STARTTLS")))
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.TLS_ALERT,
                        "handshake: Received fatal alert: handshake_failure")))
                .totalMillis(25)
                .transcript(List.of("S: 220 mx3.example.test ESMTP"))
                .build();
    }

    /** mx4's address: nothing answered. */
    private static AddressReport unreachable() {
        return AddressReport.builder("192.0.2.4", 25)
                .connect(Outcome.failed(Failure.of(ProbeStage.CONNECT, FailureReason.TIMEOUT,
                        "connect: connection timed out after 10 s")))
                .totalMillis(10000)
                .build();
    }

    static CheckReport rich() {
        DaneReport dane = new DaneReport("_25._tcp.mx1.example.test", DnssecStatus.SECURE, null,
                List.of("3 1 1 ab12cd34", "2 0 1 ef56"),
                List.of(DaneAddress.matched("192.0.2.1", "3 1 1 ab12cd34", 0),
                        DaneAddress.unmatched("2001:db8::1", DaneAddress.Result.NO_MATCH,
                                "no TLSA record matches the presented chain")));
        FamilyParity parity = new FamilyParity(true, true, List.of("ab0cd"), List.of("ff00"), List.of("mx1.example.test"),
                List.of("mx1.example.test"));
        MxReport mx1 = new MxReport("mx1.example.test", 10, List.of("alias.example.test"), null, List.of(full(), weak()),
                dane, parity, null, List.of());
        MxReport mx2 = MxReports.mx("mx2.example.test", 20, refusing())
                .withDane(new DaneReport("_25._tcp.mx2.example.test", DnssecStatus.BOGUS, "RRSIG expired", List.of(),
                        List.of()));
        MxReport mx3 = MxReports.mx("mx3.example.test", 30, handshakeFailed())
                .withDane(new DaneReport("_25._tcp.mx3.example.test", null, null, List.of(), List.of()));
        MxReport mx4 = MxReports.mx("mx4.example.test", 40, unreachable());
        MxReport mx5 = MxReports.withoutAddress("mx5.example.test", 50, "NXDOMAIN");
        List<Finding> findings = List.of(
                Finding.of(FindingCode.CERT_EXPIRED, Severity.CRITICAL, "mx1.example.test [2001:db8::1]:25",
                        "expired 5 days ago, on 2026-11-24"),
                Finding.of(FindingCode.MX_UNREACHABLE, Severity.WARNING, "mx4.example.test [192.0.2.4]:25",
                        "connect: connection timed out after 10 s"),
                Finding.of(FindingCode.GREETING_TEMPORARY_FAILURE, Severity.WARNING, "mx2.example.test [192.0.2.2]:2525",
                        "greeting 421 4.3.2 Service shutting down"),
                new Finding(FindingCode.DIAGNOSTIC_INCOMPLETE, Severity.UNKNOWN, "mx1.example.test [192.0.2.1]:25",
                        "TLSv1.1 not tried: no time left", "Give the check more time with -t."),
                Finding.of(FindingCode.BANNER_VERSION_LEAK, Severity.INFO, "mx1.example.test [192.0.2.1]:25",
                        "greeting names Postfix 3.7.11"));
        MtaStsFacts sts = new MtaStsFacts(List.of("v=STSv1; id=20261101"), "20261101",
                "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain; charset=utf-8", "enforce",
                List.of("mx1.example.test", "*.example.test"), 604800L, List.of("mx5.example.test"),
                List.of("mx1.example.test [2001:db8::1]:25"));
        TlsRptFacts rpt = new TlsRptFacts(List.of("v=TLSRPTv1; rua=mailto:tlsrpt@example.test,https://r.example.test/v1"),
                List.of("mailto:tlsrpt@example.test", "https://r.example.test/v1"));
        return CheckReportBuilder.checkReport("example.test", STARTED, 12345, State.CRITICAL,
                "CERT_EXPIRED on mx1.example.test; 1 of 5 MX unreachable (mx4.example.test)", MxSource.MX,
                List.of(mx1, mx2, mx3, mx4, mx5), findings).mtaSts(sts).tlsRpt(rpt).build();
    }

    static CheckReport nullMx() {
        return CheckReportBuilder.checkReport("nullmx.example.test", STARTED, 15, State.OK,
                "nullmx.example.test accepts no mail (null MX)", MxSource.NULL_MX, List.of(), List.of()).build();
    }

    static CheckReport implicitMx() {
        AddressReport a = AddressReport.builder("192.0.2.9", 25)
                .connected(1)
                .greeting(new Greeting(reply(220, null, "implicit.example.test ESMTP"), 2, "implicit.example.test",
                        null, null))
                .ehlo(Ehlo.ehlo(reply(250, null, "implicit.example.test"), List.of()))
                .tls(Outcome.notRun(NotRunReason.NOT_OFFERED))
                .relay(new RelayFacts("relay-probe@example.org", "relay-probe@example.net",
                        reply(451, "4.3.0", "4.3.0 try later"), null, RelayVerdict.INCONCLUSIVE, "MAIL FROM got 451"))
                .totalMillis(9)
                .extensions(new EsmtpExtensions(false, false, false, false, false, false, true, null))
                .build();
        MxReport mx = MxReports.mx("implicit.example.test", 0, a);
        return CheckReportBuilder.checkReport("implicit.example.test", STARTED, 40, State.WARNING,
                "STARTTLS_NOT_OFFERED on implicit.example.test", MxSource.IMPLICIT, List.of(mx),
                List.of(Finding.of(FindingCode.STARTTLS_NOT_OFFERED, Severity.WARNING,
                        "implicit.example.test [192.0.2.9]:25", "EHLO reply has no STARTTLS")))
                .mtaSts(new MtaStsFacts(List.of(), null, null, null, null, null, List.of(), null, List.of(), List.of()))
                .tlsRpt(new TlsRptFacts(List.of(), List.of()))
                .build();
    }

    static CheckReport dnsFailure() {
        return CheckReportBuilder.checkReport("broken.example.test", STARTED, 5000, State.CRITICAL,
                "DNS_SERVFAIL: SERVFAIL for MX broken.example.test", MxSource.FAILED, List.of(),
                List.of(Finding.of(FindingCode.DNS_SERVFAIL, Severity.CRITICAL, "broken.example.test",
                        "SERVFAIL for MX broken.example.test"))).build();
    }

    static CheckReport host() {
        SmtpReply goAway = reply(550, "5.7.1", "5.7.1 go away");
        AddressReport a = AddressReport.builder("192.0.2.7", 587)
                .connected(1)
                .greeting(new Greeting(reply(220, null, "192.0.2.7 ESMTP"), 2, null, null, null))
                .ehlo(Outcome.failed(Failure.rejected(ProbeStage.EHLO, goAway, "EHLO and HELO refused"),
                        Ehlo.helo(goAway, null)))
                .totalMillis(5)
                .transcript(List.of("S: 220 192.0.2.7 ESMTP"))
                .build();
        return CheckReportBuilder.checkReport("192.0.2.7", STARTED, 6, State.CRITICAL,
                "1 of 1 host not accepting mail (192.0.2.7)", MxSource.HOST,
                List.of(MxReports.mx("192.0.2.7", 0, a)), List.of()).build();
    }
}
