package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.dns.FakeDnsServer.Behaviour;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DnsjavaResolver} against {@link FakeDnsServer} on 127.0.0.1; no other address is ever queried. */
class DnsjavaResolverTest {

    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);

    private FakeDnsServer server;
    private DnsjavaResolver resolver;

    @BeforeEach
    void startServer() throws IOException {
        server = FakeDnsServer.start();
        resolver = new DnsjavaResolver(List.of(server.address()), QUERY_TIMEOUT);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private static InetAddress ip(String literal) {
        return DomainNames.parseIpLiteral(literal);
    }

    private static MxLookup.Hosts hosts(MxLookup lookup) {
        assertThat(lookup).isInstanceOf(MxLookup.Hosts.class);
        return (MxLookup.Hosts) lookup;
    }

    @Test
    void anIpv4MappedAaaaStaysIpv6() {
        server.zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. AAAA ::ffff:192.0.2.1
                """);

        MxHost mx = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(mx.addresses()).singleElement().isInstanceOf(java.net.Inet6Address.class);
        assertThat(dev.smtpmxcheck.core.report.Subjects.addressText(mx.addresses().get(0))).isEqualTo("::ffff:192.0.2.1");
    }

    @Test
    void aTargetNamedTwiceIsProbedOnceAtItsLowestPreference() {
        server.zone("""
                example.com. MX 20 mx.example.com.
                example.com. MX 10 MX.example.com.
                example.com. MX 30 backup.example.com.
                mx.example.com. A 192.0.2.1
                backup.example.com. A 192.0.2.2
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("example.com"));

        assertThat(hosts.hosts()).extracting(MxHost::name, MxHost::preference).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mx.example.com", 10),
                org.assertj.core.groups.Tuple.tuple("backup.example.com", 30));
    }

    @Test
    void sortsMxByPreferenceKeepingDnsOrderForTiesAndLowerCasesTargets() {
        server.zone("""
                example.com. MX 20 b.example.com.
                example.com. MX 10 C.Example.COM.
                example.com. MX 10 a.example.com.
                a.example.com. A 192.0.2.1
                b.example.com. A 192.0.2.2
                c.example.com. A 192.0.2.3
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("example.com"));

        assertThat(hosts.alsoNullMx()).isFalse();
        assertThat(hosts.hosts()).extracting(MxHost::name).containsExactly("c.example.com", "a.example.com", "b.example.com");
        assertThat(hosts.hosts()).extracting(MxHost::preference).containsExactly(10, 10, 20);
        assertThat(hosts.hosts()).extracting(MxHost::addresses)
                .containsExactly(List.of(ip("192.0.2.3")), List.of(ip("192.0.2.1")), List.of(ip("192.0.2.2")));
        assertThat(hosts.hosts()).allSatisfy(h -> {
            assertThat(h.addressProblem()).isNull();
            assertThat(h.ipLiteral()).isFalse();
            assertThat(h.cnameChain()).isEmpty();
        });
    }

    @Test
    void acceptsTrailingDotAndUpperCaseInTheQueriedDomain() {
        server.zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. A 192.0.2.1
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("EXAMPLE.com."));

        assertThat(hosts.hosts()).extracting(MxHost::name).containsExactly("mx.example.com");
    }

    @Test
    void hostWithBothAAndAaaaListsIpv4ThenIpv6() {
        server.zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. AAAA 2001:db8::25
                mx.example.com. A 192.0.2.25
                mx.example.com. A 192.0.2.26
                """);

        MxHost host = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(host.addresses()).containsExactly(ip("192.0.2.25"), ip("192.0.2.26"), ip("2001:db8::25"));
        assertThat(host.addressProblem()).isNull();
    }

    @Test
    void nullMxAloneMeansNoMail() {
        server.zone("example.com. MX 0 .");

        MxLookup lookup = resolver.lookup("example.com");

        assertThat(lookup).isEqualTo(new MxLookup.NullMx());
    }

    @Test
    void nullMxBesideOtherMxIsDroppedAndFlagged() {
        server.zone("""
                example.com. MX 0 .
                example.com. MX 10 mx.example.com.
                mx.example.com. A 192.0.2.1
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("example.com"));

        assertThat(hosts.alsoNullMx()).isTrue();
        assertThat(hosts.hosts()).extracting(MxHost::name).containsExactly("mx.example.com");
    }

    @Test
    void noMxMeansImplicitMxWithTheDomainsOwnAddresses() {
        server.zone("""
                example.com. A 192.0.2.7
                example.com. AAAA 2001:db8::7
                example.com. TXT "v=spf1 -all"
                """);

        MxLookup lookup = resolver.lookup("example.com");

        assertThat(lookup).isEqualTo(new MxLookup.Implicit(new MxHost("example.com", 0,
                List.of(ip("192.0.2.7"), ip("2001:db8::7")), List.of(), false, null, null)));
    }

    @Test
    void noMxAndNoAddressIsImplicitWithoutAddresses() {
        server.zone("example.com. TXT \"nothing here\"");

        MxLookup lookup = resolver.lookup("example.com");

        assertThat(lookup).isInstanceOf(MxLookup.Implicit.class);
        MxHost self = ((MxLookup.Implicit) lookup).domainItself();
        assertThat(self.addresses()).isEmpty();
        assertThat(self.addressProblem()).isEqualTo("no A or AAAA records");
    }

    @Test
    void nonexistentDomainIsNxdomain() {
        server.zone("other.example. A 192.0.2.1");

        MxLookup lookup = resolver.lookup("nonexistent.example");

        assertThat(lookup).isInstanceOf(MxLookup.Failed.class);
        MxLookup.Failed failed = (MxLookup.Failed) lookup;
        assertThat(failed.failure()).isEqualTo(DnsFailure.NXDOMAIN);
        assertThat(failed.detail()).contains("nonexistent.example", "NXDOMAIN");
    }

    @ParameterizedTest
    @CsvSource({"SERVFAIL, SERVFAIL, SERVFAIL", "REFUSED, OTHER, REFUSED", "SILENT, TIMEOUT, timeout"})
    void mxQueryFailureIsClassified(Behaviour behaviour, DnsFailure expected, String inDetail) {
        server.zone("example.com. MX 10 mx.example.com.").behaviour(behaviour);
        long start = System.nanoTime();

        MxLookup lookup = resolver.lookup("example.com");

        assertThat(lookup).isInstanceOf(MxLookup.Failed.class);
        assertThat(((MxLookup.Failed) lookup).failure()).isEqualTo(expected);
        assertThat(((MxLookup.Failed) lookup).detail()).contains(inDetail);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void txtRecordsJoinTheirStringsAndAbsenceIsNotAFailure() {
        server.zone("""
                _mta-sts.example.com. TXT "v=STSv1; " "id=42;"
                _mta-sts.example.com. TXT "other"
                example.com. MX 10 mx.example.com.
                """);

        TxtLookup found = resolver.lookupTxt("_mta-sts.example.com");
        TxtLookup nodata = resolver.lookupTxt("example.com");
        TxtLookup nxdomain = resolver.lookupTxt("_smtp._tls.example.com");

        assertThat(found).isInstanceOf(TxtLookup.Records.class);
        assertThat(((TxtLookup.Records) found).texts()).containsExactlyInAnyOrder("v=STSv1; id=42;", "other");
        assertThat(nodata).isEqualTo(new TxtLookup.None("no TXT records"));
        assertThat(nxdomain).isEqualTo(new TxtLookup.None("NXDOMAIN"));
    }

    @Test
    void txtQueryFailureIsAFailure() {
        server.zone("_mta-sts.example.com. TXT \"v=STSv1; id=1\"").behaviour(Behaviour.SERVFAIL);

        TxtLookup lookup = resolver.lookupTxt("_mta-sts.example.com");

        assertThat(lookup).isInstanceOf(TxtLookup.Failed.class);
        assertThat(((TxtLookup.Failed) lookup).failure()).isEqualTo(DnsFailure.SERVFAIL);
        assertThat(((TxtLookup.Failed) lookup).detail()).startsWith("_mta-sts.example.com TXT: SERVFAIL");
    }

    @ParameterizedTest(name = "resolver follows CNAMEs itself: {0}")
    @ValueSource(booleans = {true, false})
    void cnameTargetIsResolvedThroughTheChainAndRecorded(boolean serverFollows) {
        server.followCnames(serverFollows).zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. CNAME alias.example.net.
                alias.example.net. CNAME real.example.net.
                real.example.net. A 192.0.2.9
                real.example.net. AAAA 2001:db8::9
                """);

        MxHost host = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(host.name()).isEqualTo("mx.example.com");
        assertThat(host.cnameChain()).containsExactly("alias.example.net", "real.example.net");
        assertThat(host.addresses()).containsExactly(ip("192.0.2.9"), ip("2001:db8::9"));
        assertThat(host.addressProblem()).isNull();
    }

    @ParameterizedTest(name = "resolver follows CNAMEs itself: {0}")
    @ValueSource(booleans = {true, false})
    void cnameLoopEndsWithAProblemNotAHang(boolean serverFollows) {
        server.followCnames(serverFollows).zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. CNAME loop.example.com.
                loop.example.com. CNAME mx.example.com.
                """);
        long start = System.nanoTime();

        MxHost host = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(host.addresses()).isEmpty();
        assertThat(host.addressProblem()).isEqualTo("CNAME loop");
        assertThat(host.cnameChain()).startsWith("loop.example.com", "mx.example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0} links")
    @CsvSource({"8, ", "9, CNAME chain longer than 8"})
    void cnameChainIsBoundedAtEightLinks(int links, String expectedProblem) {
        String chain = IntStream.range(0, links)
                .mapToObj(i -> "c" + i + ".example.com. CNAME c" + (i + 1) + ".example.com.")
                .collect(Collectors.joining("\n"));
        server.followCnames(false).zone("example.com. MX 10 c0.example.com.\n" + chain
                + "\nc" + links + ".example.com. A 192.0.2.8");

        MxHost host = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(host.addressProblem()).isEqualTo(expectedProblem);
        assertThat(host.addresses()).hasSize(expectedProblem == null ? 1 : 0);
    }

    @Test
    void mxQueryNameThatIsAnAliasIsFollowed() {
        server.followCnames(false).zone("""
                example.com. CNAME mail-domain.example.net.
                mail-domain.example.net. MX 5 mx.example.net.
                mx.example.net. A 192.0.2.5
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("example.com"));

        assertThat(hosts.hosts()).extracting(MxHost::name).containsExactly("mx.example.net");
        assertThat(hosts.hosts().get(0).addresses()).containsExactly(ip("192.0.2.5"));
    }

    @Test
    void ipLiteralTargetIsTakenAsItsAddressWithoutQuery() {
        server.zone("example.com. MX 10 192.0.2.1.");

        MxHost host = hosts(resolver.lookup("example.com")).hosts().get(0);

        assertThat(host).isEqualTo(new MxHost("192.0.2.1", 10, List.of(ip("192.0.2.1")), List.of(), true, null, null));
        assertThat(server.questions()).containsExactly("example.com./MX");
    }

    @ParameterizedTest
    @CsvSource({
        "gone.example.com,   ANSWER,   NXDOMAIN",
        "noaddr.example.com, ANSWER,   no A or AAAA records",
        "broken.example.com, SERVFAIL, SERVFAIL",
        "broken.example.com, REFUSED,  REFUSED",
        "slow.example.com,   SILENT,   timeout"
    })
    void mxHostWithoutAddressSaysWhy(String target, Behaviour behaviour, String problem) {
        server.zone("""
                example.com. MX 10 %s.
                example.com. MX 20 good.example.com.
                noaddr.example.com. TXT "no address"
                good.example.com. A 192.0.2.20
                """.formatted(target)).behaviour(target, behaviour);

        List<MxHost> hosts = hosts(resolver.lookup("example.com")).hosts();

        assertThat(hosts.get(0).name()).isEqualTo(target);
        assertThat(hosts.get(0).addresses()).isEmpty();
        assertThat(hosts.get(0).addressProblem()).isEqualTo(problem);
        assertThat(hosts.get(1).addresses()).containsExactly(ip("192.0.2.20"));
    }

    @Test
    void addressQueriesRunConcurrentlyWithinTheLookupTimeout() {
        String zone = IntStream.range(0, 6).mapToObj(i -> "example.com. MX " + i + " slow" + i + ".example.com.")
                .collect(Collectors.joining("\n"));
        server.zone(zone);
        IntStream.range(0, 6).forEach(i -> server.behaviour("slow" + i + ".example.com", Behaviour.SILENT));
        long start = System.nanoTime();

        List<MxHost> hosts = hosts(resolver.lookup("example.com")).hosts();

        // 12 silent queries of 300 ms each would take 3.6 s one after the other.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(hosts).hasSize(6).allSatisfy(h -> assertThat(h.addressProblem()).isEqualTo("timeout"));
    }

    @Test
    void wholeLookupEndsAtTheLookupTimeoutEvenWhenQueriesMayWaitLonger() {
        server.zone("""
                example.com. MX 10 slow.example.com.
                """).behaviour("slow.example.com", Behaviour.SILENT);
        DnsjavaResolver bounded = new DnsjavaResolver(List.of(server.address()), Duration.ofSeconds(5), Duration.ofMillis(400));
        long start = System.nanoTime();

        MxHost host = hosts(bounded.lookup("example.com")).hosts().get(0);

        assertThat(host.addressProblem()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void truncatedUdpAnswerIsAskedAgainOverTcp() {
        server.truncateUdp(true).zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. A 192.0.2.1
                """);

        MxLookup.Hosts hosts = hosts(resolver.lookup("example.com"));

        assertThat(hosts.hosts().get(0).addresses()).containsExactly(ip("192.0.2.1"));
        assertThat(server.udpQueries()).isGreaterThanOrEqualTo(3);
        assertThat(server.tcpQueries()).isGreaterThanOrEqualTo(3); // MX, A, AAAA each retried over TCP
    }

    @Test
    void fallsBackToTheNextServerWhenTheFirstIsDown() throws IOException {
        int deadPort;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            deadPort = socket.getLocalPort();
        }
        server.zone("""
                example.com. MX 10 mx.example.com.
                mx.example.com. A 192.0.2.1
                """);
        DnsjavaResolver twoServers = new DnsjavaResolver(List.of("127.0.0.1:" + deadPort, server.address()),
                Duration.ofSeconds(2));

        MxLookup lookup = twoServers.lookup("example.com");

        assertThat(hosts(lookup).hosts().get(0).addresses()).containsExactly(ip("192.0.2.1"));
    }

    @Test
    void aResolverThatDoesNotListenIsSaidPlainly() throws IOException {
        int deadPort;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            deadPort = socket.getLocalPort();
        }
        DnsjavaResolver dead = new DnsjavaResolver(List.of("127.0.0.1:" + deadPort), Duration.ofSeconds(2));

        MxLookup lookup = dead.lookup("example.com");

        assertThat(lookup).isInstanceOfSatisfying(MxLookup.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(DnsFailure.OTHER);
            assertThat(f.detail()).isEqualTo(
                    "example.com MX: the resolver does not answer on its port (ICMP port unreachable or connection refused)");
        });
    }

    @Test
    void resolveHostTakesAnIpLiteralAsIsWithoutQuery() {
        MxHost v4 = resolver.resolveHost("192.0.2.1");
        MxHost v6 = resolver.resolveHost("[2001:DB8::1]");

        assertThat(v4).isEqualTo(new MxHost("192.0.2.1", 0, List.of(ip("192.0.2.1")), List.of(), true, null, null));
        assertThat(v6).isEqualTo(new MxHost("2001:db8::1", 0, List.of(ip("2001:db8::1")), List.of(), true, null, null));
        assertThat(server.questions()).isEmpty();
    }

    @Test
    void resolveHostLooksUpANameWithoutMx() {
        server.zone("""
                host.example.com. MX 10 other.example.com.
                host.example.com. A 192.0.2.1
                host.example.com. AAAA 2001:db8::1
                """);

        MxHost host = resolver.resolveHost("host.example.com");
        MxHost missing = resolver.resolveHost("missing.example.com");

        assertThat(host).isEqualTo(new MxHost("host.example.com", 0, List.of(ip("192.0.2.1"), ip("2001:db8::1")),
                List.of(), false, null, null));
        assertThat(missing.addresses()).isEmpty();
        assertThat(missing.addressProblem()).isEqualTo("NXDOMAIN");
        assertThat(server.questions()).noneMatch(q -> q.endsWith("/MX"));
    }

    @Test
    void rejectsAnInvalidDomainWithIllegalArgument() {
        assertThatThrownBy(() -> resolver.lookup("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.lookup("a".repeat(64) + ".com")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,        127.0.0.1, 53",
        "127.0.0.1:5353,   127.0.0.1, 5353",
        "[::1]:53,         ::1,       53",
        "[::1]:5300,       ::1,       5300",
        "[::1],            ::1,       53",
        "::1,              ::1,       53"
    })
    void parsesServerAddresses(String text, String address, int port) {
        InetSocketAddress parsed = DnsjavaResolver.parseServer(text);

        assertThat(parsed.getAddress()).isEqualTo(ip(address));
        assertThat(parsed.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:dns", "[::1", "[::1]53", "[::1]:", "bad host"})
    void rejectsMalformedServers(String text) {
        assertThatThrownBy(() -> new DnsjavaResolver(List.of(text), QUERY_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DNS server");
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThatThrownBy(() -> new DnsjavaResolver(List.of(server.address()), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query timeout");
        assertThatThrownBy(() -> new DnsjavaResolver(List.of(server.address()), QUERY_TIMEOUT, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lookup timeout");
    }
}
