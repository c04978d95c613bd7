package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.relay.RelayForms;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deeper diagnostics against the scripted server: relay variants accepted or refused form by form, a server
 * vulnerable to STARTTLS command injection and a safe one, the ESMTP extension summary, a slow greeting.
 */
class SmtpDiagnosticsTest {
    private static final String MX = "mx.test.example";
    private static final String DOMAIN = "test.example";
    private static final String FROM = "relay-probe@example.org";
    private static final String TO = "relay-probe@example.net";
    private static final String REFUSED = "554 5.7.1 Relay access denied";

    private FakeSmtpServer server;
    private final ChainInspector inspector = (protocol, suite, millis, name, chain) ->
            new TlsFacts(protocol, suite, millis, name, List.of(), TrustStatus.TRUSTED, null, true);

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

    private AddressReport run(boolean variants, boolean injection) {
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example",
                true, FROM, TO, variants, DOMAIN, injection), inspector);
        return probe.probe(MX, server.address(), Deadline.after(Duration.ofSeconds(20)));
    }

    private static SSLContext serverTls() {
        TestCertificates.Held ca = TestCertificates.ca("Test CA");
        TestCertificates.Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(ca).build();
        return TestCertificates.serverContext(leaf, ca.certificate());
    }

    private List<Finding> findings(AddressReport report) {
        return DiagnosticFindings.of(Subjects.address(MX, report.address(), report.port()), report);
    }

    private static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    /** The form the probe will build for {@code variant} against the fake server. */
    private RelayForms.Form form(RelayVariant variant) {
        return RelayForms.variants(FROM, TO, DOMAIN, MX, server.address()).stream()
                .filter(f -> f.variant() == variant).findFirst().orElseThrow();
    }

    @Test
    void everyVariantRefusedIsNineMailRcptRsetPairsAndNoFinding() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED)));

        AddressReport report = run(true, false);

        List<RelayVariantFacts> variants = report.relay().seen().orElseThrow().variants();
        assertThat(variants).extracting(RelayVariantFacts::variant).containsExactly(RelayVariant.values());
        assertThat(variants).extracting(RelayVariantFacts::verdict).containsOnly(RelayVerdict.REFUSED);
        List<String> expected = new ArrayList<>(List.of("EHLO probe.test.example", "MAIL FROM:<" + FROM + ">",
                "RCPT TO:<" + TO + ">", "RSET"));
        for (RelayVariant v : RelayVariant.values()) {
            RelayForms.Form f = form(v);
            expected.addAll(List.of("MAIL FROM:<" + f.reversePath() + ">", "RCPT TO:<" + f.forwardPath() + ">", "RSET"));
        }
        expected.add("QUIT");
        assertThat(server.receivedCommands()).containsExactlyElementsOf(expected);
        assertThat(codes(findings(report))).doesNotContain(FindingCode.RELAY_VARIANT_ACCEPTED);
    }

    @ParameterizedTest
    @EnumSource(RelayVariant.class)
    void aServerThatFallsForOneFormIsReportedForThatFormOnly(RelayVariant variant) {
        RelayForms.Form weak = form(variant);
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply((mail, rcpt) ->
                mail.equals("MAIL FROM:<" + weak.reversePath() + ">") && rcpt.equals("RCPT TO:<" + weak.forwardPath() + ">")
                        ? "250 2.1.5 Ok" : REFUSED)));

        AddressReport report = run(true, false);

        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(report.relay().seen().orElseThrow().variants()).filteredOn(RelayVariantFacts::accepted)
                .extracting(RelayVariantFacts::variant).containsExactly(variant);
        List<Finding> findings = findings(report);
        assertThat(findings).filteredOn(f -> f.code() == FindingCode.RELAY_VARIANT_ACCEPTED).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.message()).startsWith("1 of 9 relay-test address forms accepted: "
                            + variant.description() + " (MAIL FROM:<" + weak.reversePath() + "> RCPT TO:<"
                            + weak.forwardPath() + ">: \"250 2.1.5 Ok\")");
                });
    }

    @Test
    void variantsNotTriedWhenTooLittleTimeIsLeft() {
        // Each reply of the basic relay exchange comes after 400 ms: one more pair needs more than the 3 s deadline
        // leaves, so none is tried (a slower machine only leaves less time).
        Duration slow = Duration.ofMillis(400);
        server.enqueue(Script.script().reply("220 mx.test.example ESMTP").expect("EHLO").reply("250 mx.test.example")
                .expect("MAIL").stall(slow).reply("250 2.1.0 Ok").expect("RCPT").stall(slow).reply(REFUSED)
                .expect("RSET").stall(slow).reply("250 2.0.0 Ok").expect("QUIT").reply("221 2.0.0 Bye"));
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(2), "probe.test.example",
                true, FROM, TO, true, DOMAIN, false), inspector);

        AddressReport report = probe.probe(MX, server.address(), Deadline.after(Duration.ofSeconds(3)));

        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(report.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(report.relay().seen().orElseThrow().variants()).hasSize(RelayVariant.values().length).allSatisfy(v -> {
            assertThat(v.verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
            assertThat(v.mailReply()).isNull();
            assertThat(v.reason()).isEqualTo("not tried: too little time left before the deadline");
        });
        assertThat(server.receivedCommands()).filteredOn(c -> c.startsWith("MAIL")).hasSize(1);
        assertThat(codes(findings(report))).doesNotContain(FindingCode.RELAY_VARIANT_ACCEPTED);
    }

    @Test
    void variantsAreOptIn() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED)));

        AddressReport report = run(false, false);

        assertThat(report.relay().seen().orElseThrow().variants()).isNull();
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example", "MAIL FROM:<" + FROM + ">",
                "RCPT TO:<" + TO + ">", "RSET", "QUIT");
    }

    @Test
    void a421DuringTheVariantsStopsThemWithoutFailingTheProbe() {
        RelayForms.Form third = form(RelayVariant.SENDER_AT_HOST);
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply((mail, rcpt) ->
                mail.equals("MAIL FROM:<" + third.reversePath() + ">") ? "421 4.7.0 Too many errors" : REFUSED)));

        AddressReport report = run(true, false);

        assertThat(report.failedStage().orElse(null)).isNull();
        List<RelayVariantFacts> variants = report.relay().seen().orElseThrow().variants();
        assertThat(variants).hasSize(RelayVariant.values().length);
        assertThat(variants.get(2).verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
        assertThat(variants.get(2).rcptReply().code()).isEqualTo(421);
        assertThat(variants.subList(3, variants.size())).allSatisfy(v -> {
            assertThat(v.mailReply()).isNull();
            assertThat(v.reason()).isEqualTo("not tried: the server closed the session (421)");
        });
        assertThat(server.receivedCommands()).filteredOn(c -> c.startsWith("MAIL")).hasSize(4);
    }

    @Test
    void aServerThatRunsTheInjectedCommandInsideTlsIsVulnerable() {
        Behaviour vulnerable = new Behaviour().tls(serverTls()).rcptReply(REFUSED).injectionVulnerable();
        server.enqueue(Script.wellBehaved(vulnerable)).enqueue(Script.wellBehaved(vulnerable));

        AddressReport report = run(false, true);

        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(report.starttlsInjection().seen().orElseThrow().verdict()).isEqualTo(StartTlsInjectionVerdict.VULNERABLE);
        assertThat(report.starttlsInjection().seen().orElseThrow().firstReplyInTls().code()).isEqualTo(250);
        assertThat(report.starttlsInjection().seen().orElseThrow().injected()).isEqualTo("NOOP");
        assertThat(findings(report)).filteredOn(f -> f.code() == FindingCode.STARTTLS_COMMAND_INJECTION).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
        // The second connection: STARTTLS and NOOP arrived together, QUIT came inside TLS.
        List<String> commands = server.receivedCommands();
        int second = commands.lastIndexOf("EHLO probe.test.example");
        assertThat(commands.subList(second, commands.size())).startsWith("EHLO probe.test.example", "STARTTLS", "NOOP",
                "QUIT");
        assertThat(report.transcript()).contains("C: STARTTLS", "C: NOOP");
    }

    @Test
    void aServerThatDiscardsTheInjectedCommandIsNotVulnerable() {
        Behaviour safe = new Behaviour().tls(serverTls()).rcptReply(REFUSED);
        server.enqueue(Script.wellBehaved(safe)).enqueue(Script.wellBehaved(safe));

        AddressReport report = run(false, true);

        assertThat(report.starttlsInjection().seen().orElseThrow().verdict()).isEqualTo(StartTlsInjectionVerdict.NOT_VULNERABLE);
        assertThat(report.starttlsInjection().seen().orElseThrow().firstReplyInTls().code()).isEqualTo(221);
        assertThat(codes(findings(report))).doesNotContain(FindingCode.STARTTLS_COMMAND_INJECTION);
        assertThat(report.failedStage().orElse(null)).isNull();
    }

    @Test
    void noInjectionTestWithoutTlsOrWhenTurnedOff() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED)));

        assertThat(run(false, true).starttlsInjection().seen().orElse(null)).isNull();
        assertThat(server.connectionCount()).isEqualTo(1);

        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls()).rcptReply(REFUSED)));

        assertThat(run(false, false).starttlsInjection().seen().orElse(null)).isNull();
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aTestConnectionThatIsRefusedIsInconclusiveAndNoFinding() {
        // Only one script: the server closes the second connection at once.
        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls()).rcptReply(REFUSED)));

        AddressReport report = run(false, true);

        assertThat(report.starttlsInjection().seen().orElseThrow().verdict()).isEqualTo(StartTlsInjectionVerdict.INCONCLUSIVE);
        assertThat(report.starttlsInjection().seen().orElseThrow().reason()).startsWith("the test connection failed");
        assertThat(report.failedStage().orElse(null)).isNull();
        assertThat(codes(findings(report))).doesNotContain(FindingCode.STARTTLS_COMMAND_INJECTION);
    }

    @Test
    void extensionsAreReadFromTheEhloInsideTls() {
        server.enqueue(Script.wellBehaved(new Behaviour().tls(serverTls()).rcptReply(REFUSED)
                .keywords("PIPELINING", "SIZE 52428800", "8BITMIME", "SMTPUTF8", "CHUNKING", "REQUIRETLS")));

        AddressReport report = run(false, false);

        assertThat(report.extensions().seen().orElse(null)).isEqualTo(new EsmtpExtensions(true, true, true, true, true, true, true, 52428800L));
        assertThat(findings(report)).isEmpty();
        assertThat(report.extensions().seen().orElseThrow().summary())
                .isEqualTo("PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, REQUIRETLS, SIZE 52428800");
    }

    @Test
    void aSmallSizeLimitAndMissing8BitMimeAreFindings() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED).keywords("SIZE 500000")));

        AddressReport report = run(false, false);

        assertThat(report.extensions().seen().orElse(null)).isEqualTo(new EsmtpExtensions(false, false, false, false, false, false, true, 500000L));
        List<Finding> findings = findings(report);
        assertThat(codes(findings)).containsExactly(FindingCode.SIZE_LIMIT_SMALL, FindingCode.EIGHTBITMIME_NOT_OFFERED);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).message()).isEqualTo("the EHLO reply announces SIZE 500000: messages above 488 KiB"
                + " are refused (under 1 MiB refuses ordinary mail)");
        assertThat(findings.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(report.extensions().seen().orElseThrow().summary()).isEqualTo(
                "no PIPELINING, no CHUNKING, no 8BITMIME, no SMTPUTF8, no REQUIRETLS, SIZE 500000");
    }

    @Test
    void sizeWithoutALimitIsNoFindingAndHeloHasNoExtensions() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED).keywords("SIZE", "8BITMIME")));

        AddressReport report = run(false, false);

        assertThat(report.extensions().seen().orElseThrow().size()).isTrue();
        assertThat(report.extensions().seen().orElseThrow().sizeLimit()).isNull();
        assertThat(findings(report)).isEmpty();

        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply(REFUSED).ehloReply("502 5.5.2 no EHLO here")));

        AddressReport helo = run(false, false);

        assertThat(helo.ehlo().seen().orElseThrow().command()).isEqualTo("HELO");
        assertThat(helo.extensions().seen().orElse(null)).isNull();
        assertThat(findings(helo)).isEmpty();
    }

    @Test
    void aSlowGreetingAlertsThroughTheGreetingRange() {
        server.enqueue(Script.script().stall(Duration.ofMillis(700)).reply("220 mx.test.example ESMTP")
                .behave(new Behaviour().rcptReply(REFUSED)));

        AddressReport report = run(false, false);

        assertThat(report.greeting().seen().orElseThrow().millis()).isGreaterThanOrEqualTo(600);
        List<Finding> slow = TimingFindings.of("s", report, TimingFindings.Thresholds.NONE,
                new TimingFindings.Thresholds(Range.parse("0.3"), Range.parse("60")), TimingFindings.Thresholds.NONE);
        assertThat(slow).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.SLOW_RESPONSE);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).startsWith("greeting after 0.").endsWith(" s (warning range 0.3)");
        });
    }
}
