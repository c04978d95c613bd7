package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsFindingsTest {

    private static final String DOMAIN = "example.com";

    private static InetAddress ip(String literal) {
        return DomainNames.parseIpLiteral(literal);
    }

    private static MxHost host(String name, int preference, String address) {
        return new MxHost(name, preference, List.of(ip(address)), List.of(), false, null, null);
    }

    @ParameterizedTest
    @CsvSource({
        "NXDOMAIN, DNS_NXDOMAIN",
        "SERVFAIL, DNS_SERVFAIL",
        "TIMEOUT,  DNS_TIMEOUT",
        "OTHER,    DNS_FAILURE"
    })
    void failedLookupGivesOneDomainFinding(DnsFailure failure, FindingCode code) {
        MxLookup lookup = new MxLookup.Failed(failure, "example.com MX: what the resolver said");

        List<Finding> findings = DnsFindings.of(DOMAIN, lookup);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.subject()).isEqualTo(DOMAIN);
            // The resolver's own words already name the query and the answer: no stutter around them.
            assertThat(f.message()).isEqualTo("example.com MX: what the resolver said");
        });
    }

    @Test
    void nullMxIsInfo() {
        List<Finding> findings = DnsFindings.of(DOMAIN, new MxLookup.NullMx());

        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject)
                .containsExactly(tuple(FindingCode.NULL_MX, Severity.INFO, DOMAIN));
        assertThat(findings.get(0).message()).contains("0 .");
    }

    @Test
    void nullMxBesideOtherMxIsAWarningNamingTheOthers() {
        MxLookup lookup = new MxLookup.Hosts(List.of(host("mx1.example.com", 10, "192.0.2.1")), true);

        List<Finding> findings = DnsFindings.of(DOMAIN, lookup);

        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject)
                .containsExactly(tuple(FindingCode.NULL_MX_WITH_OTHER_MX, Severity.WARNING, DOMAIN));
        assertThat(findings.get(0).message()).contains("MX 10 mx1.example.com");
    }

    @Test
    void cleanMxHostsGiveNoFinding() {
        MxLookup lookup = new MxLookup.Hosts(List.of(host("mx1.example.com", 10, "192.0.2.1"),
                host("mx2.example.com", 20, "2001:db8::2")), false);

        assertThat(DnsFindings.of(DOMAIN, lookup)).isEmpty();
    }

    @Test
    void implicitMxWithAddressesNamesThem() {
        MxLookup lookup = new MxLookup.Implicit(new MxHost(DOMAIN, 0, List.of(ip("192.0.2.7"), ip("2001:db8:0:0:0:0:0:7")),
                List.of(), false, null, null));

        List<Finding> findings = DnsFindings.of(DOMAIN, lookup);

        assertThat(findings).extracting(Finding::code, Finding::subject).containsExactly(tuple(FindingCode.IMPLICIT_MX, DOMAIN));
        assertThat(findings.get(0).message()).contains("192.0.2.7, 2001:db8::7");
    }

    @Test
    void implicitMxWithoutAddressIsNoMailHost() {
        MxLookup lookup = new MxLookup.Implicit(new MxHost(DOMAIN, 0, List.of(), List.of(), false, "no A or AAAA records", null));

        List<Finding> findings = DnsFindings.of(DOMAIN, lookup);

        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject)
                .containsExactly(tuple(FindingCode.NO_MAIL_HOST, Severity.CRITICAL, DOMAIN));
        assertThat(findings.get(0).message()).contains("no A or AAAA records");
    }

    @Test
    void perHostFindingsNameTheHost() {
        MxLookup lookup = new MxLookup.Hosts(List.of(
                new MxHost("192.0.2.1", 5, List.of(ip("192.0.2.1")), List.of(), true, null, null),
                new MxHost("mx.example.com", 10, List.of(ip("192.0.2.9")),
                        List.of("alias.example.net", "real.example.net"), false, null, null),
                new MxHost("gone.example.com", 20, List.of(), List.of(), false, "NXDOMAIN", null),
                new MxHost("loop.example.com", 30, List.of(), List.of("a.example.com", "loop.example.com"), false,
                        "CNAME loop", null)),
                false);

        List<Finding> findings = DnsFindings.of(DOMAIN, lookup);

        assertThat(findings).extracting(Finding::code, Finding::subject).containsExactly(
                tuple(FindingCode.MX_IS_IP_LITERAL, "192.0.2.1"),
                tuple(FindingCode.MX_IS_CNAME, "mx.example.com"),
                tuple(FindingCode.MX_HOST_NO_ADDRESS, "gone.example.com"),
                tuple(FindingCode.MX_IS_CNAME, "loop.example.com"),
                tuple(FindingCode.MX_HOST_NO_ADDRESS, "loop.example.com"));
        assertThat(findings.get(1).message()).contains("mx.example.com -> alias.example.net -> real.example.net");
        assertThat(findings.get(2).message()).contains("MX 20 gone.example.com", "NXDOMAIN");
        assertThat(findings.get(2).remediation()).contains("gone.example.com");
        assertThat(findings.get(4).message()).contains("CNAME loop");
    }
}
