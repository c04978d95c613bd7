package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.dns.MxLookup;
import dev.smtpmxcheck.core.dns.MxResolver;
import dev.smtpmxcheck.core.dnsbl.DnsblLookup;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.Reports;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MailCheck starts the blocklist lookups of each address with its probe and joins them to its report and findings. */
class MailCheckDnsblTest {

    private static final MxResolver ONE_MX = new MxResolver() {
        @Override
        public MxLookup lookup(String domain) {
            return new MxLookup.Hosts(List.of(resolveHost("mx1.example.test")), false);
        }

        @Override
        public MxHost resolveHost(String host) {
            try {
                return new MxHost(host, 10, List.of(InetAddress.getByName("192.0.2.1")), List.of(), false, null, null);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static final DnsblFacts LISTED_AND_REFUSED = new DnsblFacts(List.of(
            new DnsblResult.Listed("bl.test", "1.2.0.192.bl.test", List.of("127.0.0.2"), List.of("listed"), "why"),
            new DnsblResult.Unchecked("refused-bl.test", "1.2.0.192.refused-bl.test", DnsblResult.Why.REFUSED_BY_LIST,
                    List.of("127.255.255.254"), "refused")));

    private final List<String> started = new ArrayList<>();

    private CheckReport run(boolean critical) {
        CheckOptions options = CheckOptions.defaults().withTimeout(Duration.ofSeconds(3))
                .withStageTimeout(Duration.ofSeconds(1))
                .withDnsbl(new DnsblOptions(List.of("bl.test", "refused-bl.test"), critical));
        DnsblLookup.Starter dnsbl = address -> {
            started.add(address.getHostAddress());
            return end -> LISTED_AND_REFUSED;
        };
        return new MailCheck(ONE_MX, (name, address, deadline) -> Reports.accepting("192.0.2.1"), null, null,
                options, Clock.systemUTC(), null, dnsbl, null).checkDomain("example.test");
    }

    @Test
    void aListingIsAWarningOfTheAddressAndARefusalOnlyANote() {
        CheckReport report = run(false);

        assertThat(started).containsExactly("192.0.2.1");
        assertThat(report.mx().get(0).addresses().get(0).dnsbl().seen()).contains(LISTED_AND_REFUSED);
        assertThat(report.state()).isEqualTo(State.WARNING);
        assertThat(report.findings()).filteredOn(f -> f.code().name().startsWith("DNSBL"))
                .extracting(Finding::code, Finding::severity, Finding::subject).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FindingCode.DNSBL_LISTED, Severity.WARNING,
                                "mx1.example.test [192.0.2.1]:25"),
                        org.assertj.core.groups.Tuple.tuple(FindingCode.DNSBL_UNCHECKED, Severity.INFO,
                                "mx1.example.test [192.0.2.1]:25"));
    }

    @Test
    void aListingIsCriticalWhenAsked() {
        assertThat(run(true).state()).isEqualTo(State.CRITICAL);
    }
}
