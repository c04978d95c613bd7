package dev.smtpmxcheck.core.delivery;

import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.dane;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.handshakeFailed;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.mx;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.sts;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.withTls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryGradingTest {
    private static final String MX1 = Subjects.address("mx1.example.test", "192.0.2.1", 25);

    private static Severity graded(FindingCode code, String subject, List<MxReport> mx, MtaStsFacts sts,
            boolean requireTls) {
        DomainDelivery d = DeliveryJudge.judge(mx, null, sts, requireTls, Instant.now());
        return DeliveryGrading.grade(List.of(Finding.of(code, subject, "x")), d).get(0).severity();
    }

    @Test
    void aSelfSignedCertificateWithoutPoliciesIsAWarningOpportunisticSendersDeliver() {
        List<MxReport> mx = List.of(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)));

        assertThat(graded(FindingCode.CERT_SELF_SIGNED, MX1, mx, null, false)).isEqualTo(Severity.WARNING);
    }

    @Test
    void aSelfSignedCertificateThatTheSecureTlsaMatchesIsInfoNoSenderActsOnIt() {
        List<MxReport> mx = List.of(dane(mx("mx1.example.test", 10,
                withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)), DaneAddress.Result.MATCHED));

        assertThat(graded(FindingCode.CERT_SELF_SIGNED, MX1, mx, null, false)).isEqualTo(Severity.INFO);
        assertThat(graded(FindingCode.CERT_NAME_MISMATCH, MX1, mx, null, false)).isEqualTo(Severity.INFO);
    }

    @Test
    void anUntrustedCertificateIsCriticalWhenEnforcedMtaStsSendersFindNoOtherMx() {
        List<MxReport> alone = List.of(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.UNTRUSTED, true)));
        List<MxReport> withBackup = List.of(alone.get(0),
                mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true)));

        assertThat(graded(FindingCode.CERT_UNTRUSTED, MX1, alone, sts("enforce"), false)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.CERT_UNTRUSTED, MX1, withBackup, sts("enforce"), false))
                .isEqualTo(Severity.WARNING);
        assertThat(graded(FindingCode.CERT_UNTRUSTED, MX1, alone, sts("testing"), false)).isEqualTo(Severity.WARNING);
    }

    @Test
    void mtaStsAndDaneRefusalsAreCriticalOnlyWhenTheirClassFindsNoMx() {
        List<MxReport> alone = List.of(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, true)));
        List<MxReport> withListed = List.of(mx("mx1.other.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, true)),
                mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true)));
        List<MxReport> daneAlone = List.of(dane(alone.get(0), DaneAddress.Result.NO_MATCH));
        List<MxReport> daneWithBackup = List.of(daneAlone.get(0),
                mx("mx2.example.test", 20, Reports.accepting("192.0.2.2")));

        assertThat(graded(FindingCode.MTA_STS_MX_NOT_COVERED, "mx1.example.test", alone, sts("enforce",
                "mx1.example.test"), false)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.MTA_STS_MX_NOT_COVERED, "mx1.other.test", withListed, sts("enforce",
                "mx1.other.test"), false)).isEqualTo(Severity.WARNING);
        assertThat(graded(FindingCode.DANE_TLSA_MISMATCH, MX1, daneAlone, null, false)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.DANE_TLSA_MISMATCH, MX1, daneWithBackup, null, false))
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void requireTlsMakesEveryTlsFailureCritical() {
        List<MxReport> mx = List.of(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)),
                mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true)));

        assertThat(graded(FindingCode.CERT_SELF_SIGNED, MX1, mx, null, true)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.STARTTLS_NOT_OFFERED, MX1, mx, null, true)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.STARTTLS_NOT_OFFERED, MX1, mx, null, false)).isEqualTo(Severity.WARNING);
    }

    @Test
    void findingsOfOtherCodesAndThresholdsKeepTheirSeverity() {
        List<MxReport> mx = List.of(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)));
        DomainDelivery d = DeliveryJudge.judge(mx, null, null, false, Instant.now());
        List<Finding> findings = List.of(Finding.of(FindingCode.CERT_EXPIRES_SOON, Severity.CRITICAL, MX1, "3 days"),
                Finding.of(FindingCode.OPEN_RELAY, MX1, "relays"));

        assertThat(DeliveryGrading.grade(findings, d)).isEqualTo(findings);
    }

    @Test
    void aFailedHandshakeIsAWarningWhileOpportunisticSendersRetryInPlainTextAndNoInvitedClassIsLeftWithoutMx() {
        List<MxReport> alone = List.of(mx("mx1.example.test", 10, handshakeFailed("192.0.2.1", true)));
        List<MxReport> withBackup = List.of(alone.get(0),
                mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true)));

        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, alone, null, false)).isEqualTo(Severity.WARNING);
        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, alone, sts("testing"), false))
                .isEqualTo(Severity.WARNING);
        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, withBackup, sts("enforce"), false))
                .isEqualTo(Severity.WARNING);
        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, alone, null, true)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aFailedHandshakeIsCriticalWhenAnInvitedClassOrEverySenderFindsNoMx() {
        List<MxReport> alone = List.of(mx("mx1.example.test", 10, handshakeFailed("192.0.2.1", true)));
        List<MxReport> daneAlone = List.of(dane(alone.get(0), DaneAddress.Result.NO_TLS));
        List<MxReport> noRetry = List.of(mx("mx1.example.test", 10, handshakeFailed("192.0.2.1", false)));

        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, alone, sts("enforce"), false))
                .isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, daneAlone, null, false)).isEqualTo(Severity.CRITICAL);
        assertThat(graded(FindingCode.TLS_HANDSHAKE_FAILED, MX1, noRetry, null, false)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void starttlsNotOfferedOrRefusedIsGradedAsAFailedHandshakeIs() {
        List<MxReport> alone = List.of(mx("mx1.example.test", 10, Reports.accepting("192.0.2.1").toBuilder()
                .tls(dev.smtpmxcheck.core.report.Outcome.notRun(dev.smtpmxcheck.core.report.NotRunReason.NOT_OFFERED))
                .build()));
        List<MxReport> withBackup = List.of(alone.get(0),
                mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true)));

        for (FindingCode code : List.of(FindingCode.STARTTLS_NOT_OFFERED, FindingCode.STARTTLS_REJECTED)) {
            assertThat(graded(code, MX1, alone, null, false)).as(code.name()).isEqualTo(Severity.WARNING);
            assertThat(graded(code, MX1, alone, sts("enforce"), false)).as(code.name()).isEqualTo(Severity.CRITICAL);
            assertThat(graded(code, MX1, withBackup, sts("enforce"), false)).as(code.name())
                    .isEqualTo(Severity.WARNING);
            assertThat(graded(code, MX1, List.of(dane(alone.get(0), DaneAddress.Result.NO_TLS)), null, false))
                    .as(code.name()).isEqualTo(Severity.CRITICAL);
        }
    }
}
