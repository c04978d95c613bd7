package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.dns.MxLookup;
import dev.smtpmxcheck.core.dns.MxResolver;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.Reports;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MailCheckTest {

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MxHost host(String name, int preference, String... addresses) {
        return new MxHost(name, preference, java.util.Arrays.stream(addresses).map(MailCheckTest::ip).toList(),
                List.of(), false, addresses.length == 0 ? "no A or AAAA records" : null, null);
    }

    /** An in-memory resolver answering one lookup. */
    private static MxResolver resolver(Supplier<MxLookup> answer) {
        return new MxResolver() {
            @Override
            public MxLookup lookup(String domain) {
                return answer.get();
            }

            @Override
            public MxHost resolveHost(String host) {
                return host(host, 0, "192.0.2.1");
            }
        };
    }

    private static final CheckOptions OPTIONS = CheckOptions.defaults().withTimeout(Duration.ofSeconds(3))
            .withStageTimeout(Duration.ofSeconds(1));

    private static CheckReport run(MxResolver resolver, MailCheck.AddressProber prober, CheckOptions options) {
        return new MailCheck(resolver, prober, options, Clock.systemUTC()).checkDomain("example.test");
    }

    @Test
    void secondaryMxClosedIsWarningNamingIt() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("mx2.example.test", 20, "192.0.2.2")), false));
        MailCheck.AddressProber prober = (name, address, deadline) -> name.startsWith("mx1")
                ? Reports.accepting(address.getHostAddress())
                : Reports.unreachable(address.getHostAddress(), FailureReason.REFUSED, "connection refused");

        CheckReport report = run(dns, prober, OPTIONS);

        assertThat(report.state()).isEqualTo(State.WARNING);
        assertThat(report.mxSource()).isEqualTo(MxSource.MX);
        assertThat(report.summary()).isEqualTo("1 of 2 MX unreachable (mx2.example.test)");
        assertThat(report.findings()).extracting(Finding::code, Finding::subject, Finding::severity)
                .contains(org.assertj.core.groups.Tuple.tuple(FindingCode.MX_UNREACHABLE,
                        "mx2.example.test [192.0.2.2]:25", Severity.WARNING));
        assertThat(report.mx()).extracting(m -> m.host()).containsExactly("mx1.example.test", "mx2.example.test");
    }

    @Test
    void addressesAreProbedConcurrently() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(
                host("mx1.example.test", 10, "192.0.2.1", "192.0.2.11"), host("mx2.example.test", 20, "192.0.2.2")),
                false));
        CountDownLatch allStarted = new CountDownLatch(3);
        MailCheck.AddressProber prober = (name, address, deadline) -> {
            allStarted.countDown();
            try {
                // Succeeds only when the three probes run at the same time.
                boolean together = allStarted.await(2, TimeUnit.SECONDS);
                return together ? Reports.accepting(address.getHostAddress())
                        : Reports.unreachable(address.getHostAddress(), FailureReason.UNREACHABLE, "probes ran one after another");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };

        CheckReport report = run(dns, prober, OPTIONS);

        assertThat(report.state()).isEqualTo(State.OK);
        assertThat(report.summary()).isEqualTo("2 MX, 3 addresses accept mail");
    }

    @Test
    void aProbeThatOverrunsTheDeadlineIsReportedAsTimeoutAndTheCheckStillEnds() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        MailCheck.AddressProber stuck = (name, address, deadline) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reports.accepting(address.getHostAddress());
        };
        long started = System.nanoTime();

        CheckReport report = run(dns, stuck, OPTIONS);

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMillis).isLessThan(OPTIONS.timeout().toMillis() + 1000);
        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.SMTP_TIMEOUT);
        // Its time is the time it was given, not zero: the worst case must not plot as the fastest.
        assertThat(report.mx().get(0).addresses().get(0).totalMillis()).isGreaterThan(2000);
    }

    @Test
    void theChosenTimeoutStateReplacesCriticalForTimeoutsOnly() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        MailCheck.AddressProber stalled = (name, address, deadline) -> AddressReport.builder(address.getHostAddress(), 25)
                .connected(1)
                .greeting(Outcome.failed(Failure.of(ProbeStage.GREETING, FailureReason.TIMEOUT, "no greeting within 1 s")))
                .totalMillis(1000).build();

        CheckReport asCritical = run(dns, stalled, OPTIONS);
        CheckReport asUnknown = run(dns, stalled, OPTIONS.withTimeoutSeverity(Severity.UNKNOWN));
        CheckReport refusedAsUnknown = run(dns, (n, a, d) -> Reports.unreachable(a.getHostAddress(), FailureReason.REFUSED, "connection refused"),
                OPTIONS.withTimeoutSeverity(Severity.UNKNOWN));

        assertThat(asCritical.state()).isEqualTo(State.CRITICAL);
        assertThat(asUnknown.state()).isEqualTo(State.UNKNOWN);
        assertThat(asUnknown.findings()).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.SMTP_TIMEOUT, Severity.UNKNOWN));
        assertThat(refusedAsUnknown.state()).isEqualTo(State.CRITICAL);
    }

    @Test
    void aHandshakeCutOffByTheDeadlineIsATimeoutThatTheChosenStateGovernsEvenAsWarning() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("mx2.example.test", 20, "192.0.2.2")), false));
        MailCheck.AddressProber prober = (name, address, deadline) -> name.startsWith("mx1")
                ? Reports.handshakeEnded(address.getHostAddress(), FailureReason.DEADLINE,
                        "overall deadline reached (-t): no time left for the TLS handshake")
                : Reports.accepting(address.getHostAddress());
        String mx1 = "mx1.example.test [192.0.2.1]:25";

        CheckReport graded = run(dns, prober, OPTIONS);
        CheckReport asUnknown = run(dns, prober, OPTIONS.withTimeoutSeverity(Severity.UNKNOWN));

        assertThat(graded.findings()).extracting(Finding::code).doesNotContain(FindingCode.TLS_HANDSHAKE_FAILED);
        assertThat(graded.findings()).filteredOn(f -> f.subject().equals(mx1))
                .extracting(Finding::code, Finding::severity)
                .contains(org.assertj.core.groups.Tuple.tuple(FindingCode.SMTP_TIMEOUT, Severity.WARNING));
        assertThat(graded.delivery().bySubject().get(mx1).classes())
                .noneMatch(c -> c.reason() == dev.smtpmxcheck.core.report.DeliveryReason.TLS_FAILED);
        assertThat(graded.state()).isEqualTo(State.WARNING);
        assertThat(asUnknown.findings()).filteredOn(f -> f.code() == FindingCode.SMTP_TIMEOUT)
                .extracting(Finding::severity).containsExactly(Severity.UNKNOWN);
        assertThat(asUnknown.state()).isEqualTo(State.UNKNOWN);
    }

    @Test
    void aHangingResolverIsADnsTimeout() {
        MxResolver dns = resolver(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new MxLookup.NullMx();
        });

        CheckReport report = run(dns, (n, a, d) -> Reports.accepting(a.getHostAddress()), OPTIONS);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.mxSource()).isEqualTo(MxSource.FAILED);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.DNS_TIMEOUT);
    }

    @Test
    void aProbeThatCrashesMakesTheStateUnknownNotOk() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));

        CheckReport report = run(dns, (n, a, d) -> {
            throw new IllegalStateException("bug");
        }, OPTIONS);

        assertThat(report.state()).isEqualTo(State.UNKNOWN);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.INTERNAL_ERROR);
    }

    @Test
    void onlyTheChosenFamilyIsProbed() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(
                host("mx1.example.test", 10, "192.0.2.1", "2001:db8::1")), false));
        Map<String, Boolean> probed = new ConcurrentHashMap<>();

        CheckReport report = run(dns, (n, a, d) -> {
            probed.put(a.getHostAddress(), true);
            return Reports.accepting(a.getHostAddress());
        }, OPTIONS.withFamily(AddressFamily.IPV6));

        assertThat(probed.keySet()).containsExactly("2001:db8:0:0:0:0:0:1");
        assertThat(report.mx().get(0).addresses()).hasSize(1);
    }

    @Test
    void everyConnectTimingOutPointsAtTheCheckingHostsEgress() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("mx2.example.test", 20, "192.0.2.2")), false));

        CheckReport report = run(dns,
                (n, a, d) -> Reports.unreachable(a.getHostAddress(), FailureReason.TIMEOUT, "connect timed out after 1 s"), OPTIONS);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).extracting(Finding::code)
                .contains(FindingCode.MX_UNREACHABLE, FindingCode.OUTBOUND_PORT25_BLOCKED_SUSPECTED);
    }

    @Test
    void aRefusedConnectionDoesNotBlameTheEgress() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("mx2.example.test", 20, "192.0.2.2")), false));

        CheckReport report = run(dns, (n, a, d) -> n.startsWith("mx1")
                ? Reports.unreachable(a.getHostAddress(), FailureReason.TIMEOUT, "connect timed out after 1 s")
                : Reports.unreachable(a.getHostAddress(), FailureReason.REFUSED, "connection refused"), OPTIONS);

        assertThat(report.findings()).extracting(Finding::code)
                .doesNotContain(FindingCode.OUTBOUND_PORT25_BLOCKED_SUSPECTED);
    }

    @Test
    void slowGreetingBeyondTheCriticalRangeIsCritical() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        AddressReport slow = Reports.accepting("192.0.2.1");
        AddressReport slower = AddressReport.builder(slow.address(), slow.port()).connected(2000)
                .greeting(new dev.smtpmxcheck.core.report.Greeting(slow.greeting().seen().get().reply(), 6000, "mx",
                        null, null))
                .ehlo(slow.ehlo()).relay(slow.relay()).totalMillis(6500).build();

        CheckReport report = run(dns, (n, a, d) -> slower, OPTIONS.withGreetingTime(
                dev.smtpmxcheck.core.report.Range.parse("2"), dev.smtpmxcheck.core.report.Range.parse("5")));

        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.SLOW_RESPONSE)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.message()).contains("greeting after 6.000 s");
                });
    }

    @Test
    void dnsFailureIsCriticalWithoutProbing() {
        MxResolver dns = resolver(() -> new MxLookup.Failed(DnsFailure.SERVFAIL, "SERVFAIL from 127.0.0.2"));

        CheckReport report = run(dns, (n, a, d) -> {
            throw new AssertionError("must not probe");
        }, OPTIONS);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.DNS_SERVFAIL);
    }

    @Test
    void injectionInEhloNameOrRelayAddressesIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> MailCheck.check("example.test",
                CheckOptions.defaults().withEhloName("me\r\nDATA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EHLO name");
        assertThatThrownBy(() -> MailCheck.check("example.test",
                CheckOptions.defaults().withRelayProbe(true, "a@example.org", "b@example.net\nDATA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relay-test forward-path");
        assertThatThrownBy(() -> MailCheck.check("example.test", CheckOptions.defaults().withEhloName("a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EHLO name");
    }

    @Test
    void daneLooksUpEveryNamedMxHostAndJudgesItsAddresses() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("mx2.example.test", 20, "192.0.2.2"), host("192.0.2.3", 30, "192.0.2.3")), false));
        // Every address presents a real certificate (with its DER, which DANE matches).
        dev.smtpmxcheck.core.report.TlsFacts tls = new dev.smtpmxcheck.core.tls.TlsInspector(null, Clock.systemUTC())
                .inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, "mx1.example.test", new java.security.cert.X509Certificate[] {
                    dev.smtpmxcheck.core.testing.TestCertificates.builder().dnsName("mx1.example.test").build().certificate()});
        MailCheck.AddressProber prober = (name, address, deadline) -> {
            AddressReport a = Reports.accepting(address.getHostAddress());
            return a.toBuilder().tls(tls).build();
        };
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        // mx1 publishes a DANE-EE record for a key no address presents; mx2 publishes none.
        dev.smtpmxcheck.core.policy.dane.TlsaResolver tlsa = (host, port) -> {
            asked.add(host + ":" + port);
            return host.equals("mx1.example.test")
                    ? new dev.smtpmxcheck.core.policy.dane.TlsaLookup("_25._tcp." + host, host,
                            dev.smtpmxcheck.core.report.DnssecStatus.SECURE, null,
                            List.of(dev.smtpmxcheck.core.policy.dane.TlsaRecord.parse("3 1 1 " + "ab".repeat(32))))
                    : new dev.smtpmxcheck.core.policy.dane.TlsaLookup("_25._tcp." + host, host, null, null, List.of());
        };

        CheckReport report = new MailCheck(dns, prober, tlsa, null, OPTIONS, Clock.systemUTC(), null, null, null).checkDomain("example.test");

        assertThat(asked).containsExactlyInAnyOrder("mx1.example.test:25", "mx2.example.test:25");
        assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.DANE_TLSA_MISMATCH);
        // DANE senders refuse mx1 but fall back to mx2, which publishes no TLSA: a WARNING, not CRITICAL.
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.DANE_TLSA_MISMATCH)
                .extracting(Finding::severity).containsOnly(dev.smtpmxcheck.core.report.Severity.WARNING);
        assertThat(report.delivery().of(dev.smtpmxcheck.core.report.SenderClass.DANE).canDeliver()).isTrue();
        assertThat(report.delivery().addresses().get(0).of(dev.smtpmxcheck.core.report.SenderClass.DANE).reason())
                .isEqualTo(dev.smtpmxcheck.core.report.DeliveryReason.TLSA_MISMATCH);
        assertThat(report.state()).isEqualTo(dev.smtpmxcheck.core.report.State.WARNING);
        assertThat(report.mx().get(0).dane().records()).hasSize(1);
        assertThat(report.mx().get(1).dane().records()).isEmpty();
        assertThat(report.mx().get(2).dane()).as("an IP literal has no TLSA name").isNull();
    }

    @Test
    void tlsaRecordsAreAskedForThePortProbed() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.smtpmxcheck.core.policy.dane.TlsaResolver tlsa = (host, port) -> {
            asked.add(host + ":" + port);
            return new dev.smtpmxcheck.core.policy.dane.TlsaLookup("_" + port + "._tcp." + host, host, null, null,
                    List.of());
        };

        CheckReport report = new MailCheck(dns, (name, address, deadline) -> Reports.accepting(address.getHostAddress()),
                tlsa, null, OPTIONS.withPort(2525), Clock.systemUTC(), null, null, null).checkDomain("example.test");

        assertThat(asked).containsExactly("mx1.example.test:2525");
        assertThat(report.mx().get(0).dane().tlsaName()).isEqualTo("_2525._tcp.mx1.example.test");
    }

    /** An in-memory validator: the MX status of the domain, and per host the status of its addresses. */
    private static dev.smtpmxcheck.core.policy.dane.DnssecResolver validator(DnssecStatus mx,
            java.util.Map<String, DnssecStatus> hosts) {
        return new dev.smtpmxcheck.core.policy.dane.DnssecResolver() {
            @Override
            public DnssecFacts validateMx(String domain) {
                return new DnssecFacts(mx, mx == DnssecStatus.SECURE ? null : domain + " MX: validation said " + mx);
            }

            @Override
            public DnssecFacts validateAddresses(String host) {
                DnssecStatus s = hosts.getOrDefault(host, DnssecStatus.SECURE);
                return new DnssecFacts(s, s == DnssecStatus.SECURE ? null : host + " A: validation said " + s);
            }
        };
    }

    private static CheckReport validated(MxResolver dns, dev.smtpmxcheck.core.policy.dane.DnssecResolver validator) {
        return new MailCheck(dns, (name, address, deadline) -> Reports.accepting(address.getHostAddress()), null,
                validator, OPTIONS, Clock.systemUTC(), null, null, null).checkDomain("example.test");
    }

    private static final Supplier<MxLookup> TWO_MX = () -> new MxLookup.Hosts(List.of(
            host("mx1.example.test", 10, "192.0.2.1"), host("mx2.example.test", 20, "192.0.2.2")), false);

    @Test
    void aSecureMxLookupIsAFactAndNoFinding() {
        CheckReport report = validated(resolver(TWO_MX), validator(DnssecStatus.SECURE, java.util.Map.of()));

        assertThat(report.mxDnssec()).isEqualTo(new DnssecFacts(DnssecStatus.SECURE, null));
        assertThat(report.mx()).extracting(m -> m.addressDnssec().status())
                .containsExactly(DnssecStatus.SECURE, DnssecStatus.SECURE);
        assertThat(report.state()).isEqualTo(dev.smtpmxcheck.core.report.State.OK);
    }

    @Test
    void aBogusMxRrsetIsCritical() {
        CheckReport report = validated(resolver(TWO_MX), validator(DnssecStatus.BOGUS, java.util.Map.of()));

        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.MX_DNSSEC_BOGUS).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.subject()).isEqualTo("example.test");
                    assertThat(f.message()).startsWith("the MX records of example.test fail DNSSEC validation (bogus): ");
                });
        assertThat(report.mxDnssec().status()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(report.state()).isEqualTo(dev.smtpmxcheck.core.report.State.CRITICAL);
    }

    @Test
    void bogusAddressesOfOneMxHostAreAWarningWhileAnotherValidatesAndCriticalWhenNoneDoes() {
        CheckReport one = validated(resolver(TWO_MX), validator(DnssecStatus.SECURE,
                java.util.Map.of("mx1.example.test", DnssecStatus.BOGUS)));
        CheckReport both = validated(resolver(TWO_MX), validator(DnssecStatus.SECURE,
                java.util.Map.of("mx1.example.test", DnssecStatus.BOGUS, "mx2.example.test", DnssecStatus.BOGUS)));

        assertThat(one.findings()).filteredOn(f -> f.code() == FindingCode.MX_HOST_DNSSEC_BOGUS)
                .extracting(Finding::subject, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mx1.example.test", Severity.WARNING));
        assertThat(one.state()).isEqualTo(dev.smtpmxcheck.core.report.State.WARNING);
        assertThat(both.findings()).filteredOn(f -> f.code() == FindingCode.MX_HOST_DNSSEC_BOGUS)
                .extracting(Finding::severity).containsExactly(Severity.CRITICAL, Severity.CRITICAL);
    }

    @Test
    void insecureAndIndeterminateAreFactsWithoutFindings() {
        CheckReport report = validated(resolver(TWO_MX), validator(DnssecStatus.INDETERMINATE,
                java.util.Map.of("mx2.example.test", DnssecStatus.INSECURE)));

        assertThat(report.findings()).extracting(Finding::code)
                .doesNotContain(FindingCode.MX_DNSSEC_BOGUS, FindingCode.MX_HOST_DNSSEC_BOGUS);
        assertThat(report.mxDnssec().status()).isEqualTo(DnssecStatus.INDETERMINATE);
        assertThat(report.mx().get(1).addressDnssec()).isEqualTo(
                new DnssecFacts(DnssecStatus.INSECURE, "mx2.example.test A: validation said INSECURE"));
    }

    @Test
    void withoutValidationTheStatusIsAbsentAndAFailedLookupIsNotValidated() {
        CheckReport off = run(resolver(TWO_MX), (name, address, deadline) -> Reports.accepting(address.getHostAddress()),
                OPTIONS);
        CheckReport failed = validated(resolver(() -> new MxLookup.Failed(dev.smtpmxcheck.core.dns.DnsFailure.SERVFAIL,
                "SERVFAIL")), validator(DnssecStatus.BOGUS, java.util.Map.of()));

        assertThat(off.mxDnssec()).isNull();
        assertThat(off.mx()).allSatisfy(m -> assertThat(m.addressDnssec()).isNull());
        assertThat(failed.mxDnssec()).isNull();
        assertThat(failed.findings()).extracting(Finding::code).doesNotContain(FindingCode.MX_DNSSEC_BOGUS);
    }

    @Test
    void withoutATlsaResolverThereIsNoDane() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));

        CheckReport report = run(dns, (name, address, deadline) -> Reports.accepting(address.getHostAddress()), OPTIONS);

        assertThat(report.mx().get(0).dane()).isNull();
    }

    @Test
    void anUnreadableTrustAnchorFileIsRefusedBeforeAnyConnection() {
        CheckOptions options = CheckOptions.defaults().withDnsServers(List.of("127.0.0.1:9"))
                .withDane(new DaneOptions(true, java.nio.file.Path.of("/nonexistent/anchor.txt"), false));

        assertThatThrownBy(() -> MailCheck.check("example.test", options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust anchor file");
    }

    private static MxHost literal(String address, int preference) {
        return new MxHost(address, preference, List.of(ip(address)), List.of(), true, null, null);
    }

    /** {@code report} with the postmaster probe's outcome: RCPT TO:&lt;postmaster@example.test&gt; answered {@code rcpt}. */
    private static AddressReport withPostmaster(AddressReport report, SmtpReply rcpt) {
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        return report.toBuilder().postmaster(PostmasterFacts.judge("relay-probe@example.org",
                "postmaster@example.test", mail, rcpt)).build();
    }

    /** {@code report} whose relay probe's MAIL FROM was answered {@code mail}. */
    private static AddressReport refusingMailFrom(AddressReport report, SmtpReply mail) {
        return report.toBuilder().relay(new RelayFacts("relay-probe@example.org", "relay-probe@example.net", mail, null,
                RelayVerdict.INCONCLUSIVE, "MAIL FROM was refused")).build();
    }

    @Test
    void anIpLiteralAsTheOnlyMxIsNeverProbedAndCritical() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(literal("192.0.2.4", 10)), false));
        Map<String, Boolean> probed = new ConcurrentHashMap<>();

        CheckReport report = run(dns, (n, a, d) -> {
            probed.put(a.getHostAddress(), true);
            return Reports.accepting(a.getHostAddress());
        }, OPTIONS);

        assertThat(probed).isEmpty();
        assertThat(report.mx().get(0).addresses()).isEmpty();
        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.MX_IS_IP_LITERAL, Severity.CRITICAL));
    }

    @Test
    void anIpLiteralBesideAWorkingMxIsAWarning() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                literal("192.0.2.4", 20)), false));
        Map<String, Boolean> probed = new ConcurrentHashMap<>();

        CheckReport report = run(dns, (n, a, d) -> {
            probed.put(a.getHostAddress(), true);
            return Reports.accepting(a.getHostAddress());
        }, OPTIONS);

        assertThat(probed.keySet()).containsExactly("192.0.2.1");
        assertThat(report.state()).isEqualTo(State.WARNING);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.MX_IS_IP_LITERAL).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void ipv4OnlyOnAnIpv6OnlyMxSaysItHasNoIpv4AddressNotUnreachable() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx6.example.test", 10, "2001:db8::1")), false));

        CheckReport report = run(dns, (n, a, d) -> Reports.accepting(a.getHostAddress()),
                OPTIONS.withFamily(AddressFamily.IPV4));

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.summary()).isEqualTo("1 of 1 MX has no IPv4 address (mx6.example.test)");
        assertThat(report.mx().get(0).notProbed()).containsExactly("2001:db8::1");
    }

    @Test
    void ipv4OnlyWithAnotherMxStillUnreachableNamesBoth() {
        MxResolver dns = resolver(() -> new MxLookup.Hosts(List.of(host("mx6.example.test", 10, "2001:db8::1"),
                host("mx2.example.test", 20, "192.0.2.2")), false));

        CheckReport report = run(dns,
                (n, a, d) -> Reports.unreachable(a.getHostAddress(), FailureReason.REFUSED, "connection refused"),
                OPTIONS.withFamily(AddressFamily.IPV4));

        assertThat(report.summary()).startsWith(
                "1 of 2 MX has no IPv4 address (mx6.example.test); 1 of 2 MX unreachable (mx2.example.test)");
    }

    @Test
    void aPostmasterRefusedByEveryMxIsCriticalAndByOneOfTwoAWarning() {
        SmtpReply refused = new SmtpReply(554, "5.7.1", List.of("5.7.1 <postmaster@example.test>: Relay access denied"));
        SmtpReply accepted = new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok"));
        MxResolver one = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        MxResolver two = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("backup.example.test", 20, "192.0.2.2")), false));
        MailCheck.AddressProber backupRefuses = (n, a, d) -> withPostmaster(Reports.accepting(a.getHostAddress()),
                n.startsWith("backup") ? refused : accepted);

        CheckReport alone = run(one, (n, a, d) -> withPostmaster(Reports.accepting(a.getHostAddress()), refused),
                OPTIONS);
        CheckReport withPrimary = run(two, backupRefuses, OPTIONS);

        assertThat(alone.state()).isEqualTo(State.CRITICAL);
        assertThat(alone.summary()).contains("1 of 1 MX not accepting mail (mx1.example.test)",
                "POSTMASTER_REJECTED on mx1.example.test");
        assertThat(withPrimary.state()).isEqualTo(State.WARNING);
        assertThat(withPrimary.findings()).filteredOn(f -> f.code() == FindingCode.POSTMASTER_REJECTED)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.subject()).startsWith("backup.example.test");
                });
    }

    @Test
    void mailFromRefusedByEveryMxIsCriticalAndByOneOfTwoAWarning() {
        SmtpReply auth = new SmtpReply(530, "5.7.0", List.of("5.7.0 Authentication required"));
        MxResolver one = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1")), false));
        MxResolver two = resolver(() -> new MxLookup.Hosts(List.of(host("mx1.example.test", 10, "192.0.2.1"),
                host("submission.example.test", 20, "192.0.2.2")), false));

        CheckReport alone = run(one, (n, a, d) -> refusingMailFrom(Reports.accepting(a.getHostAddress()), auth),
                OPTIONS);
        CheckReport oneOfTwo = run(two, (n, a, d) -> n.startsWith("submission")
                ? refusingMailFrom(Reports.accepting(a.getHostAddress()), auth) : Reports.accepting(a.getHostAddress()),
                OPTIONS);

        assertThat(alone.state()).isEqualTo(State.CRITICAL);
        assertThat(alone.findings()).extracting(Finding::code).contains(FindingCode.MAIL_FROM_REJECTED)
                .doesNotContain(FindingCode.RELAY_TEST_INCONCLUSIVE);
        assertThat(oneOfTwo.state()).isEqualTo(State.WARNING);
        assertThat(oneOfTwo.findings()).filteredOn(f -> f.code() == FindingCode.MAIL_FROM_REJECTED).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }
}
