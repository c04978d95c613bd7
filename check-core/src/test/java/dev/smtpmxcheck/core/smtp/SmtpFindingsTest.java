package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpFindingsTest {
    private static final SmtpReply OK = new SmtpReply(250, null, List.of("mx.example.com"));
    private static final Greeting GREETING = new Greeting(new SmtpReply(220, null, List.of("mx.example.com ESMTP")),
            5, "mx.example.com", null, null);

    private static final SmtpReply STARTTLS_REFUSED = new SmtpReply(454, "4.7.0", List.of("4.7.0 TLS not available"));

    /** A report whose STARTTLS, when {@code ehlo} offers it, was refused with 454; relay failed with {@code failure}. */
    private static AddressReport report(Failure relayFailure, Ehlo ehlo, RelayFacts relay) {
        AddressReport.Builder b = AddressReport.builder("192.0.2.1", 25).connected(3).greeting(GREETING).ehlo(ehlo)
                .relay(relayFailure == null ? Outcome.done(relay) : Outcome.failed(relayFailure, relay)).totalMillis(40);
        if (ehlo.has("STARTTLS")) {
            b.tls(Outcome.failed(Failure.rejected(ProbeStage.STARTTLS, STARTTLS_REFUSED, "STARTTLS refused")));
        }
        return b.build();
    }

    @Test
    void aStageTheChecksOwnDeadlineEndedDoesNotBlameTheServerInItsFix() {
        AddressReport cut = AddressReport.builder("192.0.2.7", 25).connected(3)
                .greeting(Outcome.failed(Failure.of(ProbeStage.GREETING, FailureReason.DEADLINE,
                        "overall deadline reached (-t) after waiting 1.9 s for the greeting")))
                .totalMillis(1950).build();
        AddressReport slow = AddressReport.builder("192.0.2.7", 25).connected(3)
                .greeting(Outcome.failed(Failure.of(ProbeStage.GREETING, FailureReason.TIMEOUT,
                        "no complete greeting within 10 s")))
                .totalMillis(10003).build();

        Finding byDeadline = SmtpFindings.of("mx.example.com", cut).get(0);
        Finding byServer = SmtpFindings.of("mx.example.com", slow).get(0);

        assertThat(byDeadline.code()).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(byDeadline.remediation()).startsWith("The check's own time limit (-t) ended this step before"
                + " mx.example.com [192.0.2.7]:25 had answered");
        assertThat(byServer.remediation()).isEqualTo(FindingCode.SMTP_TIMEOUT.remediation("mx.example.com [192.0.2.7]:25"));
    }

    @Test
    void failureNamesStageAndSubject() {
        AddressReport r = AddressReport.builder("2001:db8::1", 25).connected(3)
                .greeting(Outcome.failed(Failure.of(ProbeStage.GREETING, FailureReason.TIMEOUT,
                        "no complete greeting within 10 s")))
                .totalMillis(10003).build();

        List<Finding> findings = SmtpFindings.of("mx.example.com", r);

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).code()).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(0).subject()).isEqualTo("mx.example.com [2001:db8::1]:25");
        assertThat(findings.get(0).message()).isEqualTo("greeting: no complete greeting within 10 s");
    }

    @Test
    void failureDuringTheRelayProbeIsOnlyAWarning() {
        Ehlo ehlo = Ehlo.ehlo(OK, List.of(new EhloKeyword("STARTTLS", List.of())));
        AddressReport r = report(Failure.of(ProbeStage.RELAY_PROBE, FailureReason.TIMEOUT,
                "no complete reply to RCPT TO"), ehlo, null);

        List<Finding> findings = SmtpFindings.of("mx.example.com", r);

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.SMTP_TIMEOUT,
                FindingCode.STARTTLS_REJECTED);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void openRelayQuotesTheReply() {
        SmtpReply rcpt = new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok"));
        RelayFacts relay = new RelayFacts("a@example.org", "b@example.net", OK, rcpt, RelayVerdict.OPEN, "accepted");
        AddressReport r = report(null, Ehlo.ehlo(OK, List.of(new EhloKeyword("STARTTLS", List.of()))), relay);

        List<Finding> findings = SmtpFindings.of("mx.example.com", r);

        // STARTTLS offered and refused, no failure that ended the dialogue: the refusal is a finding of its own.
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.STARTTLS_REJECTED,
                FindingCode.OPEN_RELAY);
        assertThat(findings.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(1).message()).contains("RCPT TO:<b@example.net>").contains("250 2.1.5 Ok");
    }

    @Test
    void inconclusiveRelayIsInfoWithReasonAndReply() {
        SmtpReply rcpt = new SmtpReply(450, "4.7.1", List.of("4.7.1 greylisted"));
        RelayFacts relay = new RelayFacts("a@example.org", "b@example.net", OK, rcpt, RelayVerdict.INCONCLUSIVE,
                "RCPT TO was refused temporarily");
        AddressReport r = report(null, Ehlo.helo(OK, new SmtpReply(502, "5.5.1", List.of("5.5.1 EHLO unknown"))),
                relay);

        List<Finding> findings = SmtpFindings.of("mx.example.com", r);

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.EHLO_REJECTED,
                FindingCode.RELAY_TEST_INCONCLUSIVE);
        assertThat(findings.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(findings.get(1).message()).contains("refused temporarily").contains("450 4.7.1 greylisted");
    }

    @Test
    void refusedRelayGivesNoFinding() {
        SmtpReply rcpt = new SmtpReply(554, "5.7.1", List.of("5.7.1 Relay access denied"));
        RelayFacts relay = new RelayFacts("a@example.org", "b@example.net", OK, rcpt, RelayVerdict.REFUSED, "refused");
        AddressReport r = report(null, Ehlo.ehlo(OK, List.of(new EhloKeyword("STARTTLS", List.of()))), relay);
        r = r.toBuilder()
                .tls(new dev.smtpmxcheck.core.report.TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 5, "mx.example.com",
                        List.of(), dev.smtpmxcheck.core.report.TrustStatus.TRUSTED, null, true))
                .ehloAfterTls(r.ehlo()).build();

        assertThat(SmtpFindings.of("mx.example.com", r)).isEmpty();
    }
}
