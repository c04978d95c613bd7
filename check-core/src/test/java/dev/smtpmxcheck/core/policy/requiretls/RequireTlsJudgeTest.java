package dev.smtpmxcheck.core.policy.requiretls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequireTlsJudgeTest {
    private static final DnssecFacts SECURE = new DnssecFacts(DnssecStatus.SECURE, null);
    private static final DnssecFacts INSECURE = new DnssecFacts(DnssecStatus.INSECURE, null);
    private static final DaneReport DANE = new DaneReport("_25._tcp.mx1.example.test", DnssecStatus.SECURE, null,
            List.of("3 1 1 " + "ab".repeat(32)), List.of());
    private static final MtaStsFacts ENFORCE = new MtaStsFacts(List.of("v=STSv1; id=1"), "1", null, 200, null,
            "enforce", List.of("mx1.example.test"), 86400L, List.of(), List.of());
    private static final MtaStsFacts TESTING = new MtaStsFacts(List.of("v=STSv1; id=1"), "1", null, 200, null,
            "testing", List.of("mx1.example.test"), 86400L, List.of(), List.of());

    private static AddressReport advertising(String address) {
        SmtpReply reply = new SmtpReply(250, null, List.of("mx1.example.test", "REQUIRETLS"));
        return Reports.accepting(address).toBuilder()
                .ehloAfterTls(Ehlo.ehlo(reply, List.of(new EhloKeyword("REQUIRETLS", List.of())))).build();
    }

    private static MxReport mx(DaneReport dane, AddressReport... addresses) {
        return MxReports.mx("mx1.example.test", 10, addresses).withDane(dane);
    }

    @Test
    void everyAddressAdvertisingItWithDaneIsHonourable() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(DANE, advertising("192.0.2.1"), advertising("192.0.2.2"))), SECURE, null);

        assertThat(judged.finding()).isEmpty();
        assertThat(judged.facts().honourable()).isTrue();
        assertThat(judged.facts().authenticatedBy()).isEqualTo("DANE");
        assertThat(judged.facts().advertisedBy()).containsExactly("mx1.example.test [192.0.2.1]:25",
                "mx1.example.test [192.0.2.2]:25");
        assertThat(judged.facts().reason()).isNull();
    }

    @Test
    void mtaStsInEnforceModeIsEnoughWithoutDnssec() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(null, advertising("192.0.2.1"))), INSECURE, ENFORCE);

        assertThat(judged.finding()).isEmpty();
        assertThat(judged.facts().authenticatedBy()).isEqualTo("MTA-STS");
    }

    @Test
    void advertisedButUnauthenticatedIsANoteNamingBothPaths() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(null, advertising("192.0.2.1"))), INSECURE, TESTING);

        Finding f = judged.finding().orElseThrow();
        assertThat(f.code()).isEqualTo(FindingCode.REQUIRETLS_UNAVAILABLE);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.subject()).isEqualTo("example.test");
        assertThat(f.message()).contains("the MX lookup is not DNSSEC-secure (insecure)")
                .contains("the MTA-STS policy is in mode testing, not enforce")
                .doesNotContain("do not advertise");
        assertThat(judged.facts().honourable()).isFalse();
        assertThat(judged.facts().authenticatedBy()).isNull();
    }

    @Test
    void aSecureMxLookupWithoutTlsaIsNotDane() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(null, advertising("192.0.2.1"))), SECURE, null);

        assertThat(judged.finding().orElseThrow().message()).contains("no secure usable TLSA records for mx1.example.test")
                .contains("MTA-STS was not checked");
    }

    @Test
    void oneAddressWithoutTheKeywordIsCountedAndNamed() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(DANE, advertising("192.0.2.1"), Reports.accepting("192.0.2.2"),
                        Reports.unreachable("192.0.2.3", FailureReason.REFUSED, "connection refused"))), SECURE, null);

        assertThat(judged.finding().orElseThrow().message()).contains("1 of 2 MX addresses do not advertise REQUIRETLS"
                + " after STARTTLS (mx1.example.test [192.0.2.2]:25)").doesNotContain("authenticate");
        assertThat(judged.facts().notAdvertisedBy()).containsExactly("mx1.example.test [192.0.2.2]:25");
    }

    @Test
    void noAddressAdvertisingItIsTheCommonCaseAndOnlyAFact() {
        RequireTlsJudge.Judged judged = RequireTlsJudge.judge("example.test",
                List.of(mx(DANE, Reports.accepting("192.0.2.1"))), SECURE, null);

        assertThat(judged.finding()).isEmpty();
        assertThat(judged.facts().honourable()).isFalse();
        assertThat(judged.facts().authenticatedBy()).isEqualTo("DANE");
        assertThat(judged.facts().reason()).isEqualTo("no MX address advertises REQUIRETLS after STARTTLS");
    }
}
