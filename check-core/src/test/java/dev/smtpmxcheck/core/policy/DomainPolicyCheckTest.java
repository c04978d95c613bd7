package dev.smtpmxcheck.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.dns.MxLookup;
import dev.smtpmxcheck.core.dns.MxResolver;
import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.dns.TxtResolver;
import dev.smtpmxcheck.core.policy.mtasts.MtaStsCheck;
import dev.smtpmxcheck.core.policy.mtasts.PolicyFetcher;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.Reports;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The policy step inside {@link MailCheck}, with in-memory DNS, probe and policy fetch. */
class DomainPolicyCheckTest {

    // IPv4 only: the fake MX hosts have no IPv6 address, and NO_IPV6_MX is not what these tests are about.
    private static final CheckOptions OPTIONS = CheckOptions.defaults().withTimeout(Duration.ofSeconds(3))
            .withStageTimeout(Duration.ofSeconds(1)).withFamily(dev.smtpmxcheck.core.AddressFamily.IPV4);

    private static MxResolver mx(MxLookup answer) {
        return new MxResolver() {
            @Override
            public MxLookup lookup(String domain) {
                return answer;
            }

            @Override
            public MxHost resolveHost(String host) {
                throw new AssertionError("not used");
            }
        };
    }

    private static MxHost host(String name, int preference) {
        return new MxHost(name, preference, List.of(InetAddress.getLoopbackAddress()), List.of(), false, null, null);
    }

    private static TxtResolver txt(Map<String, TxtLookup> records) {
        return name -> records.getOrDefault(name, new TxtLookup.None("NXDOMAIN"));
    }

    @Test
    void anEnforcedPolicyThatLeavesOutABackupMxIsAWarningWhileTheListedMxTakesMail() {
        MxResolver dns = mx(new MxLookup.Hosts(List.of(host("mx.example.test", 10), host("mx2.example.test", 20)), false));
        TxtResolver txt = txt(Map.of("_mta-sts.example.test", new TxtLookup.Records(List.of("v=STSv1; id=9")),
                "_smtp._tls.example.test", new TxtLookup.Records(List.of("v=TLSRPTv1; rua=mailto:r@example.test"))));
        MtaStsCheck.PolicySource fetch = (domain, deadline) -> new PolicyFetcher.Result.Fetched("text/plain",
                "version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\n");
        DomainPolicyCheck policies = new DomainPolicyCheck(txt, new MtaStsCheck(txt, fetch), true, true);

        CheckReport r = new MailCheck(dns, (name, address, deadline) -> Reports.accepting("127.0.0.1"), null, null,
                OPTIONS, Clock.systemUTC(), policies, null, null).checkDomain("example.test");

        // MTA-STS senders refuse mx2 but deliver to mx, which the policy lists (RFC 8461 §4.1, RFC 5321 §5.1).
        assertThat(r.state()).isEqualTo(State.WARNING);
        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.MTA_STS_MX_NOT_COVERED);
        assertThat(r.findings().get(0).subject()).isEqualTo("mx2.example.test");
        assertThat(r.summary()).isEqualTo("MTA_STS_MX_NOT_COVERED on mx2.example.test");
        assertThat(r.mtaSts().mode()).isEqualTo("enforce");
        assertThat(r.tlsRpt().rua()).containsExactly("mailto:r@example.test");
    }

    @Test
    void anEnforcedPolicyThatListsNoMxOfTheDomainIsCriticalAndTheStatusLineNamesTheSenders() {
        MxResolver dns = mx(new MxLookup.Hosts(List.of(host("mx.example.test", 10)), false));
        TxtResolver txt = txt(Map.of("_mta-sts.example.test", new TxtLookup.Records(List.of("v=STSv1; id=9")),
                "_smtp._tls.example.test", new TxtLookup.Records(List.of("v=TLSRPTv1; rua=mailto:r@example.test"))));
        MtaStsCheck.PolicySource fetch = (domain, deadline) -> new PolicyFetcher.Result.Fetched("text/plain",
                "version: STSv1\nmode: enforce\nmx: other.example.test\nmax_age: 86400\n");
        DomainPolicyCheck policies = new DomainPolicyCheck(txt, new MtaStsCheck(txt, fetch), true, true);

        CheckReport r = new MailCheck(dns, (name, address, deadline) -> Reports.accepting("127.0.0.1"), null, null,
                OPTIONS, Clock.systemUTC(), policies, null, null).checkDomain("example.test");

        assertThat(r.state()).isEqualTo(State.CRITICAL);
        assertThat(r.findings()).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.MTA_STS_MX_NOT_COVERED,
                        dev.smtpmxcheck.core.report.Severity.CRITICAL));
        assertThat(r.summary()).isEqualTo("MTA-STS senders cannot deliver to mx.example.test: not listed in the MTA-STS"
                + " policy; MTA_STS_MX_NOT_COVERED on mx.example.test");
    }

    @Test
    void withoutAValidRecordNoPolicyIsFetched() {
        AtomicInteger fetches = new AtomicInteger();
        TxtResolver txt = txt(Map.of("_mta-sts.example.test", new TxtLookup.Records(List.of("v=STSv1; id=bad-id"))));
        DomainPolicyCheck policies = new DomainPolicyCheck(txt, new MtaStsCheck(txt, (d, t) -> {
            fetches.incrementAndGet();
            return new PolicyFetcher.Result.Failed(PolicyFetcher.FailureKind.UNREACHABLE, "x", null);
        }), true, false);

        CheckReport r = new MailCheck(mx(new MxLookup.Hosts(List.of(host("mx.example.test", 10)), false)),
                (name, address, deadline) -> Reports.accepting("127.0.0.1"), null, null, OPTIONS, Clock.systemUTC(),
                policies, null, null)
                .checkDomain("example.test");

        assertThat(fetches).hasValue(0);
        assertThat(r.findings()).extracting(Finding::code).containsExactly(FindingCode.MTA_STS_RECORD_INVALID);
        assertThat(r.tlsRpt()).isNull();
    }

    @Test
    void aLookupThatThrowsIsAFailedLookupNotAFailedCheck() {
        TxtResolver throwing = name -> {
            throw new IllegalArgumentException(name + " is longer than 255 octets");
        };
        DomainPolicyCheck policies = new DomainPolicyCheck(throwing, new MtaStsCheck(throwing, (d, t) -> null), true,
                true);

        CheckReport r = new MailCheck(mx(new MxLookup.Hosts(List.of(host("mx.example.test", 10)), false)),
                (name, address, deadline) -> Reports.accepting("127.0.0.1"), null, null, OPTIONS, Clock.systemUTC(),
                policies, null, null)
                .checkDomain("example.test");

        assertThat(r.state()).isEqualTo(State.WARNING);
        assertThat(r.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.MTA_STS_LOOKUP_FAILED, FindingCode.TLSRPT_LOOKUP_FAILED);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.message()).contains("longer than 255 octets"));
    }

    @Test
    void aNullMxDomainHasNoPolicyLookups() {
        TxtResolver txt = name -> {
            throw new AssertionError("no lookup expected for " + name);
        };
        DomainPolicyCheck policies = new DomainPolicyCheck(txt, new MtaStsCheck(txt, (d, t) -> null), true, true);

        CheckReport r = new MailCheck(mx(new MxLookup.NullMx()), (name, address, deadline) -> {
            throw new AssertionError("no probe expected");
        }, null, null, OPTIONS, Clock.systemUTC(), policies, null, null).checkDomain("example.test");

        assertThat(r.mtaSts()).isNull();
        assertThat(r.tlsRpt()).isNull();
    }

    @Test
    void aLookupThatOutlivesTheDeadlineIsReportedNotAwaited() {
        TxtResolver slow = name -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TxtLookup.None("late");
        };
        DomainPolicyCheck policies = new DomainPolicyCheck(slow, new MtaStsCheck(slow, (d, t) -> null), true, true);
        Instant start = Instant.now();

        CheckReport r = new MailCheck(mx(new MxLookup.Hosts(List.of(host("mx.example.test", 10)), false)),
                (name, address, deadline) -> Reports.accepting("127.0.0.1"), null, null, OPTIONS, Clock.systemUTC(),
                policies, null, null)
                .checkDomain("example.test");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(4));
        assertThat(r.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.MTA_STS_LOOKUP_FAILED, FindingCode.TLSRPT_LOOKUP_FAILED);
    }
}
