package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CertificateFindings on hand-built facts: no certificates, no clock; "now" is what daysLeft says. */
class CertificateFindingsTest {
    private static final String SUBJECT = "mx.example.com [192.0.2.1]:25";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @ParameterizedTest(name = "[{index}] daysLeft {0}, -w {1} -c {2} -> {3} {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # daysLeft | warn | crit | code              | severity | message
            89         | 30   | 7    | -                 | -        | -
            30         | 30   | 7    | -                 | -        | -
            29         | 30   | 7    | CERT_EXPIRES_SOON | WARNING  | expires in 29 days, on 2026-12-28 (fewer than 30 days left)
            20         | 30   | 7    | CERT_EXPIRES_SOON | WARNING  | expires in 20 days, on 2026-12-19 (fewer than 30 days left)
            7          | 30   | 7    | CERT_EXPIRES_SOON | WARNING  | expires in 7 days, on 2026-12-06 (fewer than 30 days left)
            5          | 30   | 7    | CERT_EXPIRES_SOON | CRITICAL | expires in 5 days, on 2026-12-04 (fewer than 7 days left)
            1          | 30   | 7    | CERT_EXPIRES_SOON | CRITICAL | expires in 1 day, on 2026-11-30 (fewer than 7 days left)
            0          | 30   | 7    | CERT_EXPIRES_SOON | CRITICAL | expires in 0 days, on 2026-11-29 (fewer than 7 days left)
            0          | 0    | 0    | -                 | -        | -
            -1         | 30   | 7    | CERT_EXPIRED      | CRITICAL | expired 1 day ago, on 2026-11-28
            -5         | 30   | 7    | CERT_EXPIRED      | CRITICAL | expired 5 days ago, on 2026-11-24
            -400       | 0    | 0    | CERT_EXPIRED      | CRITICAL | expired 400 days ago, on 2025-10-25
            """)
    void judgesValidityFromDaysLeft(long daysLeft, int warn, int crit, FindingCode code, Severity severity,
            String message) {
        // Given a trusted, well-named leaf of a year's lifetime that expires daysLeft days (and two hours) after the
        // check (short-lived certificates are judged by their lifetime: CertificateLifetimeTest)
        CertificateFacts leaf = leaf(NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(daysLeft)).plusSeconds(7200),
                daysLeft);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls(leaf), warn, crit);

        // Then
        if (code == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                    .containsExactly(tuple(code, severity, SUBJECT, message));
        }
    }

    @Test
    void reportsNotYetValidOnlyWhenCertain() {
        // Given one leaf valid from an hour after the check, one valid from a second before it
        CertificateFacts future = leaf(NOW.plusSeconds(3600), NOW.plus(Duration.ofDays(90)), 90);
        CertificateFacts current = leaf(NOW.minusSeconds(1), NOW.plus(Duration.ofDays(90)), 90);

        // When
        List<Finding> forFuture = CertificateFindings.of(SUBJECT, tls(future), 30, 7);
        List<Finding> forCurrent = CertificateFindings.of(SUBJECT, tls(current), 30, 7);

        // Then
        assertThat(forFuture).extracting(Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_NOT_YET_VALID, Severity.CRITICAL,
                        "not valid before 2026-11-29 (2026-11-29T13:00:00Z)"));
        assertThat(forCurrent).isEmpty();
    }

    @Test
    void namesChainElementsInSubjects() {
        // Given a healthy leaf and an intermediate that expires in 3 days
        CertificateFacts leaf = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60);
        CertificateFacts intermediate = with(leaf(NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(3)), 3), 1);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls(leaf, intermediate), 30, 7);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject)
                .containsExactly(tuple(FindingCode.CERT_EXPIRES_SOON, Severity.CRITICAL, SUBJECT + " chain[1]"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SELF_SIGNED | CERT_SELF_SIGNED
            INCOMPLETE  | CERT_CHAIN_INCOMPLETE
            UNTRUSTED   | CERT_UNTRUSTED
            """)
    void turnsTrustIntoOneFindingWithTheDetail(TrustStatus status, FindingCode code) {
        // Given
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "mx.example.com",
                List.of(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60)), status,
                "chain[0] CN=mx.example.com: the reason", true);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(tuple(code, Severity.CRITICAL, SUBJECT, "chain[0] CN=mx.example.com: the reason"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} bits -> weak {2}")
    @CsvSource(delimiter = '|', textBlock = """
            RSA        | 1024 | true
            RSA        | 2047 | true
            RSA        | 2048 | false
            RSA        | 4096 | false
            RSASSA-PSS | 1024 | true
            DSA        | 1024 | true
            DSA        | 2048 | false
            EC         | 192  | true
            EC         | 224  | false
            EC         | 256  | false
            Ed25519    | 256  | false
            RSA        | 0    | false
            """)
    void flagsWeakKeys(String algorithm, int bits, boolean weak) {
        // Given a leaf with that key
        CertificateFacts leaf = key(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60), algorithm,
                bits);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls(leaf), 30, 7);

        // Then
        if (weak) {
            assertThat(findings).extracting(Finding::code, Finding::message)
                    .containsExactly(tuple(FindingCode.CERT_WEAK_KEY,
                            algorithm + " key of " + bits + " bits (at least " + (algorithm.equals("EC") ? 224 : 2048)
                                    + " expected)"));
        } else {
            assertThat(findings).isEmpty();
        }
    }

    @ParameterizedTest(name = "[{index}] {0} self-signed {1} -> flagged {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SHA1withRSA      | false | true
            SHA1withECDSA    | false | true
            SHA1withDSA      | false | true
            MD5withRSA       | false | true
            MD2withRSA       | false | true
            SHA1withRSA      | true  | false
            SHA256withRSA    | false | false
            SHA256withECDSA  | false | false
            Ed25519          | false | false
            RSASSA-PSS       | false | false
            """)
    void flagsSha1AndMd5SignaturesExceptOnSelfSignedCertificates(String signature, boolean selfSigned,
            boolean flagged) {
        // Given an intermediate (or a root the server sends) signed with that algorithm
        CertificateFacts leaf = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60);
        CertificateFacts element = signature(with(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(900)), 900),
                1), signature, selfSigned);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls(leaf, element), 30, 7);

        // Then
        if (flagged) {
            assertThat(findings).extracting(Finding::code, Finding::subject, Finding::message)
                    .containsExactly(tuple(FindingCode.CERT_SHA1_SIGNATURE, SUBJECT + " chain[1]", "signed with " + signature));
        } else {
            assertThat(findings).isEmpty();
        }
    }

    @Test
    void reportsNameMismatchWithTheNamesTheCertificateHas() {
        // Given a leaf for other names
        CertificateFacts leaf = names(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60),
                List.of("mail.example.net", "*.example.org"), List.of("192.0.2.9"), "mail.example.net");
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "mx.example.com", List.of(leaf),
                TrustStatus.TRUSTED, null, false);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_NAME_MISMATCH, Severity.CRITICAL,
                        "the certificate names mail.example.net, *.example.org, 192.0.2.9; the MX name is mx.example.com"));
    }

    @Test
    void listsAtMostTenNames() {
        // Given a leaf with 25 other names
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "h" + i + ".example.net").collect(Collectors.toList());
        CertificateFacts leaf = names(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60), many,
                List.of(), null);
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "mx.example.com", List.of(leaf),
                TrustStatus.TRUSTED, null, false);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(findings).singleElement().extracting(Finding::message).asString()
                .startsWith("the certificate names h0.example.net, h1.example.net,")
                .endsWith("h9.example.net and 15 more; the MX name is mx.example.com");
    }

    @Test
    void reportsMissingSanAndNamelessCertificate() {
        // Given a leaf with neither SAN nor CN
        CertificateFacts leaf = names(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60), List.of(),
                List.of(), null);
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "mx.example.com", List.of(leaf),
                TrustStatus.TRUSTED, null, false);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message).containsExactly(
                tuple(FindingCode.CERT_NAME_MISMATCH, Severity.CRITICAL,
                        "the certificate names no host (no subject alternative name, no subject CN); the MX name is mx.example.com"),
                tuple(FindingCode.CERT_NO_SAN, Severity.WARNING,
                        "no dNSName in the subject alternative names; no subject CN either"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "expired {0} ago reads \"{1}\"")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            PT1H       | expired less than a day ago, on 2026-11-29
            P5DT10M    | expired 5 days ago, on 2026-11-24
            P5D        | expired 5 days ago, on 2026-11-24
            P400DT23H  | expired 400 days ago, on 2025-10-24
            """)
    void countsWholeDaysSinceExpiryAtTheChecksTime(Duration ago, String message) {
        // Given a leaf that expired some time before the check (daysLeft rounds down, as the inspector does)
        Instant notAfter = NOW.minus(ago);
        long daysLeft = Math.floorDiv(Duration.between(NOW, notAfter).toMillis(), Duration.ofDays(1).toMillis());
        TlsFacts tls = tls(leaf(notAfter.minus(Duration.ofDays(90)), notAfter, daysLeft));

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7, NOW);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_EXPIRED, message));
    }

    @Test
    void aHostGivenAsAnIpAddressHasNoNameToMismatch() {
        // Given a host checked by address (-H 192.0.2.1) whose certificate names its host name
        TlsFacts tls = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "192.0.2.1",
                List.of(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60)), TrustStatus.TRUSTED,
                null, false);

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7, NOW);

        // Then it is said, but it is no problem of the server's
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CERT_NAME_MISMATCH);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("the host is the IP address 192.0.2.1, so there is no host name to check");
            assertThat(f.remediation()).startsWith("Nothing to fix on the server");
        });
    }

    @Test
    void refusesNegativeThresholds() {
        // Given
        TlsFacts tls = tls(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(60)), 60));

        // When / Then
        assertThatThrownBy(() -> CertificateFindings.of(SUBJECT, tls, -1, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate day thresholds must not be negative: warning -1, critical 7");
    }

    // --- facts factories ---

    private static TlsFacts tls(CertificateFacts... chain) {
        return new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256", 12, "mx.example.com", List.of(chain),
                TrustStatus.TRUSTED, null, true);
    }

    private static CertificateFacts leaf(Instant notBefore, Instant notAfter, long daysLeft) {
        return new CertificateFacts(0, "CN=mx.example.com", "CN=Test CA", "1A2B", notBefore, notAfter, daysLeft,
                List.of("mx.example.com"), List.of(), "mx.example.com", "EC", 256, "SHA256withECDSA", false,
                "00".repeat(32));
    }

    private static CertificateFacts with(CertificateFacts c, int position) {
        return new CertificateFacts(position, "CN=Intermediate " + position, c.issuer(), c.serial(), c.notBefore(),
                c.notAfter(), c.daysLeft(), List.of(), List.of(), "Intermediate " + position, c.keyAlgorithm(),
                c.keyBits(), c.signatureAlgorithm(), c.selfSigned(), c.sha256Fingerprint());
    }

    private static CertificateFacts key(CertificateFacts c, String algorithm, int bits) {
        return new CertificateFacts(c.position(), c.subject(), c.issuer(), c.serial(), c.notBefore(), c.notAfter(),
                c.daysLeft(), c.dnsNames(), c.ipAddresses(), c.subjectCommonName(), algorithm, bits,
                c.signatureAlgorithm(), c.selfSigned(), c.sha256Fingerprint());
    }

    private static CertificateFacts signature(CertificateFacts c, String algorithm, boolean selfSigned) {
        return new CertificateFacts(c.position(), c.subject(), c.issuer(), c.serial(), c.notBefore(), c.notAfter(),
                c.daysLeft(), c.dnsNames(), c.ipAddresses(), c.subjectCommonName(), c.keyAlgorithm(), c.keyBits(),
                algorithm, selfSigned, c.sha256Fingerprint());
    }

    private static CertificateFacts names(CertificateFacts c, List<String> dns, List<String> ip, String cn) {
        return new CertificateFacts(c.position(), c.subject(), c.issuer(), c.serial(), c.notBefore(), c.notAfter(),
                c.daysLeft(), new ArrayList<>(dns), ip, cn, c.keyAlgorithm(), c.keyBits(), c.signatureAlgorithm(),
                c.selfSigned(), c.sha256Fingerprint());
    }
}
