package dev.smtpmxcheck.core.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates minted per test with BouncyCastle (in the manner of okhttp's HeldCertificate), so no test
 * depends on a PEM file that expires. Build a CA with {@link #ca(String)}, then leaves or
 * intermediates signed by it with {@link Builder}.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {}

    /** A certificate and its private key. */
    public record Held(X509Certificate certificate, KeyPair keyPair) {}

    /** A self-signed CA valid from a day ago for ten years, EC P-256, SHA256withECDSA. */
    public static Held ca(String commonName) {
        return builder().commonName(commonName).ca()
                .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An SSLContext for a server presenting {@code chain} (leaf first) with the leaf's key. */
    public static SSLContext serverContext(Held leaf, X509Certificate... intermediates) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            X509Certificate[] chain = new X509Certificate[intermediates.length + 1];
            chain[0] = leaf.certificate();
            System.arraycopy(intermediates, 0, chain, 1, intermediates.length);
            ks.setKeyEntry("server", leaf.keyPair().getPrivate(), "changeit".toCharArray(), chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build server SSLContext", e);
        }
    }

    /** The certificates as concatenated PEM blocks ("-----BEGIN CERTIFICATE-----"), e.g. for a CA file. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder sb = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate c : certificates) {
            try {
                sb.append("-----BEGIN CERTIFICATE-----\n")
                        .append(encoder.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
            }
        }
        return sb.toString();
    }

    /** Fluent builder; defaults: EC P-256, SHA256withECDSA, valid from one day ago for 90 days, self-signed. */
    public static final class Builder {
        private String commonName = "test";
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(90));
        private String keyAlgorithm = "EC";
        private int keyBits = 256;
        private String signatureAlgorithm;
        private boolean ca;
        private int keyUsage;
        private Held issuer;
        private KeyPair keyPair;

        public Builder commonName(String cn) {
            this.commonName = cn;
            return this;
        }

        /** Adds a dNSName to the subject alternative names. */
        public Builder dnsName(String name) {
            dnsNames.add(name);
            return this;
        }

        /** Adds an iPAddress (IPv4 or IPv6 literal) to the subject alternative names. */
        public Builder ipAddress(String address) {
            ipAddresses.add(address);
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** RSA key of {@code bits} bits (default signature SHA256withRSA). */
        public Builder rsa(int bits) {
            this.keyAlgorithm = "RSA";
            this.keyBits = bits;
            return this;
        }

        /** EC key on P-256, P-384 or P-521 ({@code bits} 256, 384 or 521; default signature SHA256withECDSA). */
        public Builder ec(int bits) {
            this.keyAlgorithm = "EC";
            this.keyBits = bits;
            return this;
        }

        /** Ed25519 key (signature Ed25519 when this certificate signs). */
        public Builder ed25519() {
            this.keyAlgorithm = "Ed25519";
            this.keyBits = 256;
            return this;
        }

        /** Signature algorithm of the issuer, e.g. "SHA1withRSA" (the issuer's key type must fit). */
        public Builder signatureAlgorithm(String alg) {
            this.signatureAlgorithm = alg;
            return this;
        }

        /** Marks the certificate as a CA (basicConstraints CA:true, keyCertSign). */
        /** A leaf's KeyUsage extension (critical), BouncyCastle's {@code KeyUsage} bits; none by default. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public Builder ca() {
            this.ca = true;
            return this;
        }

        /** Uses an existing key pair (for a cross-signed twin of a CA: same subject and key, other issuer). */
        public Builder keyPair(KeyPair existing) {
            this.keyPair = existing;
            return this;
        }

        /** Signs with {@code issuerCa} instead of self-signing. */
        public Builder signedBy(Held issuerCa) {
            this.issuer = issuerCa;
            return this;
        }

        public Held build() {
            try {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance(keyAlgorithm);
                if ("EC".equals(keyAlgorithm)) {
                    kpg.initialize(new ECGenParameterSpec(
                            keyBits == 384 ? "secp384r1" : keyBits == 521 ? "secp521r1" : "secp256r1"));
                } else if (!"Ed25519".equals(keyAlgorithm)) {
                    kpg.initialize(keyBits);
                }
                KeyPair kp = keyPair != null ? keyPair : kpg.generateKeyPair();
                X500Name subject = new X500Name("CN=" + commonName);
                X500Name issuerName = issuer == null ? subject
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                PrivateKey signingKey = issuer == null ? kp.getPrivate() : issuer.keyPair().getPrivate();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, kp.getPublic());
                if (ca) {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    if (keyUsage != 0) {
                        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                    }
                }
                if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                    List<GeneralName> all = new ArrayList<>();
                    dnsNames.forEach(n -> all.add(new GeneralName(GeneralName.dNSName, n)));
                    ipAddresses.forEach(a -> all.add(new GeneralName(GeneralName.iPAddress, a)));
                    GeneralName[] names = all.toArray(GeneralName[]::new);
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                String signingAlgorithm = signingKey.getAlgorithm();
                String alg = signatureAlgorithm != null ? signatureAlgorithm
                        : "EC".equals(signingAlgorithm) ? "SHA256withECDSA"
                        : "EdDSA".equals(signingAlgorithm) || "Ed25519".equals(signingAlgorithm) ? "Ed25519"
                        : "SHA256withRSA";
                ContentSigner signer = new JcaContentSignerBuilder(alg).build(signingKey);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
                return new Held(cert, kp);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot mint test certificate " + commonName, e);
            }
        }
    }
}
