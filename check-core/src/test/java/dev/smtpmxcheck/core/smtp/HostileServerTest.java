package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import dev.smtpmxcheck.core.tls.TlsInspector;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that does not play by the rules cannot make the probe hang, crash, grow without bound, or send DATA.
 * Every scenario runs the real {@link SmtpProbe} with the real {@link TlsInspector} against the scripted
 * {@link FakeSmtpServer}, and asserts the stage and finding code, that the probe returned by its deadline (plus
 * {@link #MARGIN_MILLIS}), and (after each test) that no DATA or BDAT was received.
 */
class HostileServerTest {
    private static final String MX = "mx.test.example";
    private static final String EHLO = "probe.test.example";
    private static final String FROM = "relay-probe@example.org";
    private static final String TO = "relay-probe@example.net";

    /**
     * How far past its deadline a probe may return: the watchdog's grace
     * ({@value TimeBudget#SOCKET_CLOSE_GRACE_MILLIS} ms)
     * plus scheduling on a loaded test machine.
     */
    private static final long MARGIN_MILLIS = TimeBudget.SOCKET_CLOSE_GRACE_MILLIS + 400;

    private FakeSmtpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeSmtpServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        server.assertNoDataSent();
        assertThat(server.receivedCommands()).noneMatch(c -> c.toUpperCase(Locale.ROOT).startsWith("DATA")
                || c.toUpperCase(Locale.ROOT).startsWith("BDAT"));
    }

    /** The probe's result and how long it took. */
    private record Outcome(AddressReport report, long millis) {
        List<FindingCode> codes() {
            return findings().stream().map(Finding::code).toList();
        }

        List<Finding> findings() {
            return SmtpFindings.of(MX, report);
        }

        /** The finding of the failure; its message names the stage ("greeting: ...", "TLS handshake: ..."). */
        Finding failure() {
            return findings().stream().filter(f -> f.code() == report.failureCode().orElse(null)).findFirst().orElseThrow();
        }
    }

    private Outcome probe(Duration stageTimeout, Duration deadline) {
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), stageTimeout, EHLO, true, FROM, TO),
                new TlsInspector(null, Clock.systemUTC())::inspect);
        long start = System.nanoTime();
        AddressReport report = probe.probe(MX, server.address(), Deadline.after(deadline));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("returned by the deadline plus the margin").isLessThanOrEqualTo(
                deadline.toMillis() + MARGIN_MILLIS);
        assertThat(report.transcript()).hasSizeLessThanOrEqualTo(Transcript.MAX_LINES)
                .allMatch(l -> l.length() <= Transcript.MAX_LINE_CHARS);
        return new Outcome(report, millis);
    }

    /** Stage timeout 1 s, deadline 3 s: short enough for a quick suite, long enough for a loaded machine. */
    private Outcome probe() {
        return probe(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private static void assertFailure(Outcome o, ProbeStage stage, FindingCode code) {
        assertThat(o.report().failedStage().orElse(null)).as("failed stage; %s; transcript %s", o.report().failure().map(f -> f.detail()).orElse(null), o.report().transcript())
                .isEqualTo(stage);
        assertThat(o.report().failureCode().orElse(null)).as("failure code; %s", o.report().failure().map(f -> f.detail()).orElse(null)).isEqualTo(code);
        assertThat(o.failure().message()).startsWith(SmtpFindings.stageName(stage) + ": ");
    }

    private static String ehloWithStartTls() {
        return "250-" + MX + "\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
    }

    private static SSLContext tls() {
        TestCertificates.Held ca = TestCertificates.ca("Hostile Test CA");
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(ca).build();
        return TestCertificates.serverContext(leaf, ca.certificate());
    }

    // --- timing -------------------------------------------------------------------------------------------------

    @Test
    void greetingSlowerThanTheDeadlineEndsAtTheDeadline() {
        server.enqueue(Script.script().stall(Duration.ofSeconds(10)));

        Outcome o = probe(Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_TIMEOUT);
        assertThat(o.millis()).isGreaterThanOrEqualTo(1900);
    }

    @Test
    void greetingSlowerThanTheStageTimeoutEndsAtTheStageTimeout() {
        server.enqueue(Script.script().stall(Duration.ofSeconds(10)));

        Outcome o = probe(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_TIMEOUT);
        assertThat(o.millis()).isBetween(900L, 1000L + MARGIN_MILLIS);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains("greeting within 1");
    }

    @Test
    void greetingJustUnderTheStageTimeoutIsAccepted() {
        server.enqueue(Script.script().stall(Duration.ofMillis(1400))
                .reply("220 " + MX + " ESMTP slow but fine").behave(new Behaviour().rcptReply("554 5.7.1 no")));

        Outcome o = probe(Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThat(o.report().failedStage().orElse(null)).isNull();
        assertThat(o.report().greeting().seen().orElseThrow().millis()).isGreaterThanOrEqualTo(1300);
        assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
    }

    @Test
    void serverDrippingOneOctetPerSecondCannotStretchTheDeadline() {
        server.enqueue(Script.script().drip("220 " + MX + " ESMTP\r\n", Duration.ofSeconds(1)));

        Outcome o = probe(Duration.ofSeconds(10), Duration.ofMillis(2500));

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_TIMEOUT);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains("overall deadline reached");
    }

    @Test
    void serverDrippingEhloKeywordsCannotStretchTheDeadline() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO")
                .drip(ehloWithStartTls(), Duration.ofMillis(300)));

        Outcome o = probe(Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertFailure(o, ProbeStage.EHLO, FindingCode.SMTP_TIMEOUT);
    }

    // --- size ---------------------------------------------------------------------------------------------------

    @Test
    void endlessMultiLineGreetingStopsAtTheLineLimit() {
        server.enqueue(Script.script().endlessContinuation(220));

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains(ReplyReader.MAX_REPLY_LINES + " lines");
    }

    @Test
    void endlessMultiLineEhloReplyStopsAtTheLineLimit() {
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").endlessContinuation(250));

        Outcome o = probe();

        assertFailure(o, ProbeStage.EHLO, FindingCode.SMTP_PROTOCOL_ERROR);
    }

    @Test
    void longLinesStopAtTheReplySizeLimit() {
        // 20 lines of 4000 octets: each line is within the line limit, the reply is not.
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            reply.append("250-").append("k".repeat(4000)).append("\r\n");
        }
        server.enqueue(Script.script().reply("220 " + MX + " ESMTP").expect("EHLO").send(reply.toString())
                .stall(Duration.ofSeconds(5)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.EHLO, FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains(ReplyReader.MAX_REPLY_OCTETS + " octets");
    }

    @Test
    void aGreetingLineOfTwoMegabytesIsAProtocolErrorAfterAtMostOneLineLimit() {
        server.enqueue(Script.script().send("220 " + "x".repeat(2 * 1024 * 1024) + "\r\n"));

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains("longer than " + ReplyReader.MAX_LINE_OCTETS + " octets");
    }

    // --- not SMTP -----------------------------------------------------------------------------------------------

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("a TLS ClientHello", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u00a1\u0003\u0003"),
                Arguments.of("an HTTP answer", "HTTP/1.1 400 Bad Request\r\n"),
                Arguments.of("an SSH banner", "SSH-2.0-OpenSSH_9.2p1\r\n"),
                Arguments.of("NUL octets", "220 mx\u0000\u0000\u0000\r\n"),
                Arguments.of("an escape sequence", "220 mx \u001b[2J\u001b[31mhacked\r\n"),
                Arguments.of("a code out of range", "999 nine nine nine\r\n"),
                Arguments.of("a code without separator", "220xmx ESMTP\r\n"),
                Arguments.of("random octets", "\u00ff\u00fe\u0000\u0001\u007f\u0080\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageInsteadOfAGreetingIsAProtocolError(String what, String garbage) {
        server.enqueue(Script.script().send(garbage).stall(Duration.ofSeconds(5)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_PROTOCOL_ERROR);
        assertThat(o.report().transcript()).noneMatch(l -> l.chars().anyMatch(c -> c < 0x20 && c != '\t'));
    }

    @Test
    void aC1ControlInAnEightBitBannerIsShownEscapedNeverPassedOn() {
        // Found by SmtpParsersFuzzTest#replyReader (seed c1-control-in-eight-bit-text): 0x9B is CSI in 8-bit terminals.
        server.enqueue(Script.wellBehaved(new Behaviour().greeting("220 m\u00e4il.example ESMTP \u009b31mGr\u00fc\u00dfe")
                .rcptReply("554 5.7.1 no")));

        Outcome o = probe();

        assertThat(o.report().greeting().seen().orElseThrow().reply().lines().get(0)).isEqualTo("m\u00e4il.example ESMTP \\x9B31mGr\u00fc\u00dfe");
        assertThat(o.report().transcript()).noneMatch(l -> l.chars().anyMatch(c -> c >= 0x80 && c <= 0x9f));
    }

    @Test
    void aGreetingWithoutLineEndIsATimeoutNotAHang() {
        server.enqueue(Script.script().send("220 " + MX + " ESMTP but no CRLF").stall(Duration.ofSeconds(10)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_TIMEOUT);
        assertThat(o.report().transcript()).anyMatch(l -> l.contains("no CRLF") && l.endsWith("[incomplete]"));
    }

    @Test
    void aGreetingWithoutLineEndThenCloseIsConnectionLost() {
        server.enqueue(Script.script().send("220 " + MX + " ESMTP but no CRLF").close());

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_CONNECTION_LOST);
    }

    @Test
    void bareCarriageReturnsAreAProtocolError() {
        server.enqueue(Script.script().send("220 " + MX + " ESMTP\r250 more\r").stall(Duration.ofSeconds(5)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "RCPT answered \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            2x0 Ok   | SMTP_PROTOCOL_ERROR
            25 Ok    | SMTP_PROTOCOL_ERROR
            600 Ok   | SMTP_PROTOCOL_ERROR
            250Ok    | SMTP_PROTOCOL_ERROR
            ''       | SMTP_PROTOCOL_ERROR
            250-Ok   | SMTP_TIMEOUT
            """)
    void malformedRcptReplyIsAFailureOfTheRelayProbeNeverAnOpenRelay(String rcptReply, FindingCode code) {
        // "250-Ok" announces more lines that never come: the reply is incomplete, a timeout.
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(rcptReply)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.RELAY_PROBE, code);
        assertThat(o.report().relay().seen().orElse(null)).isNull();
        assertThat(o.codes()).doesNotContain(FindingCode.OPEN_RELAY);
    }

    // --- connection reset and 421 at every stage -----------------------------------------------------------------

    /** Where in the dialogue the server acts. */
    enum At { GREETING, EHLO, STARTTLS, TLS_HANDSHAKE, EHLO_AFTER_TLS, MAIL, RCPT, RSET, QUIT }

    /** The dialogue of a healthy server with STARTTLS, cut at {@code at}, where {@code act} takes over. */
    private static Script dialogueUntil(At at, SSLContext tls, Function<Script, Script> act) {
        Script s = Script.script();
        if (at == At.GREETING) {
            return act.apply(s);
        }
        s.reply("220 " + MX + " ESMTP").expect("EHLO");
        if (at == At.EHLO) {
            return act.apply(s);
        }
        s.send(ehloWithStartTls()).expect("STARTTLS");
        if (at == At.STARTTLS) {
            return act.apply(s);
        }
        s.reply("220 2.0.0 Ready to start TLS");
        if (at == At.TLS_HANDSHAKE) {
            return act.apply(s);
        }
        s.startTls(tls).expect("EHLO");
        if (at == At.EHLO_AFTER_TLS) {
            return act.apply(s);
        }
        s.send("250-" + MX + "\r\n250 PIPELINING\r\n").expect("MAIL FROM");
        if (at == At.MAIL) {
            return act.apply(s);
        }
        s.reply("250 2.1.0 Ok").expect("RCPT TO");
        if (at == At.RCPT) {
            return act.apply(s);
        }
        s.reply("554 5.7.1 Relay access denied").expect("RSET");
        if (at == At.RSET) {
            return act.apply(s);
        }
        s.reply("250 2.0.0 Ok").expect("QUIT");
        return act.apply(s);
    }

    @ParameterizedTest
    @EnumSource(At.class)
    void connectionResetAtEveryStage(At at) {
        server.enqueue(dialogueUntil(at, tls(), Script::reset));

        Outcome o = probe();

        switch (at) {
            case GREETING -> {
                // A reset that races the end of the TCP handshake fails the connect itself.
                if (o.report().failedStage().orElse(null) == ProbeStage.CONNECT) {
                    assertFailure(o, ProbeStage.CONNECT, FindingCode.MX_UNREACHABLE);
                    assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).containsIgnoringCase("reset");
                } else {
                    assertFailure(o, ProbeStage.GREETING, FindingCode.SMTP_CONNECTION_LOST);
                }
            }
            case EHLO -> assertFailure(o, ProbeStage.EHLO, FindingCode.SMTP_CONNECTION_LOST);
            case STARTTLS -> assertFailure(o, ProbeStage.STARTTLS, FindingCode.SMTP_CONNECTION_LOST);
            case TLS_HANDSHAKE -> assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
            case EHLO_AFTER_TLS -> {
                // TLS ended before the first reply inside it: for a sender that is TLS failing (see SmtpProbe).
                assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
                assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).contains("right after the handshake");
            }
            case MAIL, RCPT -> assertFailure(o, ProbeStage.RELAY_PROBE, FindingCode.SMTP_CONNECTION_LOST);
            case RSET -> {
                // The verdict was in before RSET: it stays, the lost connection is a warning of the probe.
                assertFailure(o, ProbeStage.RELAY_PROBE, FindingCode.SMTP_CONNECTION_LOST);
                assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
            }
            case QUIT -> {
                // A missing 221 is no finding (RFC 5321 §4.1.1.10 asks nothing more of the client).
                assertThat(o.report().failedStage().orElse(null)).isNull();
                assertThat(o.codes()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = At.class, names = {"GREETING", "EHLO", "STARTTLS", "EHLO_AFTER_TLS", "MAIL", "RCPT", "RSET",
            "QUIT"})
    void serviceClosing421AtEveryStage(At at) {
        // RFC 5321 §3.8: 421 and the server closes the channel; the client must not go on talking.
        server.enqueue(dialogueUntil(at, tls(), s -> s.reply("421 4.3.2 " + MX + " shutting down").close()));

        Outcome o = probe();

        List<String> sent = server.receivedCommands();
        switch (at) {
            case GREETING -> assertFailure(o, ProbeStage.GREETING, FindingCode.GREETING_TEMPORARY_FAILURE);
            case EHLO -> assertFailure(o, ProbeStage.EHLO, FindingCode.SESSION_TEMPORARY_FAILURE);
            case STARTTLS -> {
                assertFailure(o, ProbeStage.STARTTLS, FindingCode.SESSION_TEMPORARY_FAILURE);
                assertThat(sent).last().isEqualTo("STARTTLS");
                assertThat(o.report().acceptsSessions()).isFalse();
            }
            case EHLO_AFTER_TLS -> {
                assertFailure(o, ProbeStage.EHLO_AFTER_TLS, FindingCode.SESSION_TEMPORARY_FAILURE);
                assertThat(sent).last().isEqualTo("EHLO " + EHLO);
                assertThat(o.report().acceptsSessions()).isFalse();
            }
            case MAIL, RCPT -> {
                assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
                assertThat(o.codes()).containsExactly(FindingCode.RELAY_TEST_INCONCLUSIVE);
                assertThat(sent).doesNotContain("RSET");
            }
            case RSET, QUIT -> {
                assertThat(o.report().failedStage().orElse(null)).isNull();
                assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
                assertThat(o.codes()).isEmpty();
            }
            default -> throw new AssertionError(at);
        }
    }

    // --- EHLO and STARTTLS ----------------------------------------------------------------------------------------

    @Test
    void ehloRefusedThenHeloRefused() {
        server.enqueue(Script.wellBehaved(new Behaviour().ehloReply("550 5.7.1 no EHLO for you")
                .heloReply("550 5.7.1 no HELO either")));

        Outcome o = probe();

        assertFailure(o, ProbeStage.EHLO, FindingCode.HELO_REJECTED);
        assertThat(server.receivedCommands()).containsExactly("EHLO " + EHLO, "HELO " + EHLO, "QUIT");
    }

    @Test
    void startTlsAdvertisedThen454IsAFindingAndThePlainTextDialogueGoesOn() {
        server.enqueue(Script.wellBehaved(new Behaviour().starttls("454 4.7.0 TLS not available")
                .rcptReply("554 5.7.1 Relay access denied")));

        Outcome o = probe();

        assertThat(o.report().failedStage().orElse(null)).isNull();
        assertThat(o.codes()).containsExactly(FindingCode.STARTTLS_REJECTED);
        assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
    }

    @Test
    void startTlsAcceptedThenGarbageInsteadOfAHandshake() {
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, null,
                s -> s.send("\u0016\u0003\u0003\u0000\u0007garbage\u0015\u0003\u0003\u0000\u0002\u0002\u0050")
                        .stall(Duration.ofSeconds(5))));

        Outcome o = probe();

        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(o.report().tls().seen().orElse(null)).isNull();
    }

    @Test
    void startTlsAcceptedThenAPlainTextAnswer() {
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, null,
                s -> s.stall(Duration.ofMillis(200)).reply("250 still plain text").stall(Duration.ofSeconds(5))));

        Outcome o = probe();

        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
    }

    @Test
    void startTlsAcceptedThenClose() {
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, null, Script::close));

        Outcome o = probe();

        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
    }

    @Test
    void startTlsAcceptedThenSilence() {
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, null, s -> s.stall(Duration.ofSeconds(10))));

        Outcome o = probe(Duration.ofSeconds(1), Duration.ofSeconds(3));

        // Cut off by the stage timeout: a timeout, not a TLS failure, and no plain-text retry for the relay probe.
        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.SMTP_TIMEOUT);
        assertThat(o.failure().message()).matches("TLS handshake: no complete TLS handshake within 1(\\.[0-9])? s");
        assertThat(o.codes()).doesNotContain(FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aServerThatDemandsAClientCertificateFailsTheHandshakeWithAFinding() {
        SSLContext tls = tls();
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, tls, s -> s.startTlsRequiringClientCertificate(tls)));

        Outcome o = probe();

        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(o.report().failure().map(f -> f.detail()).orElse(null)).containsIgnoringCase("certificate");
    }

    @Test
    void aServerThatAsksForAClientCertificateGetsNoneAndTheDialogueGoesOn() {
        SSLContext tls = tls();
        server.enqueue(dialogueUntil(At.TLS_HANDSHAKE, tls, s -> s.startTlsAskingForClientCertificate(tls)
                .behave(new Behaviour().rcptReply("554 5.7.1 Relay access denied"))));

        Outcome o = probe();

        assertThat(o.report().failedStage().orElse(null)).isNull();
        assertThat(o.report().tls().seen().orElse(null)).isNotNull();
        assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
    }

    // --- certificates ---------------------------------------------------------------------------------------------

    @Test
    void aChainOfTwentyCertificatesEndsWithinTheDeadline() {
        TestCertificates.Held issuer = TestCertificates.ca("Hostile Root");
        List<X509Certificate> intermediates = new ArrayList<>();
        intermediates.add(issuer.certificate());
        for (int i = 1; i < 19; i++) {
            issuer = TestCertificates.builder().commonName("Hostile Intermediate " + i).ca().signedBy(issuer).build();
            intermediates.add(0, issuer.certificate());
        }
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(issuer).build();
        SSLContext tls = TestCertificates.serverContext(leaf, intermediates.toArray(X509Certificate[]::new));
        server.enqueue(Script.wellBehaved(new Behaviour().tls(tls).rcptReply("554 5.7.1 no")));

        Outcome o = probe();

        // OpenSSL, and so most senders, take it (they count octets, not certificates); so does the probe, up to 100
        // certificates, and the chain is judged.
        assertThat(o.report().failure()).isEmpty();
        assertThat(o.report().tls().seen().orElseThrow().chain()).hasSize(20);
    }

    @Test
    void aCertificateWithAHugeSanListEndsWithinTheDeadline() {
        TestCertificates.Held ca = TestCertificates.ca("Hostile SAN CA");
        TestCertificates.Builder b = TestCertificates.builder().commonName(MX).signedBy(ca);
        for (int i = 0; i < 5000; i++) {
            b.dnsName("name" + i + ".san.test.example");
        }
        b.dnsName(MX);
        server.enqueue(Script.wellBehaved(new Behaviour().tls(TestCertificates.serverContext(b.build(),
                ca.certificate())).rcptReply("554 5.7.1 no")));

        Outcome o = probe();

        // About 150 KB of certificate: beyond 100 KiB, OpenSSL's limit and the probe's, the handshake fails with a
        // finding, not a crash.
        assertFailure(o, ProbeStage.TLS_HANDSHAKE, FindingCode.TLS_HANDSHAKE_FAILED);
    }

    // --- relay -----------------------------------------------------------------------------------------------------

    @Test
    void aServerThatAcceptsEverythingIsAnOpenRelayAndStillGetsNoData() {
        server.enqueue(Script.wellBehaved(new Behaviour().keywords("PIPELINING", "CHUNKING", "BINARYMIME")
                .mailReply("250 2.1.0 sure").rcptReply("250 2.1.5 anything you like")));

        Outcome o = probe();

        assertThat(o.report().relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.OPEN);
        assertThat(o.codes()).contains(FindingCode.OPEN_RELAY);
        assertThat(server.receivedCommands()).containsExactly("EHLO " + EHLO, "MAIL FROM:<" + FROM + ">",
                "RCPT TO:<" + TO + ">", "RSET", "QUIT");
    }
}
