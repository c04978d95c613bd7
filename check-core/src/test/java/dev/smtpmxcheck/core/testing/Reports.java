package dev.smtpmxcheck.core.testing;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Factories of probe results for tests of the judgement and the renderers. */
public final class Reports {
    private Reports() {}

    /** An address that greeted with 220 and answered EHLO (no STARTTLS, relay refused). */
    public static AddressReport accepting(String address) {
        SmtpReply greeting = new SmtpReply(220, null, List.of("mx.example.test ESMTP"));
        SmtpReply ehlo = new SmtpReply(250, null, List.of("mx.example.test", "PIPELINING", "SIZE 10240000", "STARTTLS"));
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        SmtpReply rcpt = new SmtpReply(554, "5.7.1", List.of("5.7.1 <relay-probe@example.net>: Relay access denied"));
        return AddressReport.builder(address, 25)
                .connected(3)
                .greeting(new Greeting(greeting, 5, "mx.example.test", null, null))
                .ehlo(Ehlo.ehlo(ehlo, List.of(new EhloKeyword("PIPELINING", List.of()),
                        new EhloKeyword("SIZE", List.of("10240000")), new EhloKeyword("STARTTLS", List.of()))))
                .tls(goodTls())
                .ehloAfterTls(Ehlo.ehlo(ehlo, List.of(new EhloKeyword("PIPELINING", List.of()))))
                .relay(new RelayFacts("relay-probe@example.org", "relay-probe@example.net", mail, rcpt,
                        RelayVerdict.REFUSED, "relay refused with 5.7.1"))
                .totalMillis(20)
                .transcript(List.of("S: 220 mx.example.test ESMTP"))
                .build();
    }

    /** A TLS 1.3 session with a trusted leaf for mx.example.test valid for 80 more days. */
    public static TlsFacts goodTls() {
        Instant now = Instant.now();
        CertificateFacts leaf = new CertificateFacts(0, "CN=mx.example.test", "CN=Test CA", "0A", now.minus(Duration.ofDays(10)),
                now.plus(Duration.ofDays(80)), 80, List.of("mx.example.test"), List.of(), "mx.example.test", "EC", 256,
                "SHA256withECDSA", false, "00");
        return new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384", 8, "mx.example.test", List.of(leaf),
                TrustStatus.TRUSTED, null, true);
    }

    /**
     * An address that greeted, offered STARTTLS and accepted it, whose TLS handshake then ended for {@code reason};
     * the relay probe was asked for and not run after that failure.
     */
    public static AddressReport handshakeEnded(String address, FailureReason reason, String detail) {
        AddressReport ok = accepting(address);
        return AddressReport.builder(address, 25)
                .connected(3)
                .greeting(ok.greeting().seen().orElseThrow())
                .ehlo(ok.ehlo().seen().orElseThrow())
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, reason, detail)))
                .ehloAfterTls(Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE))
                .relay(Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE))
                .totalMillis(900)
                .build();
    }

    /** An address whose connect failed for {@code reason}, in words {@code detail} ("connection refused"). */
    public static AddressReport unreachable(String address, FailureReason reason, String detail) {
        return AddressReport.builder(address, 25)
                .connect(Outcome.failed(Failure.of(ProbeStage.CONNECT, reason, detail)))
                .totalMillis(10)
                .build();
    }
}
