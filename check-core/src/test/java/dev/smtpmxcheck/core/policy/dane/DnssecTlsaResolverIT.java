package dev.smtpmxcheck.core.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.DnsjavaResolver;
import dev.smtpmxcheck.core.report.DnssecStatus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLSA lookups with DNSSEC validation against the lab's real nsd, which serves the zone {@code test.} signed at
 * lab start-up (lab/README.md) and the unsigned zone {@code dane-unsigned.test} under an insecure delegation.
 * The trust anchor is the DS the lab wrote to {@code lab/run/trust-anchor.txt}. Runs in the lab's namespace
 * through {@code lab/test-all}.
 */
class DnssecTlsaResolverIT {

    private static final Path RUN = Path.of("..", "lab", "run").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static DnssecTlsaResolver resolver;

    @BeforeAll
    static void lab() {
        Path anchor = RUN.resolve("trust-anchor.txt");
        assertThat(Files.isReadable(anchor)).as("the lab is not up (no %s): run lab/lab.sh up, or lab/test-all", anchor)
                .isTrue();
        resolver = DnssecTlsaResolver.validating(DnsjavaResolver.newResolver(List.of("127.0.0.2"), TIMEOUT), anchor,
                TIMEOUT);
    }

    /** "3 1 1" data for a certificate of the lab, computed here from the PEM file the lab issued. */
    private static String spkiSha256(String name) throws Exception {
        byte[] pem = Files.readAllBytes(RUN.resolve("ca").resolve(name + ".pem"));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
        return HexFormat.of().formatHex(TlsaMatcher.associationData(cert, TlsaRecord.SPKI, TlsaRecord.SHA2_256));
    }

    @Test
    void signedRecordsAreSecure() throws Exception {
        TlsaLookup lookup = resolver.lookup("mx1.dane-ok.test", 25);

        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(DnssecStatus.SECURE);
        assertThat(lookup.tlsaName()).isEqualTo("_25._tcp.mx1.dane-ok.test");
        assertThat(lookup.records()).containsExactly(new TlsaRecord(3, 1, 1, spkiSha256("mx1.dane-ok.test")));
    }

    @Test
    void anAliasFindsTheRecordsAtTheExpandedName() throws Exception {
        TlsaLookup lookup = resolver.lookup("alias.dane-ok.test", 25);

        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(DnssecStatus.SECURE);
        assertThat(lookup.tlsaName()).isEqualTo("_25._tcp.mx1.dane-ok.test");
        assertThat(lookup.baseName()).isEqualTo("mx1.dane-ok.test");
        assertThat(lookup.records()).hasSize(1);
    }

    @Test
    void recordsUnderAnInsecureDelegationAreInsecureButReported() throws Exception {
        TlsaLookup lookup = resolver.lookup("mx1.dane-unsigned.test", 25);

        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(DnssecStatus.INSECURE);
        assertThat(lookup.records()).containsExactly(new TlsaRecord(3, 1, 1, spkiSha256("mx1.dane-unsigned.test")));
    }

    @Test
    void aRecordChangedAfterSigningIsBogus() {
        TlsaLookup lookup = resolver.lookup("mx1.dane-bogus.test", 25);

        assertThat(lookup.status()).as(lookup.toString()).isEqualTo(DnssecStatus.BOGUS);
        assertThat(lookup.detail()).isNotBlank();
    }

    @Test
    void aHostWithoutRecordsIsNotValidated() {
        TlsaLookup lookup = resolver.lookup("mx1.good.test", 25);

        assertThat(lookup.status()).as(lookup.toString()).isNull();
        assertThat(lookup.records()).isEmpty();
    }

    @Test
    void aTrustAnchorThatMatchesNoKeyIsTheCheckersProblemNotBogus() throws Exception {
        Path wrong = Files.createTempFile("wrong-anchor", ".txt");
        try {
            Files.writeString(wrong, "test. IN DS 12345 13 2 " + "00".repeat(32) + "\n");
            DnssecTlsaResolver other = DnssecTlsaResolver.validating(
                    DnsjavaResolver.newResolver(List.of("127.0.0.2"), TIMEOUT), wrong, TIMEOUT);

            TlsaLookup lookup = other.lookup("mx1.dane-ok.test", 25);

            // The anchor's own zone does not validate: nothing below it can be judged, and the domain is not
            // to blame (DANE_LOOKUP_FAILED, not DANE_TLSA_BOGUS).
            assertThat(lookup.status()).as(lookup.toString()).isEqualTo(DnssecStatus.INDETERMINATE);
            assertThat(lookup.detail()).contains("could not validate DNSSEC from its trust anchor for test.");
        } finally {
            Files.deleteIfExists(wrong);
        }
    }
}
