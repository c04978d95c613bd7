package dev.smtpmxcheck.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressDelivery;
import dev.smtpmxcheck.core.report.ClassDelivery;
import dev.smtpmxcheck.core.report.Delivers;
import dev.smtpmxcheck.core.report.DeliveryReason;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.SenderClass;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SenderImpact} says what {@link DeliveryGrading} and {@link dev.smtpmxcheck.core.report.Verdict} do: the
 * grading is run on one address in every situation that matters (no policy; MTA-STS or DANE senders left with no MX,
 * for each reason they refuse; {@code --require-tls}; DANE authenticating the address), and a code is "graded by
 * delivery" exactly when its severity moves, and names every class whose refusal makes it CRITICAL.
 */
class SenderImpactTest {
    private static final String HOST = "mx1.example.test";
    private static final String ADDRESS = "192.0.2.1";
    private static final String SUBJECT = Subjects.address(HOST, ADDRESS, 25);

    /** One address, one MX: each class as given; a class "applies" where its entry is not n/a. */
    private static DomainDelivery matrix(boolean requireTls, ClassDelivery opportunistic, ClassDelivery sts,
            ClassDelivery dane) {
        List<DomainDelivery.Domain> classes = new ArrayList<>();
        for (ClassDelivery c : List.of(opportunistic, sts, dane)) {
            boolean applies = c.delivers() != Delivers.NOT_APPLICABLE;
            classes.add(new DomainDelivery.Domain(c.sender(), applies, applies, c.delivers() != Delivers.NO));
        }
        return new DomainDelivery(requireTls, classes,
                List.of(new AddressDelivery(HOST, 10, ADDRESS, 25, List.of(opportunistic, sts, dane))));
    }

    private static DomainDelivery common() {
        return matrix(false, ClassDelivery.yes(SenderClass.OPPORTUNISTIC),
                ClassDelivery.notApplicable(SenderClass.MTA_STS), ClassDelivery.notApplicable(SenderClass.DANE));
    }

    private static DomainDelivery daneAuthenticates() {
        return matrix(false, ClassDelivery.yes(SenderClass.OPPORTUNISTIC),
                ClassDelivery.notApplicable(SenderClass.MTA_STS), ClassDelivery.yes(SenderClass.DANE));
    }

    /**
     * The reasons {@link DeliveryJudge} gives {@code sender} for refusing an address that takes mail (no session and
     * mail refused stop every class alike: reachability).
     */
    private static List<DeliveryReason> reasons(SenderClass sender) {
        List<DeliveryReason> pkix = List.of(DeliveryReason.NO_TLS, DeliveryReason.CERT_UNTRUSTED,
                DeliveryReason.CERT_NAME_MISMATCH, DeliveryReason.CERT_EXPIRED);
        switch (sender) {
            case OPPORTUNISTIC:
                return pkix;
            case MTA_STS:
                List<DeliveryReason> sts = new ArrayList<>(pkix);
                sts.add(DeliveryReason.MX_NOT_IN_POLICY);
                return sts;
            default:
                return List.of(DeliveryReason.TLSA_BOGUS, DeliveryReason.NO_TLS, DeliveryReason.TLSA_MISMATCH,
                        DeliveryReason.TLSA_NOT_COMPARED);
        }
    }

    /** The situations in which only {@code sender} refuses the address, for each of its reasons, and finds no MX. */
    private static List<DomainDelivery> blocked(SenderClass sender) {
        List<DomainDelivery> out = new ArrayList<>();
        for (DeliveryReason reason : reasons(sender)) {
            ClassDelivery refused = ClassDelivery.no(sender, reason);
            switch (sender) {
                case OPPORTUNISTIC:
                    out.add(matrix(true, refused, ClassDelivery.notApplicable(SenderClass.MTA_STS),
                            ClassDelivery.notApplicable(SenderClass.DANE)));
                    break;
                case MTA_STS:
                    out.add(matrix(false, ClassDelivery.yes(SenderClass.OPPORTUNISTIC), refused,
                            ClassDelivery.notApplicable(SenderClass.DANE)));
                    break;
                default:
                    out.add(matrix(false, ClassDelivery.yes(SenderClass.OPPORTUNISTIC),
                            ClassDelivery.notApplicable(SenderClass.MTA_STS), refused));
            }
        }
        return out;
    }

    private static List<DomainDelivery> situations() {
        List<DomainDelivery> out = new ArrayList<>(List.of(common(), daneAuthenticates()));
        for (SenderClass c : SenderClass.values()) {
            out.addAll(blocked(c));
        }
        return out;
    }

    private static Severity graded(FindingCode code, Severity before, DomainDelivery delivery) {
        Finding f = Finding.of(code, before, SUBJECT, "x");
        return DeliveryGrading.grade(List.of(f), delivery).get(0).severity();
    }

    /** True when the grading moves a WARNING or CRITICAL finding of {@code code} in some situation. */
    private static boolean regraded(FindingCode code) {
        for (DomainDelivery d : situations()) {
            for (Severity before : List.of(Severity.WARNING, Severity.CRITICAL)) {
                if (graded(code, before, d) != before) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a WARNING of {@code code} becomes CRITICAL where only {@code sender} refuses and finds no MX. */
    private static boolean raisedBy(FindingCode code, SenderClass sender) {
        return blocked(sender).stream().anyMatch(d -> graded(code, Severity.WARNING, d) == Severity.CRITICAL);
    }

    @ParameterizedTest(name = "{0} is marked graded by delivery exactly when DeliveryGrading moves it")
    @EnumSource(FindingCode.class)
    void gradedByDeliveryExactlyWhenTheGradingMovesIt(FindingCode code) {
        assertThat(SenderImpact.of(code).grading() == SenderImpact.Grading.DELIVERY)
                .as("SenderImpact.of(%s) is DELIVERY; DeliveryGrading moves its severity", code)
                .isEqualTo(regraded(code));
    }

    @ParameterizedTest(name = "every class whose refusal makes {0} CRITICAL is named")
    @EnumSource(FindingCode.class)
    void everyClassWhoseRefusalMakesItCriticalIsNamed(FindingCode code) {
        SenderImpact impact = SenderImpact.of(code);

        for (SenderClass verifying : List.of(SenderClass.MTA_STS, SenderClass.DANE)) {
            if (raisedBy(code, verifying)) {
                assertThat(impact.senders()).as("senders of %s (CRITICAL when %s senders find no MX)", code,
                        verifying).contains(verifying);
            } else if (impact.grading() == SenderImpact.Grading.DELIVERY && !impact.requireTls()) {
                assertThat(impact.senders()).as("senders of %s (%s senders finding no MX does not make it CRITICAL)",
                        code, verifying).doesNotContain(verifying);
            }
        }
        if (impact.grading() == SenderImpact.Grading.DELIVERY) {
            assertThat(impact.requireTls()).as("%s: CRITICAL under --require-tls", code)
                    .isEqualTo(raisedBy(code, SenderClass.OPPORTUNISTIC));
            assertThat(impact.senders()).as("%s: opportunistic senders act on graded codes only with --require-tls",
                    code).doesNotContain(SenderClass.OPPORTUNISTIC).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}: reachability in FindingCode and in SenderImpact agree")
    @EnumSource(FindingCode.class)
    void reachabilityCodesStopEverySender(FindingCode code) {
        SenderImpact impact = SenderImpact.of(code);

        assertThat(impact.grading() == SenderImpact.Grading.REACHABILITY).as("%s", code)
                .isEqualTo(code.reachability());
        if (code.reachability()) {
            assertThat(impact.allSenders()).as("an address that takes no mail stops every sender: %s", code).isTrue();
        }
    }

    @Test
    void theCertificateTrustCodesDefaultToTheirGradeWhenNoPolicyInvitesVerifyingSenders() {
        for (FindingCode code : DeliveryGrading.CERTIFICATE) {
            assertThat(graded(code, Severity.CRITICAL, common())).as("%s without policies", code)
                    .isEqualTo(code.defaultSeverity()).isEqualTo(Severity.WARNING);
            assertThat(SenderImpact.of(code).senders()).as("%s", code).containsExactly(SenderClass.MTA_STS);
        }
    }

    @Test
    void labelsNameTheClassesInAFewWords() {
        assertThat(SenderImpact.of(FindingCode.MX_UNREACHABLE).label()).isEqualTo("all");
        assertThat(SenderImpact.of(FindingCode.NO_IPV6_MX).label()).isEqualTo("none");
        assertThat(SenderImpact.of(FindingCode.DANE_TLSA_MISMATCH).label()).isEqualTo("DANE");
        assertThat(SenderImpact.of(FindingCode.CERT_SELF_SIGNED).label())
                .isEqualTo("MTA-STS; opportunistic with --require-tls");
        assertThat(SenderImpact.of(FindingCode.STARTTLS_NOT_OFFERED).label())
                .isEqualTo("MTA-STS, DANE; opportunistic with --require-tls");
        assertThat(SenderImpact.of(FindingCode.STARTTLS_NOT_OFFERED).senders())
                .isEqualTo(Set.of(SenderClass.MTA_STS, SenderClass.DANE));
    }
}
