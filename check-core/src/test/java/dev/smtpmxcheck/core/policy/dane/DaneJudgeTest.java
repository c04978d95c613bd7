package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.testing.TestCertificates.Held;
import dev.smtpmxcheck.core.tls.TlsInspector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaneJudgeTest {

    private static final String HOST = "mx1.example.test";
    private static final String TLSA_NAME = "_25._tcp." + HOST;
    private static final Held CA = TestCertificates.ca("DANE test CA");
    private static final Held LEAF = TestCertificates.builder().commonName(HOST).dnsName(HOST).signedBy(CA).build();
    private static final Held NEXT = TestCertificates.builder().commonName(HOST).dnsName(HOST).signedBy(CA).build();

    private static TlsFacts tls(X509Certificate... chain) {
        return new TlsInspector(null, Clock.systemUTC()).inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, HOST, chain);
    }

    private static AddressReport address(String ip, TlsFacts tls) {
        AddressReport a = Reports.accepting(ip);
        return a.toBuilder().tls(tls == null
                ? dev.smtpmxcheck.core.report.Outcome.notRun(dev.smtpmxcheck.core.report.NotRunReason.NOT_OFFERED)
                : dev.smtpmxcheck.core.report.Outcome.done(tls)).build();
    }

    private static MxReport mx(AddressReport... addresses) {
        return MxReports.mx(HOST, 10, addresses);
    }

    private static TlsaRecord ee(Held held) {
        return TlsaRecord.of(3, 1, 1, TlsaMatcher.associationData(held.certificate(), 1, 1));
    }

    private static TlsaLookup secure(TlsaRecord... records) {
        return new TlsaLookup(TLSA_NAME, HOST, DnssecStatus.SECURE, null, List.of(records));
    }

    private static List<FindingCode> codes(DaneJudge.Judged judged) {
        return judged.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aMatchingDaneEeRecordOnEveryAddressIsFineButNotesTheMissingRollover() {
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate())), address("2001:db8::1", tls(LEAF.certificate())));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF)));

        assertThat(codes(judged)).containsExactly(FindingCode.DANE_NO_ROLLOVER);
        assertThat(judged.findings().get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(judged.report().dnssec()).isEqualTo(DnssecStatus.SECURE);
        assertThat(judged.report().addresses()).extracting(a -> a.matched()).containsOnly(ee(LEAF).text());
        assertThat(judged.report().addresses()).extracting(a -> a.chainPosition()).containsOnly(0);
    }

    @Test
    void aRecordForTheNextKeyIsARollover() {
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate())));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF), ee(NEXT)));

        assertThat(judged.findings()).isEmpty();
    }

    @Test
    void anEeAndATaRecordAreARollover() {
        TlsaRecord ta = TlsaRecord.of(2, 0, 1, TlsaMatcher.associationData(CA.certificate(), 0, 1));
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate(), CA.certificate())));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF), ta));

        assertThat(judged.findings()).isEmpty();
    }

    @Test
    void anAddressWhoseKeyMatchesNoRecordIsCritical() {
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate())), address("192.0.2.2", tls(NEXT.certificate())));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF)));

        Finding mismatch = judged.findings().stream().filter(f -> f.code() == FindingCode.DANE_TLSA_MISMATCH).findFirst()
                .orElseThrow();
        assertThat(mismatch.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(mismatch.subject()).isEqualTo(HOST + " [192.0.2.2]:25");
        assertThat(mismatch.message()).contains("\"" + ee(NEXT).text() + "\"");
        assertThat(codes(judged)).containsExactlyInAnyOrder(FindingCode.DANE_TLSA_MISMATCH, FindingCode.DANE_NO_ROLLOVER);
    }

    @Test
    void anAddressWithoutStarttlsCannotTakeMailFromDaneSenders() {
        MxReport mx = mx(address("192.0.2.1", null));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF)));

        assertThat(codes(judged)).containsExactly(FindingCode.DANE_STARTTLS_MISSING);
        assertThat(judged.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anUnreachableAddressIsLeftToTheReachabilityFindings() {
        MxReport mx = mx(Reports.unreachable("192.0.2.1", FailureReason.REFUSED, "connection refused"));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(ee(LEAF)));

        assertThat(judged.findings()).isEmpty();
        assertThat(judged.report().addresses().get(0).detail()).contains("connection refused");
    }

    @Test
    void pkixUsagesAloneAreUnusable() {
        TlsaRecord pkixEe = TlsaRecord.of(1, 1, 1, TlsaMatcher.associationData(LEAF.certificate(), 1, 1));
        TlsaRecord pkixTa = TlsaRecord.of(0, 0, 1, TlsaMatcher.associationData(CA.certificate(), 0, 1));
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate(), CA.certificate())));

        DaneJudge.Judged judged = DaneJudge.judge(mx, secure(pkixEe, pkixTa));

        assertThat(codes(judged)).containsExactly(FindingCode.DANE_UNUSABLE_USAGE, FindingCode.DANE_NO_USABLE_TLSA);
        assertThat(judged.findings().get(0).message()).contains("PKIX-EE(1)", "PKIX-TA(0)");
        assertThat(judged.report().addresses()).isEmpty();
    }

    @Test
    void unsignedRecordsAreReportedAndNotMatched() {
        MxReport mx = mx(address("192.0.2.1", tls(NEXT.certificate())));
        TlsaLookup insecure = new TlsaLookup(TLSA_NAME, HOST, DnssecStatus.INSECURE, "the TLSA answer is not signed",
                List.of(ee(LEAF)));

        DaneJudge.Judged judged = DaneJudge.judge(mx, insecure);

        assertThat(codes(judged)).containsExactly(FindingCode.DANE_TLSA_UNSIGNED);
        assertThat(judged.report().records()).containsExactly(ee(LEAF).text());
    }

    @Test
    void bogusAndFailedLookupsAreFindingsOfTheirOwn() {
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate())));

        DaneJudge.Judged bogus = DaneJudge.judge(mx, new TlsaLookup(TLSA_NAME, HOST, DnssecStatus.BOGUS,
                "signature expired", List.of()));
        DaneJudge.Judged failed = DaneJudge.judge(mx, new TlsaLookup(TLSA_NAME, HOST, DnssecStatus.INDETERMINATE,
                "timeout", List.of()));

        assertThat(codes(bogus)).containsExactly(FindingCode.DANE_TLSA_BOGUS);
        assertThat(bogus.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(bogus.findings().get(0).message()).contains("signature expired");
        assertThat(codes(failed)).containsExactly(FindingCode.DANE_LOOKUP_FAILED);
    }

    @Test
    void aBogusFindingSaysWhatFailedWithoutTheValidatorsRrsetDump() {
        MxReport mx = mx(address("192.0.2.1", tls(LEAF.certificate())));
        String raw = "_25._tcp.mx1.example.test TLSA: Positive response has failed ANSWER rrset: { _25._tcp.mx1.example.test."
                + " 300 IN TLSA [3 1 1 0123...] sigs: [TLSA 13 5 300 20260101000000 20251201000000 12345 example.test."
                + " abcdef...] }";

        DaneJudge.Judged bogus = DaneJudge.judge(mx, new TlsaLookup(TLSA_NAME, HOST, DnssecStatus.BOGUS, raw,
                List.of()));

        assertThat(bogus.findings().get(0).message()).isEqualTo("DNSSEC validation failed for the TLSA lookup at "
                + TLSA_NAME + ": _25._tcp.mx1.example.test TLSA: its DNSSEC signatures do not verify (expired, not"
                + " yet valid, or made with a key the zone does not publish)");
        // The validator's own words stay in the JSON detail.
        assertThat(bogus.report().detail()).isEqualTo(raw);
    }

    @Test
    void aHostWithoutTlsaRecordsHasNothingToSay() {
        MxReport mx = mx(address("192.0.2.1", null));

        DaneJudge.Judged unsignedNone = DaneJudge.judge(mx, new TlsaLookup(TLSA_NAME, HOST, null, null, List.of()));
        DaneJudge.Judged secureNone = DaneJudge.judge(mx, secure());

        assertThat(unsignedNone.findings()).isEmpty();
        assertThat(unsignedNone.report().dnssec()).isNull();
        assertThat(secureNone.findings()).isEmpty();
    }
}
