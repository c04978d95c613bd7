package dev.smtpmxcheck.core.delivery;

import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.dane;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.handshakeFailed;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.mx;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.sts;
import static dev.smtpmxcheck.core.delivery.DeliveryFixtures.withTls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.ClassDelivery;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.Delivers;
import dev.smtpmxcheck.core.report.DeliveryReason;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.SenderClass;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.Reports;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryJudgeTest {
    private static final Instant NOW = Instant.now();

    @Test
    void aSelfSignedCertificateMatchedByItsSecureTlsaIsDeliveredToByEveryClass() {
        MxReport m = dane(mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)),
                DaneAddress.Result.MATCHED);

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, null, false, NOW);

        assertThat(d.addresses().get(0).classes()).containsExactly(ClassDelivery.yes(SenderClass.OPPORTUNISTIC),
                ClassDelivery.notApplicable(SenderClass.MTA_STS), ClassDelivery.yes(SenderClass.DANE));
        assertThat(d.of(SenderClass.DANE).applies()).isTrue();
        assertThat(d.classes()).noneMatch(DomainDelivery.Domain::blocked);
    }

    @Test
    void anEnforcePolicyRefusesAnUntrustedCertificateAndAnMxItDoesNotList() {
        MxReport listed = mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.UNTRUSTED, true));
        MxReport unlisted = mx("mx2.other.test", 20, withTls("192.0.2.2", TrustStatus.TRUSTED, true));

        DomainDelivery d = DeliveryJudge.judge(List.of(listed, unlisted), null, sts("enforce", "mx2.other.test"), false, NOW);

        assertThat(d.addresses().get(0).of(SenderClass.MTA_STS))
                .isEqualTo(ClassDelivery.no(SenderClass.MTA_STS, DeliveryReason.CERT_UNTRUSTED));
        assertThat(d.addresses().get(1).of(SenderClass.MTA_STS))
                .isEqualTo(ClassDelivery.no(SenderClass.MTA_STS, DeliveryReason.MX_NOT_IN_POLICY));
        assertThat(d.of(SenderClass.MTA_STS)).isEqualTo(new DomainDelivery.Domain(SenderClass.MTA_STS, true, true, false));
        assertThat(d.of(SenderClass.MTA_STS).blocked()).isTrue();
        assertThat(d.of(SenderClass.OPPORTUNISTIC).canDeliver()).isTrue();
    }

    @Test
    void aTestingPolicyAppliesButDoesNotEnforceAndModeNoneDoesNotApply() {
        MxReport m = mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, false));

        DomainDelivery testing = DeliveryJudge.judge(List.of(m), null, sts("testing"), false, NOW);
        DomainDelivery none = DeliveryJudge.judge(List.of(m), null, sts("none"), false, NOW);

        assertThat(testing.addresses().get(0).of(SenderClass.MTA_STS).reason())
                .isEqualTo(DeliveryReason.CERT_NAME_MISMATCH);
        assertThat(testing.of(SenderClass.MTA_STS).blocked()).isFalse();
        assertThat(testing.of(SenderClass.MTA_STS).applies()).isTrue();
        assertThat(none.addresses().get(0).of(SenderClass.MTA_STS).delivers()).isEqualTo(Delivers.NOT_APPLICABLE);
        assertThat(none.of(SenderClass.MTA_STS).applies()).isFalse();
    }

    @Test
    void daneSendersFallBackToAnMxWithoutTlsaAndAreBlockedWhenEveryMxFailsThem() {
        MxReport mismatched = dane(mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, true)),
                DaneAddress.Result.NO_MATCH);
        MxReport plain = mx("mx2.example.test", 20, Reports.accepting("192.0.2.2"));

        DomainDelivery withFallback = DeliveryJudge.judge(List.of(mismatched, plain), null, null, false, NOW);
        DomainDelivery alone = DeliveryJudge.judge(List.of(mismatched), null, null, false, NOW);

        assertThat(withFallback.addresses().get(0).of(SenderClass.DANE).reason()).isEqualTo(DeliveryReason.TLSA_MISMATCH);
        assertThat(withFallback.addresses().get(1).of(SenderClass.DANE).delivers()).isEqualTo(Delivers.NOT_APPLICABLE);
        assertThat(withFallback.of(SenderClass.DANE).canDeliver()).isTrue();
        assertThat(alone.of(SenderClass.DANE).blocked()).isTrue();
    }

    @Test
    void bogusTlsaRecordsMakeTheHostUnusableForDaneSenders() {
        MxReport m = mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, true))
                .withDane(new DaneReport("_25._tcp.mx.example.test", DnssecStatus.BOGUS, "bogus", List.of(), List.of()));

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, null, false, NOW);

        assertThat(d.addresses().get(0).of(SenderClass.DANE).reason()).isEqualTo(DeliveryReason.TLSA_BOGUS);
        assertThat(d.of(SenderClass.DANE).blocked()).isTrue();
    }

    @Test
    void unsignedTlsaRecordsDoNotInviteDaneSenders() {
        MxReport m = mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true))
                .withDane(new DaneReport("_25._tcp.mx.example.test", DnssecStatus.INSECURE, "unsigned",
                        List.of(DeliveryFixtures.TLSA), List.of()));

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, null, false, NOW);

        assertThat(d.addresses().get(0).of(SenderClass.DANE).delivers()).isEqualTo(Delivers.NOT_APPLICABLE);
        assertThat(d.of(SenderClass.DANE).applies()).isFalse();
    }

    @Test
    void requireTlsHoldsOpportunisticSendersToPkixOrADaneMatch() {
        MxReport selfSigned = mx("mx1.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true));
        MxReport daneMatched = dane(mx("mx2.example.test", 20, withTls("192.0.2.2", TrustStatus.SELF_SIGNED, true)),
                DaneAddress.Result.MATCHED);

        DomainDelivery lax = DeliveryJudge.judge(List.of(selfSigned), null, null, false, NOW);
        DomainDelivery strict = DeliveryJudge.judge(List.of(selfSigned, daneMatched), null, null, true, NOW);

        assertThat(lax.addresses().get(0).of(SenderClass.OPPORTUNISTIC).delivers()).isEqualTo(Delivers.YES);
        assertThat(strict.requireTls()).isTrue();
        assertThat(strict.addresses().get(0).of(SenderClass.OPPORTUNISTIC).reason())
                .isEqualTo(DeliveryReason.CERT_UNTRUSTED);
        assertThat(strict.addresses().get(1).of(SenderClass.OPPORTUNISTIC).delivers()).isEqualTo(Delivers.YES);
    }

    @Test
    void anAddressWithoutASessionIsRefusedByEveryClassForThatReason() {
        MxReport m = dane(mx("mx.example.test", 10, Reports.unreachable("192.0.2.1", FailureReason.REFUSED,
                "connection refused")), DaneAddress.Result.NOT_COMPARED);

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, sts("enforce"), false, NOW);

        assertThat(d.addresses().get(0).classes()).extracting(ClassDelivery::reason)
                .containsOnly(DeliveryReason.NO_SESSION);
        assertThat(d.classes()).noneMatch(DomainDelivery.Domain::canDeliver);
    }

    @Test
    void aFailedHandshakeStopsMtaStsAndDaneSendersButOpportunisticOnesRetryInPlainText() {
        MxReport m = dane(mx("mx.example.test", 10, handshakeFailed("192.0.2.1", true)), DaneAddress.Result.NO_TLS);

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, sts("enforce"), false, NOW);

        assertThat(d.addresses().get(0).classes()).containsExactly(ClassDelivery.yes(SenderClass.OPPORTUNISTIC),
                ClassDelivery.no(SenderClass.MTA_STS, DeliveryReason.TLS_FAILED),
                ClassDelivery.no(SenderClass.DANE, DeliveryReason.TLS_FAILED));
        assertThat(d.of(SenderClass.OPPORTUNISTIC).canDeliver()).isTrue();
        assertThat(d.of(SenderClass.MTA_STS).blocked()).isTrue();
        assertThat(d.of(SenderClass.DANE).blocked()).isTrue();
    }

    @Test
    void aFailedHandshakeWhosePlainTextRetryGotNoSessionIsNoDeliveryForOpportunisticSenders() {
        MxReport failed = mx("mx1.example.test", 10, handshakeFailed("192.0.2.1", false));
        MxReport backup = mx("mx2.example.test", 20, Reports.accepting("192.0.2.2"));
        AddressReport noProbes = handshakeFailed("192.0.2.3", false).toBuilder()
                .relay(Outcome.notRun(NotRunReason.NOT_ASKED)).build();
        AddressReport silentAtMailFrom = handshakeFailed("192.0.2.4", false).toBuilder()
                .relay(Outcome.failed(Failure.of(ProbeStage.RELAY_PROBE, FailureReason.CLOSED, "closed"))).build();

        DomainDelivery alone = DeliveryJudge.judge(List.of(failed), null, null, false, NOW);
        DomainDelivery withBackup = DeliveryJudge.judge(List.of(failed, backup), null, null, false, NOW);
        DomainDelivery notRetried = DeliveryJudge.judge(List.of(mx("mx3.example.test", 10, noProbes)), null, null, false, NOW);

        assertThat(alone.addresses().get(0).of(SenderClass.OPPORTUNISTIC))
                .isEqualTo(ClassDelivery.no(SenderClass.OPPORTUNISTIC, DeliveryReason.TLS_FAILED));
        assertThat(alone.of(SenderClass.OPPORTUNISTIC).blocked()).isTrue();
        assertThat(alone.of(SenderClass.DANE).canDeliver()).isFalse();
        assertThat(withBackup.of(SenderClass.OPPORTUNISTIC).canDeliver()).isTrue();
        // The retry greeted and answered EHLO but closed at MAIL FROM: no message was seen to get through.
        assertThat(DeliveryJudge.judge(List.of(mx("mx4.example.test", 10, silentAtMailFrom)), null, null, false, NOW)
                .addresses().get(0).of(SenderClass.OPPORTUNISTIC).reason()).isEqualTo(DeliveryReason.TLS_FAILED);
        // No relay or postmaster probe asked: no retry was made, the first session's greeting and EHLO stand.
        assertThat(notRetried.addresses().get(0).of(SenderClass.OPPORTUNISTIC).delivers()).isEqualTo(Delivers.YES);
    }

    @ParameterizedTest
    @EnumSource(value = FailureReason.class, names = {"TIMEOUT", "DEADLINE"})
    void aHandshakeCutOffByATimeoutIsNoTlsFailureButATimedOutSession(FailureReason reason) {
        // As the probe leaves it: no plain-text retry after a timeout, the relay probe skipped.
        AddressReport cutOff = Reports.handshakeEnded("192.0.2.1", reason, "overall deadline reached (-t)");
        MxReport m = dane(mx("mx.example.test", 10, cutOff), DaneAddress.Result.NO_TLS);
        AddressReport stalledStartTls = cutOff.toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.STARTTLS, reason, "no reply to STARTTLS"))).build();
        MxReport other = dane(mx("mx.example.test", 10, stalledStartTls), DaneAddress.Result.NO_TLS);

        DomainDelivery d = DeliveryJudge.judge(List.of(m), null, sts("enforce"), false, NOW);
        DomainDelivery asOtherTimeouts = DeliveryJudge.judge(List.of(other), null, sts("enforce"), false, NOW);

        assertThat(d.addresses().get(0).classes()).extracting(ClassDelivery::reason)
                .doesNotContain(DeliveryReason.TLS_FAILED);
        assertThat(d.addresses().get(0).classes())
                .isEqualTo(asOtherTimeouts.addresses().get(0).classes());
    }

    @Test
    void aDaneMatchReachedThroughAnInsecureMxRrsetDoesNotStandInForPkixUnderRequireTls() {
        MxReport daneMatched = dane(mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.SELF_SIGNED, true)),
                DaneAddress.Result.MATCHED);

        DomainDelivery secure = DeliveryJudge.judge(List.of(daneMatched), new DnssecFacts(DnssecStatus.SECURE, null),
                null, true, NOW);
        DomainDelivery insecure = DeliveryJudge.judge(List.of(daneMatched),
                new DnssecFacts(DnssecStatus.INSECURE, "not signed"), null, true, NOW);
        DomainDelivery unchecked = DeliveryJudge.judge(List.of(daneMatched), null, null, true, NOW);

        assertThat(secure.addresses().get(0).of(SenderClass.OPPORTUNISTIC).delivers()).isEqualTo(Delivers.YES);
        assertThat(unchecked.addresses().get(0).of(SenderClass.OPPORTUNISTIC).delivers()).isEqualTo(Delivers.YES);
        assertThat(insecure.addresses().get(0).of(SenderClass.OPPORTUNISTIC))
                .isEqualTo(ClassDelivery.no(SenderClass.OPPORTUNISTIC, DeliveryReason.CERT_UNTRUSTED));
        // DANE senders may still use the host's secure TLSA records (RFC 7672 section 2.2.1): they deliver.
        assertThat(insecure.addresses().get(0).of(SenderClass.DANE).delivers()).isEqualTo(Delivers.YES);
        assertThat(insecure.of(SenderClass.DANE).applies()).isTrue();
    }

    @Test
    void anInsecureMxRrsetKeepsDaneSendersThatUseTheHostsTlsaRecordsEnforcing() {
        MxReport mismatched = dane(mx("mx.example.test", 10, withTls("192.0.2.1", TrustStatus.TRUSTED, true)),
                DaneAddress.Result.NO_MATCH);

        DomainDelivery d = DeliveryJudge.judge(List.of(mismatched), new DnssecFacts(DnssecStatus.INSECURE, "unsigned"),
                null, false, NOW);

        assertThat(d.of(SenderClass.DANE).blocked()).isTrue();
        assertThat(d.addresses().get(0).of(SenderClass.DANE).reason()).isEqualTo(DeliveryReason.TLSA_MISMATCH);
    }
}
