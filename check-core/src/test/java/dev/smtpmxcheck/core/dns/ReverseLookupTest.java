package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.smtp.ProbeSettings;
import dev.smtpmxcheck.core.smtp.SmtpProbe;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.Reports;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reverse DNS through {@link DnsjavaResolver#reverse} against {@link FakeDnsServer}, and the IPv4/IPv6 parity of a
 * whole check whose MX has an IPv6 address where nothing listens. Only 127.0.0.1 and ::1 are ever contacted.
 */
class ReverseLookupTest {
    private FakeDnsServer dns;
    private DnsjavaResolver resolver;

    @BeforeEach
    void start() throws IOException {
        dns = FakeDnsServer.start();
        resolver = new DnsjavaResolver(List.of(dns.address()), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    private static InetAddress ip(String literal) {
        return DomainNames.parseIpLiteral(literal);
    }

    @Test
    void aPtrThatResolvesBackIsConfirmed() {
        dns.zone("""
                1.2.0.192.in-addr.arpa. PTR mx1.example.test.
                mx1.example.test. A 192.0.2.7
                mx1.example.test. A 192.0.2.1
                """);

        ReverseDns r = resolver.reverse(ip("192.0.2.1"));

        assertThat(r).isEqualTo(new ReverseDns(List.of("mx1.example.test"), List.of("mx1.example.test"), null));
        assertThat(dns.questions()).contains("1.2.0.192.in-addr.arpa./PTR", "mx1.example.test./A");
    }

    @Test
    void anIpv6PtrIsLookedUpUnderIp6ArpaAndConfirmedByAaaa() {
        dns.zone("""
                1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR mx1.example.test.
                mx1.example.test. A 192.0.2.1
                mx1.example.test. AAAA 2001:db8::1
                """);

        ReverseDns r = resolver.reverse(ip("2001:db8::1"));

        assertThat(r.confirmedNames()).containsExactly("mx1.example.test");
        assertThat(dns.questions()).contains("mx1.example.test./AAAA").doesNotContain("mx1.example.test./A");
    }

    @Test
    void noPtrIsNoNameAndNoProblem() {
        ReverseDns r = resolver.reverse(ip("192.0.2.1"));

        assertThat(r).isEqualTo(new ReverseDns(List.of(), List.of(), null));
    }

    @Test
    void aPtrNamingAHostWithAnotherAddressIsNotConfirmed() {
        dns.zone("""
                1.2.0.192.in-addr.arpa. PTR mx1.example.test.
                mx1.example.test. A 192.0.2.99
                """);

        ReverseDns r = resolver.reverse(ip("192.0.2.1"));

        assertThat(r.ptrNames()).containsExactly("mx1.example.test");
        assertThat(r.forwardConfirmed()).isFalse();
    }

    @Test
    void aServfailIsAProblemNotAMissingPtr() {
        dns.behaviour("1.2.0.192.in-addr.arpa", FakeDnsServer.Behaviour.SERVFAIL);

        ReverseDns r = resolver.reverse(ip("192.0.2.1"));

        assertThat(r.ptrNames()).isEmpty();
        assertThat(r.problem()).contains("SERVFAIL");
    }

    @Test
    void aClasslessDelegationCnameIsFollowed() {
        // RFC 2317: the PTR lives under a CNAME in the customer's zone.
        dns.zone("""
                1.2.0.192.in-addr.arpa. CNAME 1.0-25.2.0.192.in-addr.arpa.
                1.0-25.2.0.192.in-addr.arpa. PTR mx1.example.test.
                mx1.example.test. A 192.0.2.1
                """);

        assertThat(resolver.reverse(ip("192.0.2.1")).confirmedNames()).containsExactly("mx1.example.test");
    }

    @Test
    void aWholeCheckReportsPtrFactsAndAnUnreachableIpv6Address() throws IOException {
        try (FakeSmtpServer smtp = new FakeSmtpServer()) {
            smtp.enqueue(FakeSmtpServer.Script.wellBehaved());
            dns.zone("example.test. MX 10 mx1.example.test.\n"
                    + "mx1.example.test. A 127.0.0.1\n"
                    // Nothing listens on [::1] at the fake server's port: refused.
                    + "mx1.example.test. AAAA ::1\n"
                    + "1.0.0.127.in-addr.arpa. PTR mx.test.example.\n"
                    + "mx.test.example. A 127.0.0.1\n");
            CheckOptions options = CheckOptions.defaults().withPort(smtp.port()).withTimeout(Duration.ofSeconds(10))
                    .withStageTimeout(Duration.ofSeconds(3)).withRelayProbe(false, null, null);
            SmtpProbe probe = new SmtpProbe(new ProbeSettings(smtp.port(), Duration.ofSeconds(3), "probe.test.example",
                    false, null, null), (p, s, m, n, c) -> Reports.goodTls());
            MailCheck check = new MailCheck(resolver, probe::probe, options, Clock.systemUTC());

            CheckReport report = check.checkDomain("example.test");

            MxReport mx = report.mx().get(0);
            assertThat(mx.addresses()).extracting(AddressReport::address).containsExactly("127.0.0.1", "::1");
            AddressReport v4 = mx.addresses().get(0);
            assertThat(v4.reverseDns().seen().orElse(null)).isEqualTo(new ReverseDns(List.of("mx.test.example"), List.of("mx.test.example"),
                    null));
            assertThat(mx.addresses().get(1).reverseDns().seen().orElseThrow().ptrNames()).isEmpty();
            assertThat(mx.parity().ipv4Reachable()).isTrue();
            assertThat(mx.parity().ipv6Reachable()).isFalse();
            assertThat(report.findings()).extracting(Finding::code, Finding::subject, Finding::severity).contains(
                    org.assertj.core.groups.Tuple.tuple(FindingCode.MX_FAMILY_REACHABILITY_DIFFERS, "mx1.example.test",
                            Severity.WARNING),
                    // The fake greets as mx.test.example, the PTR's name: only the MX name differs.
                    org.assertj.core.groups.Tuple.tuple(FindingCode.RDNS_MX_NAME_MISMATCH, "mx1.example.test [127.0.0.1]:"
                            + smtp.port(), Severity.INFO),
                    org.assertj.core.groups.Tuple.tuple(FindingCode.RDNS_MISSING, "mx1.example.test [::1]:" + smtp.port(),
                            Severity.INFO),
                    org.assertj.core.groups.Tuple.tuple(FindingCode.NO_IPV6_MX, "example.test", Severity.INFO));
            assertThat(report.findings()).extracting(Finding::code).doesNotContain(FindingCode.RDNS_GREETING_MISMATCH,
                    FindingCode.RDNS_NOT_FORWARD_CONFIRMED);
        }
    }

    @Test
    void reverseDnsCanBeSwitchedOff() throws IOException {
        try (FakeSmtpServer smtp = new FakeSmtpServer()) {
            smtp.enqueue(FakeSmtpServer.Script.wellBehaved());
            dns.zone("example.test. MX 10 mx1.example.test.\nmx1.example.test. A 127.0.0.1\n");
            CheckOptions options = CheckOptions.defaults().withPort(smtp.port()).withTimeout(Duration.ofSeconds(10))
                    .withStageTimeout(Duration.ofSeconds(3)).withRelayProbe(false, null, null);
            options = options.withDiagnostics(options.diagnostics().withReverseDns(false));
            SmtpProbe probe = new SmtpProbe(new ProbeSettings(smtp.port(), Duration.ofSeconds(3), "probe.test.example",
                    false, null, null), (p, s, m, n, c) -> Reports.goodTls());

            CheckReport report = new MailCheck(resolver, probe::probe, options, Clock.systemUTC()).checkDomain("example.test");

            assertThat(report.mx().get(0).addresses().get(0).reverseDns().seen().orElse(null)).isNull();
            assertThat(dns.questions()).noneMatch(q -> q.contains("in-addr.arpa"));
        }
    }
}
