package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpProbeTest {
    private static final String MX = "mx.test.example";
    private static final String FROM = "relay-probe@example.org";
    private static final String TO = "relay-probe@example.net";

    private FakeSmtpServer server;
    private final AtomicReference<X509Certificate[]> inspected = new AtomicReference<>();
    private final ChainInspector inspector = (protocol, suite, millis, name, chain) -> {
        inspected.set(chain);
        return new TlsFacts(protocol, suite, millis, name, List.of(), TrustStatus.UNTRUSTED, "test CA", true);
    };

    @BeforeEach
    void start() throws IOException {
        server = new FakeSmtpServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        assertThat(server.errors()).isEmpty();
        server.assertNoDataSent();
    }

    private SmtpProbe probe(Duration stage, boolean relay) {
        return new SmtpProbe(new ProbeSettings(server.port(), stage, "probe.test.example", relay, FROM, TO), inspector);
    }

    private AddressReport run(Duration stage, boolean relay, Duration deadline) {
        return probe(stage, relay).probe(MX, server.address(), Deadline.after(deadline));
    }

    private AddressReport run() {
        return run(Duration.ofSeconds(5), true, Duration.ofSeconds(20));
    }

    private static SSLContext serverTls() {
        TestCertificates.Held ca = TestCertificates.ca("Test CA");
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(ca).build();
        return TestCertificates.serverContext(leaf, ca.certificate());
    }

    private static List<FindingCode> codes(AddressReport report) {
        return SmtpFindings.of(MX, report).stream().map(Finding::code).toList();
    }

    @Test
    void anIpLiteralHostSendsNoSni() {
        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls())));

        AddressReport report = probe(Duration.ofSeconds(5), false).probe("127.0.0.1", server.address(),
                Deadline.after(Duration.ofSeconds(20)));

        assertThat(report.tls().seen().orElse(null)).isNotNull();
        // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
        assertThat(server.requestedServerNames()).containsExactly("");
    }

    @Test
    void healthyServerWithStartTls() {
        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls())
                .rcptReply("554 5.7.1 <relay-probe@example.net>: Relay access denied")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.failureCode().orElse(null)).isNull();
        assertThat(report.connect().seen().orElse(null)).isNotNull();
        assertThat(report.greeting().seen().orElseThrow().reply().code()).isEqualTo(220);
        assertThat(report.greeting().seen().orElseThrow().announcedHost()).isEqualTo(MX);
        assertThat(report.ehlo().seen().orElseThrow().has("STARTTLS")).isTrue();
        assertThat(report.tls().seen().orElse(null)).isNotNull();
        assertThat(report.tls().seen().orElseThrow().sni()).isEqualTo(MX);
        assertThat(server.requestedServerNames()).containsExactly(MX);
        assertThat(report.tls().seen().orElseThrow().protocol()).startsWith("TLSv1.");
        assertThat(inspected.get()).hasSize(2);
        assertThat(inspected.get()[0].getSubjectX500Principal().getName()).isEqualTo("CN=" + MX);
        assertThat(report.ehloAfterTls().seen().orElse(null)).isNotNull();
        assertThat(report.ehloAfterTls().seen().orElseThrow().has("STARTTLS")).isFalse();
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(report.acceptsSessions()).isTrue();
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example", "STARTTLS",
                "EHLO probe.test.example", "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "RSET", "QUIT");
        assertThat(report.transcript()).anyMatch(l -> l.startsWith("== TLS negotiated"));
        assertThat(report.transcript()).contains("C: STARTTLS", "S: 220 2.0.0 Ready to start TLS");
        assertThat(codes(report)).isEmpty();
    }

    @Test
    void noStartTlsOffered() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply("550 5.7.1 Unable to relay")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.tls().seen().orElse(null)).isNull();
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(codes(report)).containsExactly(FindingCode.STARTTLS_NOT_OFFERED);
    }

    @Test
    void startTlsRefusedIsAFindingNotAFailure() {
        server.enqueue(Script.wellBehaved(new Behaviour().starttls("454 4.7.0 TLS not available due to local problem")
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.tls().seen().orElse(null)).isNull();
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example", "STARTTLS",
                "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "RSET", "QUIT");
        List<Finding> findings = SmtpFindings.of(MX, report);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.STARTTLS_REJECTED);
        assertThat(findings.get(0).message()).contains("454 4.7.0 TLS not available");
    }

    @Test
    void handshakeFailsWhenTheServerClosesAfter220ThenRelayProbeRetriesInPlainText() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").reply("220 go ahead").close());
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).isNotBlank().doesNotStartWith("TLS handshake failed");
        assertThat(SmtpFindings.of(MX, report)).extracting(Finding::message)
                .anyMatch(m -> m.startsWith("TLS handshake: "));
        assertThat(report.tls().seen().orElse(null)).isNull();
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.receivedCommands()).endsWith("RSET", "QUIT");
        assertThat(codes(report)).containsExactly(FindingCode.TLS_HANDSHAKE_FAILED);
    }

    @Test
    void handshakeFailsWhenTheServerAnswersInPlainText() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS")
                .send("220 go ahead\r\n250 surprise, still plain text\r\n").stall(Duration.ofSeconds(3)));

        AddressReport report = run(Duration.ofSeconds(2), false, Duration.ofSeconds(10));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.TLS_HANDSHAKE_FAILED);
    }

    @Test
    void handshakeThatNeverStartsTimesOutWithinTheStageTimeout() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").reply("220 go ahead")
                .stall(Duration.ofSeconds(5)));
        long start = System.nanoTime();

        AddressReport report = run(Duration.ofMillis(500), false, Duration.ofSeconds(10));

        assertThat(millisSince(start)).isLessThan(3000);
        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(report.failure().map(Failure::reason).orElse(null)).isEqualTo(FailureReason.TIMEOUT);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null))
                .isEqualTo("no complete TLS handshake within 0.5 s");
    }

    @Test
    void handshakeCutOffByTheOverallDeadlineIsATimeoutThatSaysSo() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").reply("220 go ahead")
                .stall(Duration.ofSeconds(5)));

        AddressReport report = run(Duration.ofSeconds(10), true, Duration.ofMillis(1500));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(report.failure().map(Failure::reason).orElse(null)).isEqualTo(FailureReason.DEADLINE);
        assertThat(codes(report)).contains(FindingCode.SMTP_TIMEOUT).doesNotContain(FindingCode.TLS_HANDSHAKE_FAILED);
        // Not "within 1.4 s" as if the server were slow: the check's own deadline ended the wait.
        assertThat(report.failure().map(f -> f.detail()).orElse(null))
                .startsWith("overall deadline reached (-t) after waiting ").endsWith(" for the TLS handshake")
                .doesNotContain("within");
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void handshakeCutOffByTheStageTimeoutIsNotRetriedInPlainText() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").reply("220 go ahead")
                .stall(Duration.ofSeconds(2)));
        server.enqueue(Script.wellBehaved());

        AddressReport report = run(Duration.ofMillis(500), true, Duration.ofSeconds(10));

        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.relay().notRun().orElse(null)).isEqualTo(NotRunReason.SKIPPED_AFTER_FAILURE);
        assertThat(report.transcript()).noneMatch(l -> l.contains("reconnecting without TLS"));
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aReplyCutOffByTheOverallDeadlineSaysTheDeadlineWasReached() {
        server.enqueue(Script.script().stall(Duration.ofSeconds(5)));

        AddressReport report = run(Duration.ofSeconds(10), false, Duration.ofMillis(800));

        assertThat(report.failure().map(Failure::reason).orElse(null)).isEqualTo(FailureReason.DEADLINE);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null))
                .matches("overall deadline reached \\(-t\\) after waiting 0\\.[5-9] s for the greeting");
    }

    @Test
    void handshakeFailsWhenPlainTextArrivesDuringTheHandshake() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").reply("220 go ahead")
                .stall(Duration.ofMillis(300)).reply("500 5.5.1 this is not TLS").stall(Duration.ofSeconds(3)));

        AddressReport report = run(Duration.ofSeconds(2), false, Duration.ofSeconds(10));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).isNotBlank();
        assertThat(report.transcript()).anyMatch(l -> l.startsWith("== TLS handshake failed"));
    }

    @Test
    void requireTlsAdvertisedInsideTlsOnlyIsSeenAfterStartTls() {
        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls()).keywordsInTls("REQUIRETLS")
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.ehlo().seen().orElseThrow().has("REQUIRETLS")).isFalse();
        assertThat(report.ehloAfterTls().seen().orElseThrow().has("REQUIRETLS")).isTrue();
        dev.smtpmxcheck.core.policy.requiretls.RequireTlsJudge.Judged judged =
                dev.smtpmxcheck.core.policy.requiretls.RequireTlsJudge.judge("example.test",
                        List.of(dev.smtpmxcheck.core.testing.MxReports.mx(MX, 10, report)), null, null);
        assertThat(judged.facts().advertisedBy()).hasSize(1);
        assertThat(judged.finding().orElseThrow().code()).isEqualTo(FindingCode.REQUIRETLS_UNAVAILABLE);
        assertThat(judged.finding().orElseThrow().message()).contains("a sender cannot authenticate the MX hosts");
    }

    @Test
    void selfSignedAndExpiredChainsAreStillCaptured() {
        TestCertificates.Held leaf = TestCertificates.builder().commonName("localhost")
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
        server.enqueue(Script.wellBehaved(new Behaviour().tls(TestCertificates.serverContext(leaf))
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.tls().seen().orElse(null)).isNotNull();
        assertThat(inspected.get()).hasSize(1);
        assertThat(inspected.get()[0]).isEqualTo(leaf.certificate());
    }

    @Test
    void aLeafWhoseKeyUsageLacksDigitalSignatureStillCompletesTheHandshake() {
        // An old RSA certificate with keyEncipherment only: the handshake's signature uses the key all the same, and
        // senders that do not verify the certificate (OpenSSL, the JDK with a trust manager of its own) go on.
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).rsa(2048)
                .keyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment).build();
        server.enqueue(Script.wellBehaved(new Behaviour().tls(TestCertificates.serverContext(leaf))
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failure()).isEmpty();
        assertThat(inspected.get()[0]).isEqualTo(leaf.certificate());
    }

    @Test
    void aLeafSignedWithSha1StillCompletesTheHandshake() {
        // The certificate's own signature is the judgement's business (CERT_SHA1_SIGNATURE), not the handshake's:
        // senders that do not verify it go on.
        TestCertificates.Held ca = TestCertificates.builder().commonName("SHA1 CA").ca().rsa(2048).build();
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).rsa(2048).signedBy(ca)
                .signatureAlgorithm("SHA1withRSA").build();
        server.enqueue(Script.wellBehaved(new Behaviour().tls(TestCertificates.serverContext(leaf, ca.certificate()))
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failure()).isEmpty();
        assertThat(inspected.get()[0]).isEqualTo(leaf.certificate());
    }

    @Test
    void stalledStartTlsReplyIsATimeoutAtStartTls() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .send("250-" + MX + "\r\n250 STARTTLS\r\n").expect("STARTTLS").stall(Duration.ofSeconds(5)));

        AddressReport report = run(Duration.ofMillis(500), true, Duration.ofSeconds(10));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.STARTTLS);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("reply to STARTTLS");
    }

    @Test
    void stallOnRcptIsAFailureOfTheRelayProbeOnly() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").reply("250 " + MX)
                .expect("MAIL FROM").reply("250 2.1.0 Ok").expect("RCPT TO").stall(Duration.ofSeconds(5)));

        AddressReport report = run(Duration.ofMillis(500), true, Duration.ofSeconds(10));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.RELAY_PROBE);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("reply to RCPT TO");
        assertThat(report.relay().seen().orElse(null)).isNull();
        assertThat(report.acceptsSessions()).isTrue();
        assertThat(SmtpFindings.of(MX, report)).filteredOn(f -> f.code() == FindingCode.SMTP_TIMEOUT)
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            421 4.3.2 mx.test.example Service not available, closing transmission channel | GREETING_TEMPORARY_FAILURE
            451 4.3.0 mx.test.example Temporary local problem, try again later | GREETING_TEMPORARY_FAILURE
            554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org | GREETING_REJECTED
            521 mx.test.example does not accept mail | GREETING_UNEXPECTED
            250 not a greeting | GREETING_UNEXPECTED
            """)
    void refusingGreetingsEndPolitely(String greeting, FindingCode code) {
        server.enqueue(Script.script().reply(greeting).expect("QUIT").reply("221 bye"));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.GREETING);
        assertThat(report.failureCode().orElse(null)).isEqualTo(code);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains(greeting.substring(0, 3));
        assertThat(report.acceptsSessions()).isFalse();
        assertThat(server.receivedCommands()).containsExactly("QUIT");
        assertThat(codes(report)).containsExactly(code);
    }

    @Test
    void ehloRefusedThenHeloAccepted() {
        server.enqueue(Script.wellBehaved(new Behaviour().ehloReply("502 5.5.2 Error: command not recognized")
                .rcptReply("554 5.7.1 Relay access denied")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.ehlo().seen().orElseThrow().command()).isEqualTo("HELO");
        assertThat(report.ehlo().seen().orElseThrow().reply().code()).isEqualTo(250);
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(server.receivedCommands()).startsWith("EHLO probe.test.example", "HELO probe.test.example");
        List<Finding> findings = SmtpFindings.of(MX, report);
        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.EHLO_REJECTED);
        assertThat(findings.get(0).message()).contains("502 5.5.2");
    }

    @Test
    void ehloAndHeloRefused() {
        server.enqueue(Script.wellBehaved(new Behaviour().ehloReply("550 5.7.1 go away")
                .heloReply("550 5.7.1 go away too")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.HELO_REJECTED);
        assertThat(report.acceptsSessions()).isFalse();
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example", "HELO probe.test.example",
                "QUIT");
        assertThat(codes(report)).containsExactly(FindingCode.HELO_REJECTED);
    }

    @Test
    void ehloAnswered421IsTemporaryAndNoHeloFollows() {
        server.enqueue(Script.wellBehaved(new Behaviour().ehloReply("421 4.7.0 too many connections")));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SESSION_TEMPORARY_FAILURE);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).isEqualTo("answered 421 4.7.0 too many connections");
        assertThat(report.acceptsSessions()).isFalse();
        assertThat(FindingCode.SESSION_TEMPORARY_FAILURE.remediation(MX)).contains("EHLO name", "PTR");
        assertThat(SmtpFindings.of(MX, report)).extracting(Finding::message)
                .containsExactly("EHLO: answered 421 4.7.0 too many connections");
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example");
    }

    @Test
    void a421ToRcptEndsTheDialogueWithoutRset() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply("421 4.3.2 shutting down")));

        AddressReport report = run();

        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(dev.smtpmxcheck.core.report.RelayVerdict.INCONCLUSIVE);
        assertThat(server.receivedCommands()).doesNotContain("RSET").noneMatch(c -> c.startsWith("DATA"));
    }

    @Test
    void slowGreetingEndsAtTheDeadline() {
        server.enqueue(Script.script().stall(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        AddressReport report = run(Duration.ofSeconds(10), true, Duration.ofSeconds(1));

        assertThat(millisSince(start)).isLessThan(1500);
        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.GREETING);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("greeting");
        assertThat(report.totalMillis()).isBetween(900L, 1500L);
    }

    @Test
    void stalledEhloReplyEndsAtTheStageTimeout() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").stall(Duration.ofSeconds(10)));
        long start = System.nanoTime();

        AddressReport report = run(Duration.ofMillis(500), true, Duration.ofSeconds(10));

        assertThat(millisSince(start)).isLessThan(3000);
        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("reply to EHLO within 0.5 s");
    }

    @Test
    void drippingServerCannotExtendTheDeadline() {
        server.enqueue(Script.script().drip("220 " + "x".repeat(200) + "\r\n", Duration.ofMillis(50)));
        long start = System.nanoTime();

        AddressReport report = run(Duration.ofSeconds(10), true, Duration.ofSeconds(1));

        assertThat(millisSince(start)).isLessThan(1500);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.GREETING);
    }

    @Test
    void endlessMultiLineReplyIsAProtocolError() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").endlessContinuation(250));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("100 lines");
        assertThat(report.transcript()).hasSizeLessThanOrEqualTo(Transcript.MAX_LINES);
    }

    @Test
    void hugeLineIsAProtocolError() {
        server.enqueue(Script.script().send("220 " + "x".repeat(100_000) + "\r\n"));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.GREETING);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("longer than 4096 octets");
        assertThat(report.transcript()).allMatch(l -> l.length() <= Transcript.MAX_LINE_CHARS);
    }

    @Test
    void binaryGarbageIsAProtocolError() {
        server.enqueue(Script.script().send("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u00a1\u0003\u0003")
                .stall(Duration.ofSeconds(5)));

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.GREETING);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(codes(report)).containsExactly(FindingCode.SMTP_PROTOCOL_ERROR);
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(closedPort, Duration.ofSeconds(2), "probe.test.example",
                true, FROM, TO), inspector);

        AddressReport report = probe.probe(MX, InetAddress.getLoopbackAddress(), Deadline.after(Duration.ofSeconds(5)));

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.CONNECT);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.MX_UNREACHABLE);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).isEqualTo("connection refused");
        assertThat(report.connect().seen().orElse(null)).isNull();
        assertThat(report.port()).isEqualTo(closedPort);
        List<Finding> findings = SmtpFindings.of(MX, report);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).subject()).isEqualTo(MX + " [127.0.0.1]:" + closedPort);
        assertThat(findings.get(0).message()).isEqualTo("connect: connection refused");
    }

    // Not tried is no verdict on the server (it would be a lie to call it unreachable): the check ran out of time.
    @Test
    void deadlineAlreadyPassedMeansNoConnection() {
        AddressReport report = probe(Duration.ofSeconds(1), true).probe(MX, server.address(),
                Deadline.after(Duration.ofSeconds(-1)));

        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("deadline had passed");
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void openRelayIsDetectedAndNeverGetsData() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply("250 2.1.5 Ok")));

        AddressReport report = run();

        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.OPEN);
        assertThat(server.receivedCommands()).endsWith("RCPT TO:<" + TO + ">", "RSET", "QUIT");
        assertThat(server.receivedCommands()).noneMatch(c -> c.toUpperCase().startsWith("DATA")
                || c.toUpperCase().startsWith("BDAT"));
        List<Finding> findings = SmtpFindings.of(MX, report);
        assertThat(findings).extracting(Finding::code).contains(FindingCode.OPEN_RELAY);
        assertThat(findings).filteredOn(f -> f.code() == FindingCode.OPEN_RELAY).first()
                .satisfies(f -> assertThat(f.message()).contains("250 2.1.5 Ok"));
    }

    @Test
    void greylistingIsInconclusive() {
        server.enqueue(Script.wellBehaved(new Behaviour()
                .rcptReply("450 4.2.0 <relay-probe@example.net>: Recipient address rejected: Greylisted")));

        AddressReport report = run();

        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
        assertThat(codes(report)).contains(FindingCode.RELAY_TEST_INCONCLUSIVE);
    }

    @Test
    void mailFromRefusedSkipsRcpt() {
        server.enqueue(Script.wellBehaved(new Behaviour().mailReply("553 5.7.1 Sender address rejected")));

        AddressReport report = run();

        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
        assertThat(report.relay().seen().orElseThrow().rcptReply()).isNull();
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", "RSET", "QUIT");
    }

    @Test
    void relayProbeCanBeSwitchedOff() {
        server.enqueue(Script.wellBehaved());

        AddressReport report = run(Duration.ofSeconds(5), false, Duration.ofSeconds(10));

        assertThat(report.relay().seen().orElse(null)).isNull();
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example", "QUIT");
    }

    @Test
    void connectionResetMidDialogueIsConnectionLost() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").reset());

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_CONNECTION_LOST);
    }

    @Test
    void closeMidReplyIsConnectionLost() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").send("250-" + MX + "\r\n")
                .close());

        AddressReport report = run();

        assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.EHLO);
        assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.SMTP_CONNECTION_LOST);
        assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("closed the connection").contains("EHLO");
    }

    @Test
    void authBeforeTlsAndVersionLeakAreReported() {
        server.enqueue(Script.wellBehaved(new Behaviour().greeting("220 " + MX + " ESMTP Exim 4.96 Mon, 30 Nov 2026")
                .keywords("SIZE 52428800", "AUTH PLAIN LOGIN").rcptReply("550 5.7.1 relay not permitted")));

        AddressReport report = run();

        assertThat(report.greeting().seen().orElseThrow().software()).isEqualTo("Exim");
        assertThat(codes(report)).containsExactly(FindingCode.BANNER_VERSION_LEAK, FindingCode.STARTTLS_NOT_OFFERED,
                FindingCode.AUTH_OFFERED_WITHOUT_TLS);
    }

    @Test
    void probesIpv6Loopback() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        FakeSmtpServer six;
        try {
            six = new FakeSmtpServer(v6);
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        try (six) {
            six.enqueue(Script.wellBehaved(new Behaviour().rcptReply("554 5.7.1 Relay access denied")));
            SmtpProbe probe = new SmtpProbe(new ProbeSettings(six.port(), Duration.ofSeconds(5), "probe.test.example",
                    true, FROM, TO), inspector);

            AddressReport report = probe.probe(MX, v6, Deadline.after(Duration.ofSeconds(10)));

            assertThat(report.failedStage().orElse(null)).isNull();
            assertThat(report.address()).isEqualTo("::1");
            assertThat(SmtpFindings.of(MX, report)).first()
                    .satisfies(f -> assertThat(f.subject()).isEqualTo(MX + " [::1]:" + six.port()));
            six.assertNoDataSent();
        }
    }

    @Test
    void injectionThroughTheEhloNameIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(1),
                "probe\r\nDATA", true, FROM, TO), inspector))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(1),
                "probe.test.example", true, FROM, "x@example.net>\r\nDATA"), inspector))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(server.connectionCount()).isZero();
        assertThat(server.receivedCommands()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1                 | 192.0.2.1
            ::1                       | ::1
            2001:db8:0:0:0:0:0:1      | 2001:db8::1
            2001:DB8:0:0:1:0:0:1      | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1      | 2001:db8:0:1:1:1:1:1
            2001:0:0:1:0:0:0:1        | 2001:0:0:1::1
            0:0:0:0:0:0:0:0           | ::
            fe80:0:0:0:0:0:0:0        | fe80::
            """)
    void addressesAreShownInRfc5952Form(String in, String out) throws IOException {
        assertThat(dev.smtpmxcheck.core.report.Subjects.addressText(InetAddress.getByName(in))).isEqualTo(out);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
