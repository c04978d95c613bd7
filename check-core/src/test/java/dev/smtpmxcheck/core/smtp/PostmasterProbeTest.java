package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.PostmasterVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The postmaster probe (RFC 5321 §4.5.1) and the refusal of MAIL FROM, against the scripted server: the exact
 * commands, never DATA, and what the replies mean.
 */
class PostmasterProbeTest {
    private static final String MX = "mx.test.example";
    private static final String DOMAIN = "example.com";
    private static final String FROM = "relay-probe@example.org";
    private static final String TO = "relay-probe@example.net";
    private static final String POSTMASTER = "RCPT TO:<postmaster@" + DOMAIN + ">";
    private static final ChainInspector INSPECTOR = (protocol, suite, millis, name, chain) ->
            new TlsFacts(protocol, suite, millis, name, List.of(), TrustStatus.UNTRUSTED, "test CA", true);

    private FakeSmtpServer server;

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

    private AddressReport run(boolean relay, boolean postmaster, String domain) {
        ProbeSettings settings = new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example", relay,
                FROM, TO, false, domain, false, postmaster, domain);
        return new SmtpProbe(settings, INSPECTOR).probe(MX, server.address(), Deadline.after(Duration.ofSeconds(20)));
    }

    /** A server that refuses to relay and answers RCPT TO:&lt;postmaster@...&gt; with {@code postmasterReply}. */
    private static Behaviour relayRefusedPostmaster(String postmasterReply) {
        return new Behaviour().rcptReply((mail, rcpt) -> rcpt.equals(POSTMASTER) ? postmasterReply
                : "554 5.7.1 <" + TO + ">: Relay access denied");
    }

    private static List<FindingCode> codes(AddressReport report) {
        return SmtpFindings.of(MX, report).stream().map(Finding::code).toList();
    }

    @Test
    void followsTheRelayProbesRsetInTheSameSessionAndNeverSendsData() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster("250 2.1.5 Ok")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "RSET",
                "MAIL FROM:<" + FROM + ">", POSTMASTER, "RSET", "QUIT");
        assertThat(server.connectionCount()).isEqualTo(1);
        PostmasterFacts facts = report.postmaster().seen().orElseThrow();
        assertThat(facts.verdict()).isEqualTo(PostmasterVerdict.ACCEPTED);
        assertThat(facts.forwardPath()).isEqualTo("postmaster@" + DOMAIN);
        assertThat(report.takesMail()).isTrue();
        assertThat(codes(report)).doesNotContain(FindingCode.POSTMASTER_REJECTED,
                FindingCode.POSTMASTER_TEST_INCONCLUSIVE, FindingCode.MAIL_FROM_REJECTED);
    }

    @Test
    void withoutTheRelayProbeItFollowsEhlo() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster("250 2.1.5 Ok")));

        AddressReport report = run(false, true, DOMAIN);

        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", POSTMASTER, "RSET", "QUIT");
        assertThat(report.relay().notRun()).contains(NotRunReason.NOT_ASKED);
        assertThat(report.postmaster().isDone()).isTrue();
    }

    @Test
    void aPermanentRefusalOfThePostmasterIsAFindingQuotingTheReply() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster(
                "554 5.7.1 <postmaster@example.com>: Relay access denied")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(report.postmaster().seen().orElseThrow().verdict()).isEqualTo(PostmasterVerdict.REFUSED);
        assertThat(report.acceptsSessions()).isTrue();
        assertThat(report.takesMail()).isFalse();
        assertThat(SmtpFindings.of(MX, report)).filteredOn(f -> f.code() == FindingCode.POSTMASTER_REJECTED)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.message()).contains("RCPT TO:<postmaster@example.com>",
                            "554 5.7.1 <postmaster@example.com>: Relay access denied");
                });
        assertThat(server.receivedCommands()).endsWith(POSTMASTER, "RSET", "QUIT");
    }

    @Test
    void aTemporaryRefusalIsInconclusiveLikeGreylisting() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster("450 4.2.0 <postmaster@example.com>: Greylisted")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(report.postmaster().seen().orElseThrow().verdict())
                .isEqualTo(PostmasterVerdict.INCONCLUSIVE);
        assertThat(report.takesMail()).isTrue();
        assertThat(SmtpFindings.of(MX, report)).filteredOn(f -> f.code() == FindingCode.POSTMASTER_TEST_INCONCLUSIVE)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.message()).contains("450 4.2.0");
                });
    }

    @Test
    void mailFromRefusedForWantOfAuthenticationMeansNoMailFromTheInternet() {
        server.enqueue(Script.wellBehaved(new Behaviour().mailReply("530 5.7.0 Authentication required")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", "RSET", "MAIL FROM:<" + FROM + ">", "RSET", "QUIT");
        assertThat(report.mailFromRefusal()).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(530));
        assertThat(report.acceptsSessions()).isTrue();
        assertThat(report.takesMail()).isFalse();
        assertThat(codes(report)).contains(FindingCode.MAIL_FROM_REJECTED)
                .doesNotContain(FindingCode.RELAY_TEST_INCONCLUSIVE, FindingCode.POSTMASTER_TEST_INCONCLUSIVE);
        assertThat(SmtpFindings.of(MX, report)).filteredOn(f -> f.code() == FindingCode.MAIL_FROM_REJECTED)
                .singleElement().satisfies(f -> assertThat(f.message()).contains("530 5.7.0 Authentication required"));
    }

    @Test
    void mailFromRefusedWithoutThePostmasterProbeIsTheSameFinding() {
        server.enqueue(Script.wellBehaved(new Behaviour().mailReply("554 5.7.1 Access denied")));

        AddressReport report = run(true, false, DOMAIN);

        assertThat(report.postmaster().notRun()).contains(NotRunReason.NOT_ASKED);
        assertThat(codes(report)).contains(FindingCode.MAIL_FROM_REJECTED);
        assertThat(report.takesMail()).isFalse();
    }

    @Test
    void aRefusalOfTheProbesOwnSenderAddressIsNoVerdictOnEverySender() {
        server.enqueue(Script.wellBehaved(new Behaviour()
                .mailReply("550 5.1.8 <relay-probe@example.org>: Sender address rejected: Domain not found")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(report.mailFromRefusal()).isEmpty();
        assertThat(report.takesMail()).isTrue();
        assertThat(codes(report)).contains(FindingCode.RELAY_TEST_INCONCLUSIVE, FindingCode.POSTMASTER_TEST_INCONCLUSIVE)
                .doesNotContain(FindingCode.MAIL_FROM_REJECTED, FindingCode.POSTMASTER_REJECTED);
    }

    @Test
    void aHostCheckedWithoutADomainIsNotAsked() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster("250 2.1.5 Ok")));

        AddressReport report = run(true, true, null);

        assertThat(report.postmaster().notRun()).contains(NotRunReason.NO_DOMAIN);
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "RSET", "QUIT");
    }

    @Test
    void switchedOffItSendsNothing() {
        server.enqueue(Script.wellBehaved(relayRefusedPostmaster("250 2.1.5 Ok")));

        AddressReport report = run(true, false, DOMAIN);

        assertThat(report.postmaster().notRun()).contains(NotRunReason.NOT_ASKED);
        assertThat(server.receivedCommands()).noneMatch(c -> c.equals(POSTMASTER));
    }

    @Test
    void notRunAfterA421EndedTheRelayVariants() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply((mail, rcpt) -> mail.equals("MAIL FROM:<>")
                ? "421 4.7.0 too many errors" : "554 5.7.1 Relay access denied")));
        ProbeSettings settings = new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example", true,
                FROM, TO, true, DOMAIN, false, true, DOMAIN);

        AddressReport report = new SmtpProbe(settings, INSPECTOR).probe(MX, server.address(),
                Deadline.after(Duration.ofSeconds(20)));

        assertThat(report.postmaster().notRun()).contains(NotRunReason.SKIPPED_AFTER_FAILURE);
        assertThat(server.receivedCommands()).contains("MAIL FROM:<>").noneMatch(c -> c.equals(POSTMASTER));
    }

    @Test
    void notRunAfterA421EndedTheRelayProbe() {
        server.enqueue(Script.wellBehaved(new Behaviour().rcptReply("421 4.3.2 shutting down")));

        AddressReport report = run(true, true, DOMAIN);

        assertThat(report.postmaster().notRun()).contains(NotRunReason.SKIPPED_AFTER_FAILURE);
        assertThat(server.receivedCommands()).containsExactly("EHLO probe.test.example",
                "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">", "QUIT");
    }
}
