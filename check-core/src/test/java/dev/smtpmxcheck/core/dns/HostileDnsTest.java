package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS trouble, end to end: the real {@link MailCheck#check} with dnsjava against the {@link FakeDnsServer} and the
 * SMTP probe against the {@link FakeSmtpServer}. Each check must end within its timeout (plus
 * {@link #MARGIN_MILLIS}) with the right state and a finding that says what the DNS did.
 */
class HostileDnsTest {
    /** The whole check's timeout in these tests. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Scheduling slack on a loaded test machine; the check itself keeps a reserve inside the timeout. */
    private static final long MARGIN_MILLIS = 500;

    private FakeDnsServer dns;
    private FakeSmtpServer smtp;

    @BeforeEach
    void start() throws IOException {
        dns = FakeDnsServer.start();
        smtp = new FakeSmtpServer();
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
        smtp.close();
        smtp.assertNoDataSent();
    }

    private CheckOptions options() {
        return CheckOptions.defaults().withPort(smtp.port()).withDnsServers(List.of(dns.address()))
                .withTimeout(TIMEOUT).withStageTimeout(Duration.ofSeconds(1)).withEhloName("probe.test.example");
    }

    private CheckReport check(String domain) {
        return check(domain, options());
    }

    private static CheckReport check(String domain, CheckOptions options) {
        long start = System.nanoTime();
        CheckReport report = MailCheck.check(domain, options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("wall time of the check").isLessThanOrEqualTo(options.timeout().toMillis()
                + MARGIN_MILLIS);
        return report;
    }

    private static List<FindingCode> codes(CheckReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aResolverThatNeverAnswersIsADnsTimeout() {
        dns.behaviour(FakeDnsServer.Behaviour.SILENT);

        CheckReport report = check("silent.test");

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(codes(report)).containsExactly(FindingCode.DNS_TIMEOUT);
        assertThat(smtp.connectionCount()).isZero();
    }

    @Test
    void servfailIsItsOwnFinding() {
        dns.behaviour(FakeDnsServer.Behaviour.SERVFAIL);

        CheckReport report = check("broken.test");

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(codes(report)).containsExactly(FindingCode.DNS_SERVFAIL);
    }

    @Test
    void truncatedUdpAnswersAreAskedAgainOverTcpAndTheCheckWorks() {
        dns.truncateUdp(true).zone("""
                tc.test. MX 10 mx.tc.test.
                mx.tc.test. A 127.0.0.1
                """);
        smtp.enqueue(Script.wellBehaved(new Behaviour().closedRelayTakingPostmaster()));

        CheckReport report = check("tc.test");

        assertThat(dns.tcpQueries()).isGreaterThanOrEqualTo(2);
        assertThat(report.mx()).extracting(MxReport::host).containsExactly("mx.tc.test");
        assertThat(report.mx().get(0).addresses()).singleElement()
                .satisfies(a -> assertThat(a.failedStage().orElse(null)).isNull());
        assertThat(codes(report)).doesNotContain(FindingCode.DNS_TIMEOUT, FindingCode.DNS_FAILURE);
    }

    @Test
    void aCnameLoopAtTheMxTargetIsAFindingNotAHang() {
        dns.zone("""
                loop.test. MX 10 a.loop.test.
                a.loop.test. CNAME b.loop.test.
                b.loop.test. CNAME a.loop.test.
                """);

        CheckReport report = check("loop.test");

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(codes(report)).contains(FindingCode.MX_HOST_NO_ADDRESS);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.MX_HOST_NO_ADDRESS)
                .singleElement().satisfies(f -> assertThat(f.message()).containsIgnoringCase("loop"));
    }

    @Test
    void aCnameLoopAtTheDomainItselfIsAFindingNotAHang() {
        dns.followCnames(false).zone("""
                self.test. CNAME other.test.
                other.test. CNAME self.test.
                """);

        CheckReport report = check("self.test");

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).isNotEmpty();
    }

    @Test
    void anMxHostWithoutAddressesIsNamed() {
        dns.zone("""
                noaddr.test. MX 10 mx.noaddr.test.
                mx.noaddr.test. TXT "no address here"
                """);

        CheckReport report = check("noaddr.test");

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.MX_HOST_NO_ADDRESS)
                .singleElement().satisfies(f -> assertThat(f.subject()).isEqualTo("mx.noaddr.test"));
        assertThat(smtp.connectionCount()).isZero();
    }

    @Test
    void fiftyMxHostsThatAllStallStillEndWithinTheTimeout() {
        StringBuilder zone = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            zone.append("many.test. MX ").append(i).append(" mx").append(i).append(".many.test.\n");
            zone.append("mx").append(i).append(".many.test. A 127.0.0.1\n");
        }
        dns.zone(zone.toString());
        for (int i = 0; i < 50; i++) {
            smtp.enqueue(Script.script().stall(Duration.ofSeconds(10)));
        }

        CheckReport report = check("many.test");

        assertThat(report.mx()).hasSize(50);
        List<AddressReport> addresses = report.mx().stream().flatMap(m -> m.addresses().stream()).toList();
        assertThat(addresses).hasSize(50).allSatisfy(a -> assertThat(a.failureCode().orElse(null)).isNotNull());
        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.summary().length()).isLessThan(300);
    }

    @Test
    void whenTheIpv6AddressIsUnreachableTheIpv4OneStillCarriesTheDomain() throws IOException {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        // The fake listens on 127.0.0.1 only: the same port on ::1 refuses.
        dns.zone("""
                dual.test. MX 10 mx.dual.test.
                mx.dual.test. A 127.0.0.1
                mx.dual.test. AAAA ::1
                """);
        smtp.enqueue(Script.wellBehaved(new Behaviour().closedRelayTakingPostmaster()));

        CheckReport report = check("dual.test");

        List<AddressReport> addresses = report.mx().get(0).addresses();
        assertThat(addresses).extracting(AddressReport::address).containsExactly("127.0.0.1", "::1");
        assertThat(addresses.get(0).failedStage().orElse(null)).isNull();
        assertThat(addresses.get(1).failedStage().orElse(null)).isEqualTo(ProbeStage.CONNECT);
        assertThat(addresses.get(1).failureCode().orElse(null)).isEqualTo(FindingCode.MX_UNREACHABLE);
        assertThat(report.state()).isEqualTo(State.WARNING);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.MX_UNREACHABLE).singleElement()
                .satisfies(f -> assertThat(f.subject()).contains("[::1]"));
    }

    @Test
    void ipv6OnlyWithTheIpv6AddressUnreachableIsCritical() throws IOException {
        Assumptions.assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        dns.zone("""
                dual6.test. MX 10 mx.dual6.test.
                mx.dual6.test. A 127.0.0.1
                mx.dual6.test. AAAA ::1
                """);

        CheckReport report = check("dual6.test", options().withFamily(dev.smtpmxcheck.core.AddressFamily.IPV6));

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(codes(report)).contains(FindingCode.MX_UNREACHABLE);
        assertThat(smtp.connectionCount()).isZero();
    }

    private static boolean ipv6LoopbackWorks() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"));
                Socket c = new Socket(InetAddress.getByName("::1"), s.getLocalPort())) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
