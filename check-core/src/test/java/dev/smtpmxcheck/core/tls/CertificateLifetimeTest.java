package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.testing.TestCertificates.Held;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expiry thresholds relative to a certificate's lifetime ({@link ExpiryRule}), on short-lived and ordinary
 * certificates minted per test with BouncyCastle and read by {@link TlsInspector} at a fixed clock.
 */
class CertificateLifetimeTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MX = "mx.example.com";
    private static final String SUBJECT = "mx.example.com [192.0.2.1]:25";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Held intermediate;
    private TlsInspector inspector;

    @BeforeEach
    void trustTestRoot() throws Exception {
        Held root = TestCertificates.ca("Lifetime Root");
        intermediate = TestCertificates.builder().commonName("Lifetime Intermediate").ca().signedBy(root)
                .validity(NOW.minus(days(365)), NOW.plus(days(1825))).build();
        Path ca = Files.createTempFile(dir, "ca", ".pem");
        Files.writeString(ca, TestCertificates.pem(root.certificate()), StandardCharsets.US_ASCII);
        inspector = new TlsInspector(ca, CLOCK);
    }

    @ParameterizedTest(name = "[{index}] {0}-day certificate, {1} h left, -w 30 -c 7 -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # lifetime days | hours left | severity | rule
            6               | 120        | -        | -
            6               | 47         | WARNING  | less than 33% of its 6-day lifetime left (32%), as the warning threshold of 30 days would cover more than half of that lifetime
            6               | 14         | CRITICAL | less than 10% of its 6-day lifetime left (9%), as the warning threshold of 30 days would cover more than half of that lifetime
            30              | 600        | -        | -
            30              | 200        | WARNING  | less than 33% of its 30-day lifetime left (27%), as the warning threshold of 30 days would cover more than half of that lifetime
            47              | 400        | -        | -
            47              | 360        | WARNING  | less than 33% of its 47-day lifetime left (31%), as the warning threshold of 30 days would cover more than half of that lifetime
            47              | 100        | CRITICAL | less than 10% of its 47-day lifetime left (8%), as the warning threshold of 30 days would cover more than half of that lifetime
            """)
    void aShortLivedCertificateUnderDayThresholdsIsJudgedByItsLifetime(int lifetimeDays, int hoursLeft,
            Severity severity, String rule) {
        // Given a leaf whose whole lifetime is shorter than twice the 30 warning days, with hoursLeft hours to go
        Instant notAfter = NOW.plus(Duration.ofHours(hoursLeft));
        TlsFacts tls = inspect(leaf(notAfter.minus(days(lifetimeDays)), notAfter));

        // When judged with -w 30 -c 7 (days)
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, ExpiryRule.days(30, 7), NOW);

        // Then it is not in the warning period for ever, and the message names the rule that applied
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        if (severity == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                    .containsExactly(tuple(FindingCode.CERT_EXPIRES_SOON, severity, "expires in " + (hoursLeft / 24)
                            + (hoursLeft / 24 == 1 ? " day" : " days") + ", on " + DATE.format(notAfter) + " (" + rule + ")"));
        }
    }

    @Test
    void aFreshSixDayCertificateWarnedForEverUnderTheOldRule() {
        // Given a 6-day certificate issued an hour ago
        Instant notBefore = NOW.minus(Duration.ofHours(1));
        TlsFacts tls = inspect(leaf(notBefore, notBefore.plus(days(6))));

        // When judged with -w 30 -c 7
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, ExpiryRule.days(30, 7), NOW);

        // Then nothing: under the days alone it would be CRITICAL (5 days left < 7) from its first hour
        assertThat(tls.chain().get(0).daysLeft()).isEqualTo(5);
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}-day certificate, {1} days left, -w 33% -c 10% -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # lifetime days | days left | severity | rule
            47              | 20        | -        | -
            47              | 15        | WARNING  | less than 33% of its 47-day lifetime left (32%)
            47              | 4         | CRITICAL | less than 10% of its 47-day lifetime left (8%)
            90              | 31        | -        | -
            90              | 29        | WARNING  | less than 33% of its 90-day lifetime left (32%)
            397             | 100       | WARNING  | less than 33% of its 397-day lifetime left (25%)
            """)
    void percentThresholdsJudgeTheLeafByItsLifetime(int lifetimeDays, int daysLeft, Severity severity, String rule) {
        // Given a leaf of lifetimeDays with daysLeft days (and an hour) to go
        Instant notAfter = NOW.plus(days(daysLeft)).plusSeconds(3600);
        TlsFacts tls = inspect(leaf(notAfter.minus(days(lifetimeDays)), notAfter));

        // When judged with -w 33% -c 10%
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, new ExpiryRule(30, 7, 33, 10), NOW);

        // Then
        if (severity == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                    .containsExactly(tuple(FindingCode.CERT_EXPIRES_SOON, severity, "expires in " + daysLeft
                            + " days, on " + DATE.format(notAfter) + " (" + rule + ")"));
        }
    }

    @Test
    void percentThresholdsLeaveTheCaCertificatesToTheDays() {
        // Given a healthy 90-day leaf under an intermediate of 5 years with 200 days left (11% of its lifetime)
        Held root = TestCertificates.ca("Old Root");
        Held old = TestCertificates.builder().commonName("Old Intermediate").ca().signedBy(root)
                .validity(NOW.minus(days(1625)), NOW.plus(days(200))).build();
        Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(old)
                .validity(NOW.minus(days(10)), NOW.plus(days(80))).build();
        TlsFacts tls = inspector.inspect("TLSv1.3", "TLS_AES_256_GCM_SHA384", 42, MX,
                new X509Certificate[] {leaf.certificate(), old.certificate()});

        // When judged with -w 33% -c 10%
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, new ExpiryRule(30, 7, 33, 10), NOW);

        // Then the intermediate is judged by the days (200 left, no finding), not by 33% of 5 years
        assertThat(findings).extracting(Finding::code).doesNotContain(FindingCode.CERT_EXPIRES_SOON);
    }

    @Test
    void dayThresholdsKeepTheirMeaningForOrdinaryCertificates() {
        // Given a 90-day leaf with 20 days left
        Instant notAfter = NOW.plus(days(20)).plusSeconds(3600);
        TlsFacts tls = inspect(leaf(notAfter.minus(days(90)), notAfter));

        // When judged with -w 30 -c 7
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, ExpiryRule.days(30, 7), NOW);

        // Then
        assertThat(findings).extracting(Finding::severity, Finding::message).containsExactly(tuple(Severity.WARNING,
                "expires in 20 days, on " + DATE.format(notAfter) + " (fewer than 30 days left)"));
    }

    @Test
    void aPercentOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> new ExpiryRule(30, 7, 101, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 100 percent");
        assertThatThrownBy(() -> new ExpiryRule(30, 7, 33, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private TlsFacts inspect(Held leaf) {
        return inspector.inspect("TLSv1.3", "TLS_AES_256_GCM_SHA384", 42, MX,
                new X509Certificate[] {leaf.certificate(), intermediate.certificate()});
    }

    private Held leaf(Instant notBefore, Instant notAfter) {
        return TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(intermediate)
                .validity(notBefore, notAfter).build();
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}
