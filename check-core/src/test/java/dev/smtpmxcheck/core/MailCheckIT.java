package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJsonMapper;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facts the core records, checked against the real Postfix and nsd of the lab ({@code lab/README.md}):
 * the report must say what the servers really did, not only reach the right state. Runs inside the
 * namespace {@code smtpmxlab} through {@code lab/test-all}.
 */
class MailCheckIT {

    private static CheckOptions options;

    @BeforeAll
    static void lab() {
        Path ca = Path.of("..", "lab", "run", "ca.pem").toAbsolutePath().normalize();
        assertThat(Files.isReadable(ca)).as("the lab is not up (no %s): run lab/lab.sh up, or lab/test-all", ca)
                .isTrue();
        options = CheckOptions.defaults().withDnsServers(List.of("127.0.0.2")).withCaFile(ca)
                .withEhloName("checker.example.org").withTimeout(Duration.ofSeconds(20));
    }

    private static int indexOf(List<String> transcript, String prefix) {
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static AddressReport only(MxReport mx) {
        assertThat(mx.addresses()).hasSize(1);
        return mx.addresses().get(0);
    }

    @Test
    void healthyDomainRecordsTheWholeDialogue() {
        CheckReport report = MailCheck.check("GOOD.test.", options);

        assertThat(report.state()).as(JsonReport.write(report)).isEqualTo(State.OK);
        assertThat(report.domain()).isEqualTo("good.test");
        assertThat(report.mxSource()).isEqualTo(MxSource.MX);
        assertThat(report.mx()).extracting(MxReport::host, MxReport::preference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mx1.good.test", 10),
                        org.assertj.core.groups.Tuple.tuple("mx2.good.test", 20));
        AddressReport mx1 = only(report.mx().get(0));
        assertThat(mx1.address()).isEqualTo("127.0.0.11");
        assertThat(mx1.failedStage().orElse(null)).isNull();
        assertThat(mx1.connect().seen().orElse(null)).isNotNull().isNotNegative();
        assertThat(mx1.greeting().seen().orElseThrow().reply().code()).isEqualTo(220);
        assertThat(mx1.greeting().seen().orElseThrow().announcedHost()).isEqualTo("mx1.good.test");
        assertThat(mx1.ehlo().seen().orElseThrow().command()).isEqualTo("EHLO");
        assertThat(mx1.ehlo().seen().orElseThrow().has("STARTTLS")).isTrue();
        assertThat(mx1.ehlo().seen().orElseThrow().find("SIZE")).get().extracting(k -> k.params()).isEqualTo(List.of("10240000"));
        assertThat(mx1.tls().seen().orElseThrow().protocol()).startsWith("TLSv1.");
        assertThat(mx1.tls().seen().orElseThrow().sni()).isEqualTo("mx1.good.test");
        assertThat(mx1.tls().seen().orElseThrow().trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(mx1.tls().seen().orElseThrow().nameMatches()).isTrue();
        assertThat(mx1.tls().seen().orElseThrow().chain().get(0).dnsNames()).contains("mx1.good.test");
        assertThat(mx1.tls().seen().orElseThrow().chain().get(0).daysLeft()).isBetween(360L, 366L);
        // RFC 3207 §4.2: EHLO again inside TLS, where STARTTLS is no longer offered.
        assertThat(mx1.ehloAfterTls().seen().orElse(null)).isNotNull();
        assertThat(mx1.ehloAfterTls().seen().orElseThrow().has("STARTTLS")).isFalse();
        assertThat(mx1.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        assertThat(mx1.relay().seen().orElseThrow().rcptReply().code()).isEqualTo(554);
        assertThat(mx1.relay().seen().orElseThrow().rcptReply().enhancedCode()).isEqualTo("5.7.1");
        assertThat(mx1.transcript()).anyMatch(l -> l.startsWith("C: RSET")).noneMatch(l -> l.startsWith("C: DATA"));
        // The relay probe runs inside TLS when STARTTLS is offered.
        List<String> t = mx1.transcript();
        int tls = indexOf(t, "== TLS negotiated");
        assertThat(tls).isNotNegative().isLessThan(indexOf(t, "C: MAIL FROM:<relay-probe@example.org>"));
        assertThat(JsonReport.read(JsonReport.write(report))).isEqualTo(ReportJsonMapper.toJson(report));
    }

    @Test
    void closedSecondaryIsRefusedAtConnect() {
        CheckReport report = MailCheck.check("closed.test", options);

        assertThat(report.state()).isEqualTo(State.WARNING);
        AddressReport mx2 = only(report.mx().get(1));
        assertThat(mx2.failedStage().orElse(null)).isEqualTo(ProbeStage.CONNECT);
        assertThat(mx2.failureCode().orElse(null)).isEqualTo(FindingCode.MX_UNREACHABLE);
        assertThat(mx2.failure().map(f -> f.detail()).orElse(null)).contains("refused");
        assertThat(report.findings()).extracting(Finding::code)
                .doesNotContain(FindingCode.OUTBOUND_PORT25_BLOCKED_SUSPECTED);
    }

    @Test
    void expiredMismatchedCertificateIsJudgedFromTheRealChain() {
        CheckReport report = MailCheck.check("badcert.test", options);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        AddressReport mx1 = only(report.mx().get(0));
        assertThat(mx1.tls().seen().orElseThrow().trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(mx1.tls().seen().orElseThrow().nameMatches()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.CERT_EXPIRED).singleElement()
                .extracting(Finding::message).asString().startsWith("expired 5 days ago");
        assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.CERT_NAME_MISMATCH)
                .doesNotContain(FindingCode.CERT_UNTRUSTED);
    }

    @Test
    void openRelayAcceptsTheOutsideRecipient() {
        CheckReport report = MailCheck.check("relay.test", options);

        AddressReport mx1 = only(report.mx().get(0));
        assertThat(mx1.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.OPEN);
        assertThat(mx1.relay().seen().orElseThrow().rcptReply().code()).isEqualTo(250);
        assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.OPEN_RELAY);
    }

    @Test
    void theCaFileIsWhatMakesTheLabChainTrusted() {
        CheckReport report = MailCheck.check("good.test", options.withCaFile(null));

        assertThat(only(report.mx().get(0)).tls().seen().orElseThrow().trust()).isNotEqualTo(TrustStatus.TRUSTED);
        // good.test invites neither MTA-STS nor DANE senders: opportunistic senders deliver whatever the chain, so
        // the untrusted chain is a WARNING; with --require-tls (partners that verify) it is CRITICAL.
        assertThat(report.state()).isEqualTo(State.WARNING);
        assertThat(MailCheck.check("good.test", options.withCaFile(null).withRequireTls(true)).state())
                .isEqualTo(State.CRITICAL);
    }

    @Test
    void bothFamiliesOfAnMxAreProbedAndEachCanBeChosen() {
        CheckReport both = MailCheck.check("dual.test", options);
        CheckReport v6 = MailCheck.check("dual.test", options.withFamily(AddressFamily.IPV6));
        CheckReport v4 = MailCheck.check("dual.test", options.withFamily(AddressFamily.IPV4));

        assertThat(both.state()).as(JsonReport.write(both)).isEqualTo(State.OK);
        assertThat(both.mx().get(0).addresses()).extracting(AddressReport::address).containsExactly("127.0.0.71", "::1");
        assertThat(both.mx().get(0).addresses()).allSatisfy(a -> {
            assertThat(a.acceptsSessions()).isTrue();
            assertThat(a.tls().seen().orElseThrow().nameMatches()).isTrue();
            assertThat(a.relay().seen().orElseThrow().verdict()).isEqualTo(RelayVerdict.REFUSED);
        });
        assertThat(v6.mx().get(0).addresses()).extracting(AddressReport::address).containsExactly("::1");
        assertThat(v4.mx().get(0).addresses()).extracting(AddressReport::address).containsExactly("127.0.0.71");
    }

    @Test
    void unknownNameIsNxdomainFromTheRealServer() {
        CheckReport report = MailCheck.check("no-such-domain.test", options);

        assertThat(report.mxSource()).isEqualTo(MxSource.FAILED);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.DNS_NXDOMAIN);
    }

    @Test
    void aHostCheckedDirectlyNeedsNoMxLookup() {
        CheckReport report = MailCheck.checkHost("127.0.0.12", options);

        assertThat(report.mxSource()).isEqualTo(MxSource.HOST);
        assertThat(only(report.mx().get(0)).greeting().seen().orElseThrow().announcedHost()).isEqualTo("mx2.good.test");
    }
}
