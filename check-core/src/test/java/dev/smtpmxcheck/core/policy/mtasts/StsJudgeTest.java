package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.report.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MTA-STS judgement with in-memory DNS answers, fetch results and probe reports. */
class StsJudgeTest {

    private static final String DOMAIN = "example.test";
    private static final Instant NOW = Instant.now();
    private static final String SHA256_OF_BODY = "1e145de31b6529a5238b74ff525ec6ba97179c289d0bb7d243a75d87cdb03b9d";
    private static final TxtLookup RECORD = new TxtLookup.Records(List.of("v=spf1 -all", "v=STSv1; id=20261130;"));

    private static PolicyFetcher.Result policy(String mode, String... mx) {
        StringBuilder sb = new StringBuilder("version: STSv1\r\nmode: " + mode + "\r\n");
        for (String m : mx) {
            sb.append("mx: ").append(m).append("\r\n");
        }
        return new PolicyFetcher.Result.Fetched("text/plain; charset=utf-8", sb.append("max_age: 604800\r\n").toString());
    }

    /** An MX whose one address presents a trusted certificate naming exactly {@code certName}. */
    private static MxReport mx(String host, String certName) {
        AddressReport base = Reports.accepting("192.0.2.1");
        CertificateFacts leaf = new CertificateFacts(0, "CN=" + certName, "CN=Test CA", "0A", NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.ofDays(80)), 80, List.of(certName), List.of(), certName, "EC", 256, "SHA256withECDSA",
                false, "00");
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384", 8, host, List.of(leaf), TrustStatus.TRUSTED, null,
                certName.equals(host));
        return MxReports.mx(host, 10, withTls(base, tls));
    }

    private static AddressReport withTls(AddressReport a, TlsFacts tls) {
        return a.toBuilder().tls(tls == null
                ? dev.smtpmxcheck.core.report.Outcome.notRun(dev.smtpmxcheck.core.report.NotRunReason.NOT_OFFERED)
                : dev.smtpmxcheck.core.report.Outcome.done(tls)).build();
    }

    private static List<FindingCode> codes(StsJudge.Judgement j) {
        return j.findings().stream().map(Finding::code).toList();
    }

    @Test
    void enforceWithEveryMxCoveredAndSecureHasNoFinding() {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("enforce", "*.example.test")),
                List.of(mx("mx1.example.test", "mx1.example.test"), mx("mx2.example.test", "mx2.example.test")), NOW);

        assertThat(j.findings()).isEmpty();
        assertThat(j.facts().mode()).isEqualTo("enforce");
        assertThat(j.facts().id()).isEqualTo("20261130");
        assertThat(j.facts().maxAgeSeconds()).isEqualTo(604800L);
        assertThat(j.facts().records()).containsExactly("v=STSv1; id=20261130;");
        assertThat(j.facts().policyUrl()).isEqualTo("https://mta-sts.example.test/.well-known/mta-sts.txt");
    }

    @ParameterizedTest(name = "mode {0}: MX not covered is {1}")
    @CsvSource({"enforce, CRITICAL", "testing, WARNING"})
    void uncoveredMxIsCriticalUnderEnforceAndWarningUnderTesting(String mode, Severity severity) {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy(mode, "mx1.example.test")),
                List.of(mx("mx1.example.test", "mx1.example.test"), mx("mx2.example.test", "mx2.example.test")), NOW);

        assertThat(j.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_MX_NOT_COVERED).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(severity);
                    assertThat(f.subject()).isEqualTo("mx2.example.test");
                    assertThat(f.message()).contains("deliver to mx2.example.test").contains("mx1.example.test");
                });
        assertThat(j.facts().mxNotCovered()).containsExactly("mx2.example.test");
    }

    @Test
    void enforceWithAWrongCertificateSaysAStrictSenderWillNotDeliver() {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("enforce", "*.example.test")),
                List.of(mx("mx1.example.test", "mx1.example.test"), mx("mx2.example.test", "other.example.invalid")), NOW);

        assertThat(j.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MTA_STS_MX_NOT_SECURE);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.subject()).isEqualTo("mx2.example.test [192.0.2.1]:25");
            assertThat(f.message()).startsWith("a strict sender will not deliver to mx2.example.test: ")
                    .contains("other.example.invalid");
        });
    }

    @Test
    void testingWithAnExpiredCertificateIsAWarningAndTheModeIsNoted() {
        MxReport good = mx("mx1.example.test", "mx1.example.test");
        AddressReport a = good.addresses().get(0);
        CertificateFacts leaf = a.tlsSession().orElseThrow().chain().get(0);
        CertificateFacts expired = new CertificateFacts(0, leaf.subject(), leaf.issuer(), leaf.serial(),
                NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(5)), -5, leaf.dnsNames(), List.of(),
                leaf.subjectCommonName(), "EC", 256, "SHA256withECDSA", false, "00");
        TlsFacts tls = new TlsFacts("TLSv1.3", "x", 1, "mx1.example.test", List.of(expired), TrustStatus.TRUSTED, null, true);
        MxReport mx = MxReports.mx("mx1.example.test", 10, withTls(a, tls));

        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("testing", "mx1.example.test")),
                List.of(mx), NOW);

        assertThat(codes(j)).containsExactlyInAnyOrder(FindingCode.MTA_STS_MODE_TESTING, FindingCode.MTA_STS_MX_NOT_SECURE);
        assertThat(j.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_MX_NOT_SECURE).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("expired");
                });
    }

    @Test
    void noStartTlsAndUntrustedChainsAreNotSecure() {
        AddressReport plain = AddressReport.builder("192.0.2.2", 25).connected(1)
                .greeting(Reports.accepting("x").greeting())
                .ehlo(Ehlo.ehlo(Reports.accepting("x").ehlo().seen().orElseThrow().reply(), List.of()))
                .tls(dev.smtpmxcheck.core.report.Outcome.notRun(dev.smtpmxcheck.core.report.NotRunReason.NOT_OFFERED))
                .totalMillis(5).build();
        TlsFacts selfSigned = new TlsFacts("TLSv1.3", "x", 1, "mx2.example.test", Reports.goodTls().chain(),
                TrustStatus.SELF_SIGNED, "self-signed", true);
        MxReport mx1 = MxReports.mx("mx1.example.test", 10, plain);
        MxReport mx2 = MxReports.mx("mx2.example.test", 20, withTls(Reports.accepting("192.0.2.3"), selfSigned));

        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("enforce", "*.example.test")),
                List.of(mx1, mx2), NOW);

        assertThat(j.findings()).extracting(Finding::message).containsExactly(
                "a strict sender will not deliver to mx1.example.test: STARTTLS is not offered",
                "a strict sender will not deliver to mx2.example.test: the certificate chain is not trusted (self-signed: self-signed)");
    }

    @Test
    void aCertificateNamingTheHostOnlyInTheCommonNameIsNotEnough() {
        CertificateFacts cnOnly = new CertificateFacts(0, "CN=mx1.example.test", "CN=CA", "01", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(50)), 50, List.of(), List.of(), "mx1.example.test", "EC", 256, "SHA256withECDSA",
                false, "00");
        TlsFacts tls = new TlsFacts("TLSv1.3", "x", 1, "mx1.example.test", List.of(cnOnly), TrustStatus.TRUSTED, null, true);
        MxReport mx1 = MxReports.mx("mx1.example.test", 10, withTls(Reports.accepting("192.0.2.1"), tls));

        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("enforce", "mx1.example.test")),
                List.of(mx1), NOW);

        assertThat(codes(j)).containsExactly(FindingCode.MTA_STS_MX_NOT_SECURE);
    }

    @Test
    void anUnreachableAddressIsLeftToTheReachabilityFindings() {
        MxReport mx1 = MxReports.mx("mx1.example.test", 10,
                Reports.unreachable("192.0.2.1", FailureReason.REFUSED, "connection refused"));

        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("enforce", "mx1.example.test")),
                List.of(mx1), NOW);

        assertThat(j.findings()).isEmpty();
    }

    @Test
    void modeNoneJudgesNoMx() {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, policy("none", "other.example")),
                List.of(mx("mx1.example.test", "wrong.example")), NOW);

        assertThat(codes(j)).containsExactly(FindingCode.MTA_STS_MODE_NONE);
        assertThat(j.findings().get(0).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void recordProblems() {
        List<MxReport> mx = List.of(mx("mx1.example.test", "mx1.example.test"));

        assertThat(codes(StsJudge.judge(DOMAIN, new StsDiscovery(new TxtLookup.None("NXDOMAIN"), null), mx, NOW)))
                .containsExactly(FindingCode.MTA_STS_ABSENT);
        assertThat(codes(StsJudge.judge(DOMAIN, new StsDiscovery(
                new TxtLookup.Records(List.of("v=STSv1; id=1", "v=STSv1; id=2")), null), mx, NOW)))
                .containsExactly(FindingCode.MTA_STS_RECORD_MULTIPLE);
        assertThat(codes(StsJudge.judge(DOMAIN, new StsDiscovery(new TxtLookup.Records(List.of("v=STSv1; id=a-b")), null),
                mx, NOW))).containsExactly(FindingCode.MTA_STS_RECORD_INVALID);
        assertThat(codes(StsJudge.judge(DOMAIN, new StsDiscovery(new TxtLookup.Failed(DnsFailure.SERVFAIL, "SERVFAIL"),
                null), mx, NOW))).containsExactly(FindingCode.MTA_STS_LOOKUP_FAILED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "UNREACHABLE, MTA_STS_POLICY_UNREACHABLE",
        "CERTIFICATE_INVALID, MTA_STS_POLICY_HOST_CERT_INVALID",
        "TOO_LARGE, MTA_STS_POLICY_INVALID"
    })
    void fetchFailures(PolicyFetcher.FailureKind kind, FindingCode code) {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD,
                new PolicyFetcher.Result.Failed(kind, "what happened", null)), List.of(), NOW);

        assertThat(j.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subject()).isEqualTo(DOMAIN);
            assertThat(f.message()).isEqualTo("https://mta-sts.example.test/.well-known/mta-sts.txt: what happened");
        });
        assertThat(j.facts().mode()).isNull();
    }

    @ParameterizedTest(name = "Content-Type [{0}] is text/plain: {1}")
    @CsvSource(delimiter = '|', value = {
        "text/plain|true", "text/plain; charset=utf-8|true", "TEXT/PLAIN;charset=US-ASCII|true",
        "text/html|false", "application/octet-stream|false", "text/plainx|false"
    })
    void mediaType(String contentType, boolean ok) {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, new PolicyFetcher.Result.Fetched(contentType,
                "version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 86400\n")),
                List.of(mx("mx1.example.test", "mx1.example.test")), NOW);

        assertThat(codes(j).contains(FindingCode.MTA_STS_POLICY_INVALID)).isEqualTo(!ok);
    }

    @Test
    void aMalformedPolicyIsInvalid() {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, new PolicyFetcher.Result.Fetched("text/plain",
                "version: STSv1\nmode: enforce\nmx: mx1.example.test\n")), List.of(), NOW);

        assertThat(j.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MTA_STS_POLICY_INVALID);
            assertThat(f.message()).endsWith("no max_age field");
        });
    }

    private static PolicyFetcher.Result withMaxAge(String mode, long maxAge) {
        return new PolicyFetcher.Result.Fetched("text/plain", "version: STSv1\nmode: " + mode
                + "\nmx: mx1.example.test\nmax_age: " + maxAge + "\n");
    }

    @ParameterizedTest(name = "mode {0}, max_age {1} s: a note {2}")
    @CsvSource({
        "enforce, 86399, true", "enforce, 0, true", "testing, 3600, true", "enforce, 86400, false",
        "enforce, 31557600, false", "none, 3600, false"
    })
    void aMaxAgeUnderOneDayIsANoteExceptWhenWithdrawing(String mode, long maxAge, boolean noted) {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, withMaxAge(mode, maxAge)),
                List.of(mx("mx1.example.test", "mx1.example.test")), NOW);

        assertThat(j.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_MAX_AGE_SHORT)
                .hasSize(noted ? 1 : 0)
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.subject()).isEqualTo(DOMAIN);
                    assertThat(f.message()).contains("max_age " + maxAge + " s, under one day (86400 s)");
                });
        assertThat(j.facts().maxAgeSeconds()).isEqualTo(maxAge);
    }

    @Test
    void aMaxAgeOverOneYearMakesThePolicyInvalid() {
        StsJudge.Judgement j = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD, withMaxAge("enforce", 31_557_601L)),
                List.of(mx("mx1.example.test", "mx1.example.test")), NOW);

        assertThat(j.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.MTA_STS_POLICY_INVALID);
            assertThat(f.message()).endsWith("max_age 31557601 exceeds the limit of 31557600 s (one year, RFC 8461 §3.2)");
        });
        assertThat(j.facts().mode()).isNull();
        assertThat(j.facts().policySha256()).isNotNull();
    }

    @Test
    void thePolicyDigestIsTheSha256OfTheBodyAndChangesWithIt() {
        String body = "version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 604800\n";

        StsJudge.Judgement one = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD,
                new PolicyFetcher.Result.Fetched("text/plain", body)), List.of(), NOW);
        StsJudge.Judgement other = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD,
                new PolicyFetcher.Result.Fetched("text/plain", body + "mx: mx2.example.test\n")), List.of(), NOW);
        StsJudge.Judgement unreachable = StsJudge.judge(DOMAIN, new StsDiscovery(RECORD,
                new PolicyFetcher.Result.Failed(PolicyFetcher.FailureKind.UNREACHABLE, "HTTP 404", 404)), List.of(), NOW);

        // printf 'version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 604800\n' | sha256sum
        assertThat(one.facts().policySha256()).isEqualTo(SHA256_OF_BODY);
        assertThat(other.facts().policySha256()).hasSize(64).isNotEqualTo(SHA256_OF_BODY);
        assertThat(unreachable.facts().policySha256()).isNull();
    }
}
