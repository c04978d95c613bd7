package dev.smtpmxcheck.core.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.testing.TestCertificates.Held;
import dev.smtpmxcheck.core.tls.TlsInspector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsaMatcherTest {

    private static final Held CA = TestCertificates.ca("DANE test CA");
    private static final Held OTHER_CA = TestCertificates.ca("Other CA");
    private static final Held LEAF = TestCertificates.builder().commonName("mx1.example.test").dnsName("mx1.example.test")
            .signedBy(CA).build();
    private static final Held OTHER_LEAF = TestCertificates.builder().commonName("mx1.example.test")
            .dnsName("mx1.example.test").signedBy(CA).build();
    private static final List<String> NAMES = List.of("mx1.example.test");

    /** The chain as the check keeps it: facts with the DER of each certificate. */
    private static List<CertificateFacts> chain(X509Certificate... certs) {
        return new TlsInspector(null, Clock.systemUTC()).inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1,
                "mx1.example.test", certs).chain();
    }

    private static TlsaRecord record(int usage, int selector, int matching, X509Certificate cert) {
        return TlsaRecord.of(usage, selector, matching, TlsaMatcher.associationData(cert, selector, matching));
    }

    @ParameterizedTest(name = "DANE-EE selector {0} matching type {1}")
    @CsvSource({"0, 0", "0, 1", "0, 2", "1, 0", "1, 1", "1, 2"})
    void daneEeMatchesTheServerCertificateWithEverySelectorAndMatchingType(int selector, int matching) {
        TlsaRecord ee = record(TlsaRecord.DANE_EE, selector, matching, LEAF.certificate());

        Optional<TlsaMatcher.Match> match = TlsaMatcher.match(List.of(ee), chain(LEAF.certificate()), NAMES);
        Optional<TlsaMatcher.Match> other = TlsaMatcher.match(List.of(ee), chain(OTHER_LEAF.certificate()), NAMES);

        assertThat(match).contains(new TlsaMatcher.Match(ee, 0));
        assertThat(other).isEmpty();
    }

    @ParameterizedTest(name = "DANE-TA selector {0} matching type {1}")
    @CsvSource({"0, 0", "0, 1", "0, 2", "1, 0", "1, 1", "1, 2"})
    void daneTaMatchesTheIssuerTheServerSends(int selector, int matching) {
        TlsaRecord ta = record(TlsaRecord.DANE_TA, selector, matching, CA.certificate());

        Optional<TlsaMatcher.Match> sent = TlsaMatcher.match(List.of(ta), chain(LEAF.certificate(), CA.certificate()), NAMES);
        Optional<TlsaMatcher.Match> notSent = TlsaMatcher.match(List.of(ta), chain(LEAF.certificate()), NAMES);

        assertThat(sent).contains(new TlsaMatcher.Match(ta, 1));
        assertThat(notSent).as("RFC 7672 §3.1.2: the TA must be in the presented chain").isEmpty();
    }

    @Test
    void daneEeIgnoresExpiryAndNames() {
        Held expiredElsewhere = TestCertificates.builder().commonName("other.example.invalid")
                .dnsName("other.example.invalid").validity(Instant.now().minus(Duration.ofDays(100)),
                        Instant.now().minus(Duration.ofDays(5)))
                .build();
        TlsaRecord ee = record(TlsaRecord.DANE_EE, TlsaRecord.SPKI, TlsaRecord.SHA2_256, expiredElsewhere.certificate());

        Optional<TlsaMatcher.Match> match = TlsaMatcher.match(List.of(ee), chain(expiredElsewhere.certificate()), NAMES);

        assertThat(match).as("RFC 7672 §3.1.1").contains(new TlsaMatcher.Match(ee, 0));
    }

    @Test
    void daneTaRequiresTheServerNameAndTheIssuingAnchor() {
        Held misnamed = TestCertificates.builder().commonName("other.example.test").dnsName("other.example.test")
                .signedBy(CA).build();
        Held fromOtherCa = TestCertificates.builder().commonName("mx1.example.test").dnsName("mx1.example.test")
                .signedBy(OTHER_CA).build();
        TlsaRecord ta = record(TlsaRecord.DANE_TA, TlsaRecord.SPKI, TlsaRecord.SHA2_256, CA.certificate());

        Optional<TlsaMatcher.Match> wrongName = TlsaMatcher.match(List.of(ta),
                chain(misnamed.certificate(), CA.certificate()), NAMES);
        Optional<TlsaMatcher.Match> wrongIssuer = TlsaMatcher.match(List.of(ta),
                chain(fromOtherCa.certificate(), CA.certificate()), NAMES);
        Optional<TlsaMatcher.Match> baseDomainNamed = TlsaMatcher.match(List.of(ta),
                chain(misnamed.certificate(), CA.certificate()), List.of("mx1.example.test", "other.example.test"));

        assertThat(wrongName).isEmpty();
        assertThat(wrongIssuer).isEmpty();
        assertThat(baseDomainNamed).as("RFC 7672 §3.2.3: the TLSA base domain is a reference identifier").isPresent();
    }

    @Test
    void pkixUsagesNeverMatch() {
        List<TlsaRecord> pkix = List.of(record(TlsaRecord.PKIX_EE, 1, 1, LEAF.certificate()),
                record(TlsaRecord.PKIX_TA, 0, 1, CA.certificate()));

        Optional<TlsaMatcher.Match> match = TlsaMatcher.match(pkix, chain(LEAF.certificate(), CA.certificate()), NAMES);

        assertThat(match).as("RFC 7672 §3.1.3").isEmpty();
    }

    @Test
    void positionsTellWhichCertificateEachRecordNames() {
        List<TlsaRecord> records = List.of(record(3, 1, 1, LEAF.certificate()), record(3, 1, 1, OTHER_LEAF.certificate()),
                record(2, 0, 1, CA.certificate()), record(1, 1, 1, LEAF.certificate()));

        List<List<Integer>> positions = TlsaMatcher.positions(records, chain(LEAF.certificate(), CA.certificate()));

        assertThat(positions).containsExactly(List.of(0), List.of(), List.of(1), List.of());
    }
}
