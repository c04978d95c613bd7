package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.CertificateFacts;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;

/** Copies what the check needs out of one {@link X509Certificate} into a {@link CertificateFacts} record (RFC 5280 §4.1). */
final class CertificateReader {
    /** id-at-commonName (RFC 5280 §4.1.2.4, X.520). */
    private static final ASN1ObjectIdentifier COMMON_NAME = new ASN1ObjectIdentifier("2.5.4.3");
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;

    private CertificateReader() {}

    /**
     * The facts of {@code cert}, the {@code position}-th element of the chain as sent.
     *
     * @param now the check's time; {@code daysLeft} is {@code floor((notAfter - now) / 1 day)}
     */
    static CertificateFacts read(X509Certificate cert, int position, Instant now) {
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        List<String> dnsNames = new ArrayList<>();
        List<String> ipAddresses = new ArrayList<>();
        readSubjectAltNames(cert, dnsNames, ipAddresses);
        PublicKey key = cert.getPublicKey();
        return new CertificateFacts(
                position,
                cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                notBefore,
                notAfter,
                daysLeft(notAfter, now),
                dnsNames,
                ipAddresses,
                commonName(cert.getSubjectX500Principal()),
                keyAlgorithm(key),
                keyBits(key),
                cert.getSigAlgName(),
                isSelfSigned(cert),
                sha256(cert),
                der(cert));
    }

    /** The DER encoding in base64, or null when the JDK cannot encode it (never for a parsed certificate). */
    static String der(X509Certificate cert) {
        try {
            return java.util.Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }

    /** Whole days from {@code now} to {@code notAfter}, rounded down: 0 on the last day, -1 within a day after expiry. */
    static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(notAfter.toEpochMilli() - now.toEpochMilli(), MILLIS_PER_DAY);
    }

    /** Subject equals issuer and the signature verifies with the certificate's own key (RFC 5280 §3.2, self-signed). */
    static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        return isSignedBy(cert, cert.getPublicKey());
    }

    /** Whether {@code cert}'s signature verifies with {@code key}; false for any failure, including unsupported algorithms. */
    static boolean isSignedBy(X509Certificate cert, PublicKey key) {
        try {
            cert.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static void readSubjectAltNames(X509Certificate cert, List<String> dnsNames, List<String> ipAddresses) {
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return; // a malformed SAN extension counts as none: the name check then fails or falls back to CN
        }
        if (names == null) {
            return;
        }
        for (List<?> entry : names) {
            int type = (Integer) entry.get(0);
            Object value = entry.get(1);
            if (type == SAN_DNS_NAME && value instanceof String) {
                dnsNames.add((String) value);
            } else if (type == SAN_IP_ADDRESS && value instanceof String) {
                byte[] address = IpLiterals.parse((String) value);
                ipAddresses.add(address == null ? (String) value : IpLiterals.format(address));
            }
        }
    }

    /** The most specific (last) CN of the subject, as RFC 6125 §6.4.4 clients commonly read it; null without a CN. */
    private static String commonName(X500Principal subject) {
        String cn = null;
        // The Name's RDNSequence read directly: X500Name would first build BCStyle's tables (about 9 ms of CPU).
        for (ASN1Encodable element : ASN1Sequence.getInstance(subject.getEncoded())) {
            for (AttributeTypeAndValue atv : RDN.getInstance(element).getTypesAndValues()) {
                if (COMMON_NAME.equals(atv.getType())) {
                    cn = atv.getValue() instanceof ASN1String
                            ? ((ASN1String) atv.getValue()).getString()
                            : atv.getValue().toString();
                }
            }
        }
        return cn;
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName(); // "Ed25519" or "Ed448"; the JDK's algorithm is "EdDSA"
        }
        return key.getAlgorithm();
    }

    /** RSA: modulus length; DSA: length of p; EC: field size; Ed25519: 256, Ed448: 448; 0 when unknown. */
    private static int keyBits(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECKey) {
            String curve = ((EdECKey) key).getParams().getName();
            return "Ed25519".equalsIgnoreCase(curve) ? 256 : "Ed448".equalsIgnoreCase(curve) ? 448 : 0;
        }
        return 0;
    }

    private static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + cert.getSubjectX500Principal(), e);
        }
    }
}
