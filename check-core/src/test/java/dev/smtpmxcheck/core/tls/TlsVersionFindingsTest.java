package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsVersionFindingsTest {
    private static final String SUBJECT = "mx1.example.test [192.0.2.1]:25";

    /** A scan with outcomes for TLS 1.0, 1.1, 1.2, 1.3 in that order. */
    private static TlsVersionScan scan(Outcome v10, Outcome v11, Outcome v12, Outcome v13, Integer dh, String weak) {
        return new TlsVersionScan(List.of(result("TLSv1", v10), result("TLSv1.1", v11), result("TLSv1.2", v12),
                result("TLSv1.3", v13)), dh, weak, weak == null ? "refused: alert handshake_failure" : "accepted " + weak);
    }

    private static VersionResult result(String version, Outcome outcome) {
        return new VersionResult(version, outcome, outcome == Outcome.ACCEPTED ? "TLS_AES_128_GCM_SHA256" : null,
                outcome == Outcome.ACCEPTED ? null : "alert protocol_version");
    }

    @Test
    void aModernServerIsClean() {
        assertThat(TlsVersionFindings.of(SUBJECT, scan(Outcome.REFUSED, Outcome.REFUSED, Outcome.ACCEPTED,
                Outcome.ACCEPTED, 2048, null))).isEmpty();
        assertThat(TlsVersionFindings.of(SUBJECT, null)).isEmpty();
    }

    @Test
    void legacyVersionsAreOneFindingNamingBoth() {
        List<Finding> findings = TlsVersionFindings.of(SUBJECT, scan(Outcome.ACCEPTED, Outcome.ACCEPTED,
                Outcome.ACCEPTED, Outcome.ACCEPTED, null, null));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.TLS_LEGACY_VERSION_ACCEPTED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).isEqualTo("TLS 1.0 and TLS 1.1 accepted (deprecated by RFC 8996); accepted versions:"
                    + " TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3");
        });
    }

    @Test
    void aTls10OnlyServerMissesTls12AndTls13() {
        List<Finding> findings = TlsVersionFindings.of(SUBJECT, scan(Outcome.ACCEPTED, Outcome.REFUSED, Outcome.REFUSED,
                Outcome.REFUSED, null, null));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.TLS_LEGACY_VERSION_ACCEPTED,
                FindingCode.TLS_1_2_NOT_ACCEPTED, FindingCode.TLS_1_3_NOT_ACCEPTED);
        assertThat(findings.get(1).message()).isEqualTo("TLS 1.2 refused (alert protocol_version); accepted versions: TLS 1.0");
        assertThat(findings.get(2).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aTls13OnlyServerMissesTls12() {
        assertThat(TlsVersionFindings.of(SUBJECT, scan(Outcome.REFUSED, Outcome.REFUSED, Outcome.REFUSED,
                Outcome.ACCEPTED, null, null))).extracting(Finding::code).containsExactly(FindingCode.TLS_1_2_NOT_ACCEPTED);
    }

    @Test
    void aPartialScanSaysWhichVersionsHaveNoVerdict() {
        List<Finding> findings = TlsVersionFindings.of(SUBJECT, scan(Outcome.ACCEPTED, Outcome.REFUSED,
                Outcome.UNKNOWN, Outcome.UNKNOWN, null, null));

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("TLS 1.0 accepted"
                + " (deprecated by RFC 8996); accepted versions: TLS 1.0 (no verdict for TLS 1.2, TLS 1.3)"));
    }

    @Test
    void anUnknownOutcomeIsNoFinding() {
        assertThat(TlsVersionFindings.of(SUBJECT, scan(Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.UNKNOWN,
                Outcome.UNKNOWN, null, null))).isEmpty();
    }

    @Test
    void weakKeyExchangeIsReported() {
        List<Finding> findings = TlsVersionFindings.of(SUBJECT, scan(Outcome.REFUSED, Outcome.REFUSED, Outcome.ACCEPTED,
                Outcome.ACCEPTED, 1024, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.TLS_WEAK_DH_GROUP,
                FindingCode.TLS_WEAK_CIPHER_ACCEPTED);
        assertThat(findings.get(0).message()).contains("1024-bit");
        assertThat(findings.get(1).message()).endsWith("the server chose TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void a2048BitGroupIsEnough() {
        assertThat(TlsVersionFindings.of(SUBJECT, scan(Outcome.REFUSED, Outcome.REFUSED, Outcome.ACCEPTED,
                Outcome.ACCEPTED, 2048, null))).isEmpty();
        assertThat(TlsVersionFindings.of(SUBJECT, scan(Outcome.REFUSED, Outcome.REFUSED, Outcome.ACCEPTED,
                Outcome.ACCEPTED, 2047, null))).extracting(Finding::code).containsExactly(FindingCode.TLS_WEAK_DH_GROUP);
    }
}
