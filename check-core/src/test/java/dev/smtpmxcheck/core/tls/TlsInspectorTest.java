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
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.testing.TestCertificates.Held;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TlsInspector on chains minted per test, judged at a fixed clock, then turned into findings. */
class TlsInspectorTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MX = "mx.example.com";
    private static final String SUBJECT = "mx.example.com [192.0.2.1]:25";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Held root;
    private Held intermediate;
    private TlsInspector inspector;

    @BeforeEach
    void trustTestRoot() throws Exception {
        root = TestCertificates.ca("Test Root");
        intermediate = intermediate("Test Intermediate", root);
        inspector = new TlsInspector(caFile(root), CLOCK);
    }

    @Test
    void trustsChainUpToCaFileAnchorAndReadsFacts() throws Exception {
        // Given a leaf for the MX name, sent with its intermediate
        Held leaf = leaf(intermediate).validity(NOW.minus(days(10)), NOW.plus(days(80)).plusSeconds(60)).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.trustDetail()).isNull();
        assertThat(tls.nameMatches()).isTrue();
        assertThat(tls.sni()).isEqualTo(MX);
        assertThat(tls.protocol()).isEqualTo("TLSv1.3");
        assertThat(tls.handshakeMillis()).isEqualTo(42);
        CertificateFacts facts = tls.chain().get(0);
        X509Certificate cert = leaf.certificate();
        assertThat(facts.position()).isZero();
        assertThat(facts.subject()).isEqualTo("CN=mx.example.com");
        assertThat(facts.issuer()).isEqualTo("CN=Test Intermediate");
        assertThat(facts.serial()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase()).matches("[0-9A-F]+");
        assertThat(facts.notBefore()).isEqualTo(NOW.minus(days(10)));
        assertThat(facts.notAfter()).isEqualTo(NOW.plus(days(80)).plusSeconds(60));
        assertThat(facts.daysLeft()).isEqualTo(80);
        assertThat(facts.dnsNames()).containsExactly(MX);
        assertThat(facts.ipAddresses()).isEmpty();
        assertThat(facts.subjectCommonName()).isEqualTo(MX);
        assertThat(facts.keyAlgorithm()).isEqualTo("EC");
        assertThat(facts.keyBits()).isEqualTo(256);
        assertThat(facts.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(facts.selfSigned()).isFalse();
        assertThat(facts.sha256Fingerprint()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        assertThat(tls.chain().get(1).position()).isEqualTo(1);
        assertThat(tls.chain().get(1).subject()).isEqualTo("CN=Test Intermediate");
        assertThat(CertificateFindings.of(SUBJECT, tls, 30, 7)).isEmpty();
    }

    @Test
    void trustsChainThatAlsoSendsTheRoot() {
        // Given leaf, intermediate and the (trusted) self-signed root
        Held leaf = leaf(intermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate(), root.certificate());

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.chain().get(2).selfSigned()).isTrue();
        assertThat(CertificateFindings.of(SUBJECT, tls, 30, 7)).isEmpty();
    }

    @Test
    void expiredLeafOfTrustedCaIsTrustedAndExpired() {
        // Given a leaf that expired five days ago
        Held leaf = leaf(intermediate).validity(NOW.minus(days(95)), NOW.minus(days(5))).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.chain().get(0).daysLeft()).isEqualTo(-5);
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_EXPIRED, Severity.CRITICAL, SUBJECT,
                        "expired 5 days ago, on " + DATE.format(NOW.minus(days(5)))));
    }

    @Test
    void notYetValidLeafIsReported() {
        // Given a leaf valid only from ten days after the check
        Held leaf = leaf(intermediate).validity(NOW.plus(days(10)), NOW.plus(days(100))).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_NOT_YET_VALID, Severity.CRITICAL,
                        "not valid before " + DATE.format(NOW.plus(days(10))) + " (" + NOW.plus(days(10)) + ")"));
    }

    @ParameterizedTest(name = "[{index}] {0} days left, -w 30 -c 7 -> {1}")
    @CsvSource({"5, CRITICAL", "20, WARNING", "6, CRITICAL", "7, WARNING", "29, WARNING"})
    void leafExpiringSoonIsGradedByThresholds(int daysLeft, Severity severity) {
        // Given a leaf that expires daysLeft days and an hour after the check
        Instant notAfter = NOW.plus(days(daysLeft)).plusSeconds(3600);
        Held leaf = leaf(intermediate).validity(NOW.minus(days(60)), notAfter).build();

        // When
        List<Finding> findings = CertificateFindings.of(SUBJECT,
                inspect(leaf.certificate(), intermediate.certificate()), 30, 7);

        // Then
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_EXPIRES_SOON, severity, SUBJECT,
                        "expires in " + daysLeft + " days, on " + DATE.format(notAfter) + " (fewer than "
                                + (severity == Severity.CRITICAL ? 7 : 30) + " days left)"));
    }

    @Test
    void intermediateExpiringSoonIsReportedOnItsChainElement() {
        // Given an intermediate that expires in 3 days, and a leaf that outlives it
        Held shortLived = TestCertificates.builder().commonName("Short Intermediate").ca().signedBy(root)
                .validity(NOW.minus(days(300)), NOW.plus(days(3)).plusSeconds(60)).build();
        Held leaf = leaf(shortLived).validity(NOW.minus(days(1)), NOW.plus(days(60))).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), shortLived.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_EXPIRES_SOON, Severity.CRITICAL,
                        "mx.example.com [192.0.2.1]:25 chain[1]",
                        "expires in 3 days, on " + DATE.format(NOW.plus(days(3))) + " (fewer than 7 days left)"));
    }

    @Test
    void selfSignedLeafIsSelfSigned() {
        // Given a self-signed leaf for the MX name
        Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).build();

        // When
        TlsFacts tls = inspect(leaf.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.SELF_SIGNED);
        assertThat(tls.chain().get(0).selfSigned()).isTrue();
        assertThat(tls.trustDetail()).isEqualTo("chain[0] CN=mx.example.com is self-signed and is not a trust anchor");
        assertThat(findings).extracting(Finding::code, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_SELF_SIGNED, tls.trustDetail()));
    }

    @Test
    void selfSignedLeafPinnedInCaFileIsTrusted() throws Exception {
        // Given a self-signed leaf that the CA file lists
        Held leaf = TestCertificates.builder().commonName(MX).dnsName(MX).build();
        TlsInspector pinning = new TlsInspector(caFile(leaf), CLOCK);

        // When
        TlsFacts tls = pinning.inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 42, MX,
                new X509Certificate[] {leaf.certificate()});

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
    }

    @Test
    void missingIntermediateIsIncomplete() {
        // Given a leaf of the trusted CA's intermediate, sent alone
        Held leaf = leaf(intermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.INCOMPLETE);
        assertThat(tls.trustDetail()).isEqualTo("chain[0] CN=mx.example.com is issued by CN=Test Intermediate,"
                + " which was not sent and is not a trust anchor (a missing intermediate, or an unknown CA)");
        assertThat(findings).extracting(Finding::code, Finding::severity)
                .containsExactly(tuple(FindingCode.CERT_CHAIN_INCOMPLETE, Severity.CRITICAL));
    }

    @Test
    void missingMiddleIntermediateIsIncomplete() {
        // Given root -> intermediate -> sub-intermediate -> leaf, sent without the first intermediate
        Held sub = intermediate("Sub Intermediate", intermediate);
        Held leaf = leaf(sub).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), sub.certificate());

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.INCOMPLETE);
        assertThat(tls.trustDetail()).startsWith("chain[1] CN=Sub Intermediate is issued by CN=Test Intermediate,");
    }

    @Test
    void completeChainToUnknownRootIsUntrusted() {
        // Given a full chain up to a root that no one trusts
        Held otherRoot = TestCertificates.ca("Unknown Root");
        Held otherIntermediate = intermediate("Unknown Intermediate", otherRoot);
        Held leaf = leaf(otherIntermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), otherIntermediate.certificate(), otherRoot.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.UNTRUSTED);
        assertThat(tls.trustDetail()).startsWith("chain[2] CN=Unknown Root is a root that is not a trust anchor (")
                .doesNotContain("\n");
        assertThat(findings).extracting(Finding::code, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_UNTRUSTED, tls.trustDetail()));
    }

    @Test
    void intermediateWithWrongKeyIsUntrusted() {
        // Given a leaf signed by one "Test Intermediate" but sent with another of the same name
        Held impostor = intermediate("Test Intermediate", root);
        Held leaf = leaf(impostor).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.UNTRUSTED);
        assertThat(tls.trustDetail()).startsWith("chain[0] CN=mx.example.com: ");
    }

    @Test
    void outOfOrderChainWithSurplusCertificateIsTrusted() {
        // Given root -> i1 -> i2 -> leaf, sent as leaf, unrelated cert, i1, i2
        Held i2 = intermediate("Second Intermediate", intermediate);
        Held leaf = leaf(i2).build();
        Held stray = TestCertificates.ca("Stray Root");

        // When
        TlsFacts tls = inspect(leaf.certificate(), stray.certificate(), intermediate.certificate(), i2.certificate());

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
    }

    @Test
    void anExpiredCrossSignedRootOffTheValidatedPathIsOnlyANote() {
        // Given root -> intermediate -> leaf, sent with an expired cross-signed twin of the root (same subject and
        // key, issued by an old untrusted root), as servers did with Let's Encrypt's chain through DST Root CA X3
        Held oldRoot = TestCertificates.ca("Old Root");
        Held crossSigned = TestCertificates.builder().commonName("Test Root").ca().keyPair(root.keyPair())
                .validity(NOW.minus(days(900)), NOW.minus(days(100))).signedBy(oldRoot).build();
        Held leaf = leaf(intermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate(), crossSigned.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7, NOW);

        // Then the path to the trusted root does not use the expired twin, and senders do not care about it
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.trustedPath()).containsExactly(0, 1);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.CERT_EXPIRED);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.subject()).isEqualTo(SUBJECT + " chain[2]");
            assertThat(f.message()).endsWith("(sent but not on the validated path: senders do not need it)");
            assertThat(f.remediation()).startsWith("Remove this certificate from the chain " + SUBJECT + " sends");
        });
    }

    @Test
    void longChainIsTrustedAndEveryElementRead() {
        // Given root -> five intermediates -> leaf, sent leaf first in order
        Held issuer = root;
        Held[] intermediates = new Held[5];
        for (int i = 0; i < 5; i++) {
            issuer = intermediate("Intermediate " + (i + 1), issuer);
            intermediates[4 - i] = issuer;
        }
        Held leaf = leaf(issuer).build();
        X509Certificate[] chain = new X509Certificate[6];
        chain[0] = leaf.certificate();
        for (int i = 0; i < 5; i++) {
            chain[i + 1] = intermediates[i].certificate();
        }

        // When
        TlsFacts tls = inspect(chain);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.chain()).extracting(CertificateFacts::position, CertificateFacts::subject).containsExactly(
                tuple(0, "CN=mx.example.com"), tuple(1, "CN=Intermediate 5"), tuple(2, "CN=Intermediate 4"),
                tuple(3, "CN=Intermediate 3"), tuple(4, "CN=Intermediate 2"), tuple(5, "CN=Intermediate 1"));
        assertThat(tls.chain().get(5).issuer()).isEqualTo("CN=Test Root");
    }

    @Test
    void nameMismatchListsTheCertificateNames() {
        // Given a trusted leaf for other names
        Held leaf = TestCertificates.builder().commonName("mail.example.net").dnsName("mail.example.net")
                .dnsName("*.example.org").signedBy(intermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.nameMatches()).isFalse();
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_NAME_MISMATCH, Severity.CRITICAL,
                        "the certificate names mail.example.net, *.example.org; the MX name is mx.example.com"));
    }

    @Test
    void wildcardLeafMatches() {
        // Given a leaf for *.example.com, checked with a trailing-dot, upper-case reference
        Held leaf = TestCertificates.builder().commonName("*.example.com").dnsName("*.example.com")
                .signedBy(intermediate).build();

        // When
        TlsFacts tls = inspector.inspect("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 7, "MX.example.com.",
                new X509Certificate[] {leaf.certificate(), intermediate.certificate()});

        // Then
        assertThat(tls.nameMatches()).isTrue();
        assertThat(tls.sni()).isEqualTo("MX.example.com");
    }

    @Test
    void commonNameOnlyLeafMatchesButHasNoSan() {
        // Given a trusted leaf that names the MX only in its CN
        Held leaf = TestCertificates.builder().commonName(MX).signedBy(intermediate).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.nameMatches()).isTrue();
        assertThat(tls.chain().get(0).dnsNames()).isEmpty();
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_NO_SAN, Severity.WARNING,
                        "no dNSName in the subject alternative names; subject CN is mx.example.com"));
    }

    @Test
    void commonNameIsIgnoredWhenSanHasDnsNames() {
        // Given a leaf whose CN is the MX name but whose SAN is not
        Held leaf = TestCertificates.builder().commonName(MX).dnsName("other.example.com").signedBy(intermediate)
                .build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());

        // Then
        assertThat(tls.nameMatches()).isFalse();
    }

    @Test
    void rsa1024KeyIsWeak() {
        // Given a trusted leaf with a 1024-bit RSA key
        Held leaf = leaf(intermediate).rsa(1024).build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_WEAK_KEY, Severity.WARNING, SUBJECT,
                        "RSA key of 1024 bits (at least 2048 expected)"));
    }

    @Test
    void sha1SignatureIsReportedButNotOnTheSelfSignedRoot() throws Exception {
        // Given an RSA root signing itself and a leaf with SHA1withRSA
        Held rsaRoot = TestCertificates.builder().commonName("SHA1 Root").ca().rsa(2048)
                .signatureAlgorithm("SHA1withRSA").validity(NOW.minus(days(10)), NOW.plus(days(3000))).build();
        Held leaf = leaf(rsaRoot).signatureAlgorithm("SHA1withRSA").build();
        TlsInspector trustingRsaRoot = new TlsInspector(caFile(rsaRoot), CLOCK);

        // When
        TlsFacts tls = trustingRsaRoot.inspect("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 42, MX,
                new X509Certificate[] {leaf.certificate(), rsaRoot.certificate()});
        List<Finding> findings = CertificateFindings.of(SUBJECT, tls, 30, 7);

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(tls.chain()).extracting(CertificateFacts::signatureAlgorithm)
                .containsExactly("SHA1withRSA", "SHA1withRSA");
        assertThat(findings).extracting(Finding::code, Finding::subject, Finding::message)
                .containsExactly(tuple(FindingCode.CERT_SHA1_SIGNATURE, SUBJECT, "signed with SHA1withRSA"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2} {3} bits")
    @CsvSource({
            "EC, 256, EC, 256, SHA256withECDSA",
            "EC, 384, EC, 384, SHA256withECDSA",
            "EC, 521, EC, 521, SHA256withECDSA",
            "RSA, 2048, RSA, 2048, SHA256withRSA",
            "Ed25519, 256, Ed25519, 256, Ed25519"})
    void readsKeyAlgorithmAndSize(String algorithm, int bits, String expectedAlgorithm, int expectedBits,
            String expectedSignature) {
        // Given a self-signed certificate with that key
        TestCertificates.Builder builder = TestCertificates.builder().commonName(MX).dnsName(MX);
        if (algorithm.equals("RSA")) {
            builder.rsa(bits);
        } else if (algorithm.equals("EC")) {
            builder.ec(bits);
        } else {
            builder.ed25519();
        }
        Held cert = builder.build();

        // When
        CertificateFacts facts = inspect(cert.certificate()).chain().get(0);

        // Then
        assertThat(facts.keyAlgorithm()).isEqualTo(expectedAlgorithm);
        assertThat(facts.keyBits()).isEqualTo(expectedBits);
        assertThat(facts.signatureAlgorithm()).isEqualTo(expectedSignature);
        assertThat(facts.selfSigned()).isTrue();
    }

    @Test
    void readsIpAddressSans() {
        // Given a leaf with IPv4 and IPv6 address SANs
        Held leaf = leaf(intermediate).ipAddress("192.0.2.1").ipAddress("2001:db8:0:0:0:0:0:1").build();

        // When
        TlsFacts tls = inspect(leaf.certificate(), intermediate.certificate());

        // Then
        assertThat(tls.chain().get(0).ipAddresses()).containsExactly("192.0.2.1", "2001:db8::1");
        assertThat(tls.chain().get(0).dnsNames()).containsExactly(MX);
    }

    @Test
    void loadsTheJdkTrustStoreWithoutCaFile() throws Exception {
        // Given an inspector without CA file, and a root of the JDK trust store
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509Certificate[] jdkRoots = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers();
        TlsInspector jdkOnly = new TlsInspector(null, CLOCK);

        // When
        TlsFacts jdkRoot = jdkOnly.inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, MX,
                new X509Certificate[] {jdkRoots[0]});
        TlsFacts testChain = jdkOnly.inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, MX,
                new X509Certificate[] {leaf(intermediate).build().certificate(), intermediate.certificate()});

        // Then
        assertThat(jdkRoots).isNotEmpty();
        assertThat(jdkRoot.trust()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(testChain.trust()).isEqualTo(TrustStatus.INCOMPLETE);
    }

    @Test
    void withACaFileAChainToAJdkRootIsStillTrusted() throws Exception {
        // Given an inspector with a CA file, and a root of the JDK trust store that the CA file does not hold
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        X509Certificate jdkRoot = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers()[0];

        // When
        TlsFacts tls = inspector.inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, MX, new X509Certificate[] {jdkRoot});

        // Then the JDK store is consulted after the CA file alone did not validate it
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
    }

    @Test
    void pemBlocksOfOtherTypesAndHeadersAreSkipped() throws Exception {
        String cert = TestCertificates.pem(root.certificate());
        String withHeader = cert.replace("-----BEGIN CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----\nComment: x\n\n");

        List<byte[]> blocks = TlsInspector.pemCertificates(
                "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n" + withHeader.replace("\n", "\r\n"));

        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0)).isEqualTo(root.certificate().getEncoded());
    }

    @Test
    void caFileWithSeveralCertificatesAndCommentsIsRead() throws Exception {
        // Given a CA file with text around two PEM blocks, the second being our root
        Held unrelated = TestCertificates.ca("Unrelated CA");
        Path file = dir.resolve("bundle.pem");
        Files.writeString(file, "# bundle\nsubject=CN=Unrelated CA\n" + TestCertificates.pem(unrelated.certificate())
                + "\nsubject=CN=Test Root\n" + TestCertificates.pem(root.certificate()), StandardCharsets.US_ASCII);

        // When
        TlsFacts tls = new TlsInspector(file, CLOCK).inspect("TLSv1.3", "TLS_AES_128_GCM_SHA256", 1, MX,
                new X509Certificate[] {leaf(intermediate).build().certificate(), intermediate.certificate()});

        // Then
        assertThat(tls.trust()).isEqualTo(TrustStatus.TRUSTED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing | no such file
            empty   | holds no certificate (expected PEM blocks "-----BEGIN CERTIFICATE-----")
            text    | holds no certificate (expected PEM blocks "-----BEGIN CERTIFICATE-----")
            key     | holds no certificate (expected PEM blocks "-----BEGIN CERTIFICATE-----")
            garbage | holds a certificate that cannot be parsed:
            noend   | holds a certificate that cannot be parsed: malformed PEM: -----END CERTIFICATE----- not found
            base64  | holds a certificate that cannot be parsed: malformed base64 in a PEM CERTIFICATE block
            dir     | cannot be read:
            """)
    void badCaFileIsRejectedWithOneLine(String kind, String expected) throws Exception {
        // Given a CA file that is not usable
        Path file = dir.resolve("ca-" + kind + ".pem");
        switch (kind) {
            case "empty":
                Files.writeString(file, "");
                break;
            case "text":
                Files.writeString(file, "not a certificate\n");
                break;
            case "key":
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n");
                break;
            case "garbage":
                Files.writeString(file, "-----BEGIN CERTIFICATE-----\nMIIBbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
                break;
            case "noend":
                Files.writeString(file, "-----BEGIN CERTIFICATE-----\nMIIBbm90IGEgY2VydA==\n");
                break;
            case "base64":
                Files.writeString(file, "-----BEGIN CERTIFICATE-----\nMII*bm90\n-----END CERTIFICATE-----\n");
                break;
            case "dir":
                Files.createDirectory(file);
                break;
            default:
                break;
        }

        // When / Then
        assertThatThrownBy(() -> new TlsInspector(file, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CA file " + file + " ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyChainIsAProgrammingError() {
        // When / Then
        assertThatThrownBy(() -> inspect())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no certificate chain to inspect for mx.example.com");
    }

    // --- helpers ---

    private TlsFacts inspect(X509Certificate... chain) {
        return inspector.inspect("TLSv1.3", "TLS_AES_256_GCM_SHA384", 42, MX, chain);
    }

    private Path caFile(Held... cas) throws Exception {
        Path file = Files.createTempFile(dir, "ca", ".pem");
        X509Certificate[] certs = new X509Certificate[cas.length];
        for (int i = 0; i < cas.length; i++) {
            certs[i] = cas[i].certificate();
        }
        Files.writeString(file, TestCertificates.pem(certs), StandardCharsets.US_ASCII);
        return file;
    }

    private static Held intermediate(String name, Held issuer) {
        return TestCertificates.builder().commonName(name).ca().signedBy(issuer)
                .validity(NOW.minus(days(365)), NOW.plus(days(1825))).build();
    }

    private static TestCertificates.Builder leaf(Held issuer) {
        return TestCertificates.builder().commonName(MX).dnsName(MX).signedBy(issuer)
                .validity(NOW.minus(days(1)), NOW.plus(days(90)));
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}
