package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.delivery.DeliveryJudge;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.PostmasterVerdict;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressSummaryTest {

    private static final String HOST = "mx1.example.test";

    /** The line of {@code a} in a report without a delivery matrix (its part is tested on its own below). */
    private static String line(AddressReport a, MxSource source) {
        MxReport mx = MxReports.mx(HOST, 10, a);
        CheckReport full = Reports.report("example.test", source, List.of(mx), List.of());
        CheckReport report = CheckReportBuilder.from(full).delivery(null).build();
        return AddressSummary.line(report, mx, a);
    }

    /** A report of {@code mx} whose domain has an MTA-STS policy in {@code mode} that lists the MX, with its matrix. */
    private static CheckReport underMtaSts(String mode, MxReport mx) {
        MtaStsFacts sts = new MtaStsFacts(List.of("v=STSv1; id=20261201"), "20261201",
                "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", mode, List.of(HOST),
                86400L, List.of(), List.of(), null);
        DomainDelivery delivery = DeliveryJudge.judge(List.of(mx), null, sts, false, Reports.NOW);
        return CheckReportBuilder.checkReport("example.test", Reports.NOW, 250, State.CRITICAL, "s",
                MxSource.MX, List.of(mx), List.of()).mtaSts(sts).delivery(delivery).build();
    }

    @Test
    void theDeliveryPartNamesEachSenderClassFromTheMatrix() {
        // Given an address whose certificate is self-signed, under an enforce MTA-STS policy that lists the MX
        AddressReport a = healthy(TrustStatus.SELF_SIGNED, true, 80);
        MxReport mx = MxReports.mx(HOST, 10, a);
        CheckReport report = underMtaSts("enforce", mx);

        // When
        String part = AddressSummary.delivers(report, mx, a).orElseThrow();

        // Then opportunistic senders deliver, MTA-STS senders do not (the reason is named), DANE is not invited
        assertThat(part).startsWith("opportunistic yes, MTA-STS no (").endsWith("), DANE n/a");
        assertThat(AddressSummary.line(report, mx, a)).endsWith("; delivers: " + part);
    }

    @Test
    void underATestingPolicyMtaStsSendersDeliverAndTheLineSaysWhatTheyWouldRefuse() {
        AddressReport a = healthy(TrustStatus.SELF_SIGNED, true, 80);
        MxReport mx = MxReports.mx(HOST, 10, a);

        String part = AddressSummary.delivers(underMtaSts("testing", mx), mx, a).orElseThrow();

        assertThat(part).startsWith("opportunistic yes, MTA-STS yes, testing mode (would refuse: ").endsWith("), DANE n/a");
    }

    private static AddressReport healthy(TrustStatus trust, boolean nameMatches, long days) {
        return Reports.healthy(HOST, "192.0.2.1", Reports.tls(HOST, days, trust, nameMatches), RelayVerdict.REFUSED);
    }

    @Test
    void aHealthyAddressAnswersTheFourQuestions() {
        assertThat(line(healthy(TrustStatus.TRUSTED, true, 364), MxSource.MX)).isEqualTo(
                "mx1.example.test [192.0.2.1]:25 MX 10: connects 0.012 s, STARTTLS TLSv1.3, certificate valid 364 d,"
                        + " relay refused");
    }

    @Test
    void aCertificateSaysWhatIsWrongWithIt() {
        assertThat(AddressSummary.certificate(healthy(TrustStatus.SELF_SIGNED, false, 80)))
                .contains("certificate self-signed, name mismatch, 80 d");
        assertThat(AddressSummary.certificate(healthy(TrustStatus.INCOMPLETE, true, 80)))
                .contains("certificate chain incomplete, 80 d");
        assertThat(AddressSummary.certificate(healthy(TrustStatus.UNTRUSTED, true, -5)))
                .contains("certificate untrusted, expired");  // the whole value: no day count
    }

    @Test
    void withoutStartTlsThereIsNoCertificate() {
        AddressReport plain = Reports.healthy(HOST, "192.0.2.1", null, RelayVerdict.OPEN);

        assertThat(line(plain, MxSource.MX))
                .isEqualTo("mx1.example.test [192.0.2.1]:25 MX 10: connects 0.012 s, no STARTTLS, relay open");
    }

    @Test
    void aRefusedStartTlsAndAFailedHandshakeAreNamed() {
        AddressReport refused = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .tls(Outcome.failed(Failure.rejected(ProbeStage.STARTTLS,
                        new SmtpReply(454, "4.7.0", List.of("4.7.0 TLS not available")), "refused")))
                .build();
        AddressReport alert = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.TLS_ALERT, "handshake_failure")))
                .build();

        assertThat(AddressSummary.starttls(refused)).contains("STARTTLS refused (454 4.7.0 TLS not available)");
        assertThat(AddressSummary.starttls(alert)).contains("STARTTLS handshake failed (TLS alert)");
        assertThat(AddressSummary.certificate(alert)).isEmpty();
    }

    @Test
    void aStartTlsReplyOrHandshakeCutOffByATimeoutIsNeitherRefusedNorFailed() {
        AddressReport handshake = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.DEADLINE, "no time left")))
                .build();
        AddressReport stalledHandshake = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.TIMEOUT, "within 10 s")))
                .build();
        AddressReport reply = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.STARTTLS, FailureReason.DEADLINE, "no time left")))
                .build();

        assertThat(AddressSummary.starttls(handshake)).contains("STARTTLS handshake no time left");
        assertThat(AddressSummary.starttls(stalledHandshake)).contains("STARTTLS handshake timed out");
        assertThat(AddressSummary.starttls(reply)).contains("STARTTLS no time left");
    }

    @Test
    void aDialogueThatStopsEarlySaysWhere() {
        AddressReport greeting = AddressReport.builder("192.0.2.1", 25).connected(5)
                .greeting(Outcome.failed(Failure.rejected(ProbeStage.GREETING,
                        new SmtpReply(554, "5.7.1", List.of("5.7.1 no service")), "refused")))
                .totalMillis(9).build();
        AddressReport timeout = AddressReport.builder("192.0.2.1", 25)
                .connect(Outcome.failed(Failure.of(ProbeStage.CONNECT, FailureReason.TIMEOUT, "connect timed out")))
                .totalMillis(10000).build();

        assertThat(line(greeting, MxSource.MX))
                .isEqualTo("mx1.example.test [192.0.2.1]:25 MX 10: connects 0.005 s, greeting 554 5.7.1 no service");
        assertThat(line(timeout, MxSource.HOST)).isEqualTo("mx1.example.test [192.0.2.1]:25: does not connect"
                + " (timed out)");
    }

    @Test
    void theRelayProbeThatDidNotRunIsLeftOut() {
        AddressReport noRelay = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .relay(Outcome.notRun(NotRunReason.NOT_ASKED)).build();

        assertThat(AddressSummary.relay(noRelay)).isEmpty();
        assertThat(line(noRelay, MxSource.MX)).endsWith("certificate valid 80 d");
    }

    @Test
    void thePostmasterProbeFollowsTheRelayProbe() {
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        AddressReport accepted = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .postmaster(new PostmasterFacts("relay-probe@example.org", "postmaster@example.test", mail,
                        new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok")), PostmasterVerdict.ACCEPTED))
                .build();
        AddressReport refused = healthy(TrustStatus.TRUSTED, true, 80).toBuilder()
                .postmaster(new PostmasterFacts("relay-probe@example.org", "postmaster@example.test", mail,
                        new SmtpReply(554, "5.7.1", List.of("5.7.1 Relay access denied")), PostmasterVerdict.REFUSED))
                .build();

        assertThat(line(accepted, MxSource.MX)).endsWith(", relay refused, postmaster accepted");
        assertThat(AddressSummary.postmaster(refused)).contains("postmaster refused");
        assertThat(AddressSummary.postmaster(healthy(TrustStatus.TRUSTED, true, 80))).isEmpty();
    }
}
