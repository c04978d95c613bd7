package dev.smtpmxcheck.core.family;

import dev.smtpmxcheck.core.report.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.FamilyParity;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyParityJudgeTest {

    private static MxReport host(AddressReport... addresses) {
        return FamilyParityJudge.withParity(List.of(MxReports.mx("mx1.example.test", 10, addresses))).get(0);
    }

    /** {@code a} with a leaf certificate of fingerprint {@code print}. */
    private static AddressReport withCertificate(AddressReport a, String print) {
        TlsFacts t = a.tlsSession().orElseThrow();
        CertificateFacts leaf = t.chain().get(0);
        CertificateFacts other = new CertificateFacts(0, leaf.subject(), leaf.issuer(), leaf.serial(), leaf.notBefore(),
                leaf.notAfter(), leaf.daysLeft(), leaf.dnsNames(), leaf.ipAddresses(), leaf.subjectCommonName(),
                leaf.keyAlgorithm(), leaf.keyBits(), leaf.signatureAlgorithm(), leaf.selfSigned(), print);
        TlsFacts changed = new TlsFacts(t.protocol(), t.cipherSuite(), t.handshakeMillis(), t.sni(), List.of(other),
                t.trust(), t.trustDetail(), t.nameMatches());
        return a.toBuilder().tls(changed).build();
    }

    private static AddressReport greetingAs(AddressReport a, String host) {
        Greeting g = a.greeting().seen().orElseThrow();
        return a.toBuilder().greeting(new Greeting(g.reply(), g.millis(), host, g.software(), g.version())).build();
    }

    private static List<FindingCode> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    @Test
    void oneFamilyOnlyHasNoParity() {
        MxReport mx = host(Reports.accepting("192.0.2.1"), Reports.accepting("192.0.2.2"));

        assertThat(mx.parity()).isNull();
        assertThat(FamilyParityJudge.findings(mx)).isEmpty();
    }

    @Test
    void twoFamiliesThatAgreeGiveNoFinding() {
        MxReport mx = host(Reports.accepting("192.0.2.1"), Reports.accepting("2001:db8::1"));

        assertThat(mx.parity()).isEqualTo(new FamilyParity(true, true, List.of("00"), List.of("00"),
                List.of("mx.example.test"), List.of("mx.example.test")));
        assertThat(FamilyParityJudge.findings(mx)).isEmpty();
    }

    @Test
    void anUnreachableIpv6AddressIsNamed() {
        MxReport mx = host(Reports.accepting("192.0.2.1"), Reports.unreachable("2001:db8::1", FailureReason.REFUSED, "connection refused"));

        List<Finding> findings = FamilyParityJudge.findings(mx);

        assertThat(mx.parity().ipv4Reachable()).isTrue();
        assertThat(mx.parity().ipv6Reachable()).isFalse();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MX_FAMILY_REACHABILITY_DIFFERS);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subject()).isEqualTo("mx1.example.test");
            assertThat(f.message()).isEqualTo("IPv4 takes mail, IPv6 does not: [2001:db8::1]: connection refused");
        });
    }

    @Test
    void anUnreachableIpv4AddressIsNamedToo() {
        MxReport mx = host(Reports.unreachable("192.0.2.1", FailureReason.TIMEOUT, "connect timed out after 10 s"), Reports.accepting("2001:db8::1"));

        assertThat(FamilyParityJudge.findings(mx)).extracting(Finding::message)
                .containsExactly("IPv6 takes mail, IPv4 does not: [192.0.2.1]: connect timed out after 10 s");
    }

    @Test
    void differentCertificatesAndGreetingsAreReported() {
        MxReport mx = host(Reports.accepting("192.0.2.1"),
                greetingAs(withCertificate(Reports.accepting("2001:db8::1"), "ff"), "old-mx.example.test"));

        List<Finding> findings = FamilyParityJudge.findings(mx);

        assertThat(codes(findings)).containsExactly(FindingCode.MX_FAMILY_CERTIFICATE_DIFFERS,
                FindingCode.MX_FAMILY_GREETING_DIFFERS);
        assertThat(findings.get(1).message()).isEqualTo("IPv4 greets as mx.example.test, IPv6 as old-mx.example.test");
        assertThat(findings.get(1).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aFamilyWithoutTlsIsNotACertificateDifference() {
        AddressReport v6 = Reports.accepting("2001:db8::1");
        AddressReport noTls = AddressReport.builder(v6.address(), 25).connected(3).greeting(v6.greeting())
                .ehlo(v6.ehlo()).relay(v6.relay()).totalMillis(20).build();

        assertThat(codes(FamilyParityJudge.findings(host(Reports.accepting("192.0.2.1"), noTls)))).isEmpty();
    }

    @Test
    void noIpv6MxIsNotedWhenMailWorksOnlyOverIpv4() {
        List<MxReport> v4only = List.of(host(Reports.accepting("192.0.2.1")));
        List<MxReport> v6dead = List.of(host(Reports.accepting("192.0.2.1"),
                Reports.unreachable("2001:db8::1", FailureReason.REFUSED, "connection refused")));
        List<MxReport> v6works = List.of(host(Reports.accepting("192.0.2.1"), Reports.accepting("2001:db8::1")));
        List<MxReport> nothingWorks = List.of(host(Reports.unreachable("192.0.2.1", FailureReason.REFUSED, "connection refused")));

        assertThat(FamilyParityJudge.noIpv6("example.test", v4only)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.NO_IPV6_MX);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.subject()).isEqualTo("example.test");
            assertThat(f.message()).isEqualTo("no MX host has an IPv6 (AAAA) address");
        });
        assertThat(FamilyParityJudge.noIpv6("example.test", v6dead)).extracting(Finding::message)
                .containsExactly("none of the 1 IPv6 address of the MX hosts takes mail");
        assertThat(FamilyParityJudge.noIpv6("example.test", v6works)).isEmpty();
        assertThat(FamilyParityJudge.noIpv6("example.test", nothingWorks)).isEmpty();
    }

    @Test
    void noIpv6MxOnlyWhenBothFamiliesWereProbed() {
        List<MxReport> v4only = List.of(host(Reports.accepting("192.0.2.1")));

        assertThat(codes(FamilyParityJudge.hostFindings("example.test", v4only, true)))
                .containsExactly(FindingCode.NO_IPV6_MX);
        assertThat(FamilyParityJudge.hostFindings("example.test", v4only, false)).isEmpty();
    }
}
