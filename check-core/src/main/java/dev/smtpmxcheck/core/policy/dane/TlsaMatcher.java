package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.tls.HostnameMatcher;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Compares TLSA records with a presented certificate chain as an SMTP client does (RFC 7672 §3, RFC 6698 §2.1).
 * Pure: no I/O, no clock.
 *
 * <ul>
 *   <li>DANE-EE(3) matches the server's own certificate (position 0) only; its expiry and names do not matter
 *       (RFC 7672 §3.1.1).</li>
 *   <li>DANE-TA(2) matches a certificate the server sent after its own (position 1 or later); the certificates
 *       from the leaf up to it must each be signed by the next, and the leaf must name one of the reference
 *       identifiers (RFC 7672 §3.1.2, §3.2.3).</li>
 *   <li>PKIX-TA(0), PKIX-EE(1) and records with unknown selectors or matching types never match (RFC 7672
 *       §3.1.3, RFC 7671 §4).</li>
 *   <li>Selector 0 takes the certificate's DER, selector 1 its SubjectPublicKeyInfo DER; matching type 0
 *       compares those bytes, 1 their SHA-256, 2 their SHA-512.</li>
 * </ul>
 */
public final class TlsaMatcher {
    private TlsaMatcher() {}

    /**
     * A record that authenticated a chain.
     *
     * @param record the matching record
     * @param position the position in the chain of the certificate it named
     */
    public record Match(TlsaRecord record, int position) {}

    /**
     * The first usable record (in the given order) that authenticates the chain.
     *
     * @param records the host's TLSA records, usable or not
     * @param chain the presented chain, leaf first, each with its {@link CertificateFacts#der()}
     * @param referenceNames the names the leaf must carry for DANE-TA: the TLSA base domain and the MX host
     *     name (RFC 7672 §3.2.3), lower-case A-labels without trailing dot
     * @return the match, or empty when no usable record authenticates the chain
     * @throws IllegalArgumentException when a certificate of the chain has no DER or the DER does not parse
     */
    public static Optional<Match> match(List<TlsaRecord> records, List<CertificateFacts> chain,
            List<String> referenceNames) {
        List<X509Certificate> certs = decode(chain);
        for (TlsaRecord record : records) {
            if (!record.usable()) {
                continue;
            }
            if (record.usage() == TlsaRecord.DANE_EE) {
                if (!certs.isEmpty() && matches(record, certs.get(0))) {
                    return Optional.of(new Match(record, 0));
                }
            } else {
                for (int i = 1; i < certs.size(); i++) {
                    if (matches(record, certs.get(i)) && signedUpTo(certs, i)
                            && leafNames(chain.get(0), referenceNames)) {
                        return Optional.of(new Match(record, i));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The chain positions each usable record names (ignoring the DANE-TA path and name rules): what a
     * rollover check compares. A record for a key the server does not present yet names no position.
     *
     * @return one list of positions per record, in the order of {@code records}; empty for an unusable record
     */
    public static List<List<Integer>> positions(List<TlsaRecord> records, List<CertificateFacts> chain) {
        List<X509Certificate> certs = decode(chain);
        List<List<Integer>> out = new ArrayList<>();
        for (TlsaRecord record : records) {
            List<Integer> hits = new ArrayList<>();
            if (record.usable()) {
                int from = record.usage() == TlsaRecord.DANE_EE ? 0 : 1;
                int to = record.usage() == TlsaRecord.DANE_EE ? Math.min(1, certs.size()) : certs.size();
                for (int i = from; i < to; i++) {
                    if (matches(record, certs.get(i))) {
                        hits.add(i);
                    }
                }
            }
            out.add(hits);
        }
        return out;
    }

    /**
     * Whether {@code record}'s selector and matching type applied to {@code cert} give its association data
     * (usage not considered).
     */
    public static boolean matches(TlsaRecord record, X509Certificate cert) {
        if ((record.selector() != TlsaRecord.CERT && record.selector() != TlsaRecord.SPKI)
                || record.matchingType() < TlsaRecord.FULL || record.matchingType() > TlsaRecord.SHA2_512) {
            return false;
        }
        try {
            return MessageDigest.isEqual(associationData(cert, record.selector(), record.matchingType()),
                    record.dataBytes());
        } catch (IllegalArgumentException e) {
            return false; // a certificate the JDK cannot encode again matches nothing
        }
    }

    /**
     * The association data for {@code cert} with the given selector and matching type: what a TLSA record for it
     * holds (RFC 6698 §2.1.2, §2.1.3).
     *
     * @param selector {@link TlsaRecord#CERT} or {@link TlsaRecord#SPKI}
     * @param matchingType {@link TlsaRecord#FULL}, {@link TlsaRecord#SHA2_256} or {@link TlsaRecord#SHA2_512}
     * @throws IllegalArgumentException for another selector or matching type, or a certificate that cannot be encoded
     */
    public static byte[] associationData(X509Certificate cert, int selector, int matchingType) {
        byte[] selected;
        try {
            if (selector == TlsaRecord.CERT) {
                selected = cert.getEncoded();
            } else if (selector == TlsaRecord.SPKI) {
                selected = cert.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo DER
            } else {
                throw new IllegalArgumentException("unknown selector " + selector);
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        switch (matchingType) {
            case TlsaRecord.FULL:
                return selected;
            case TlsaRecord.SHA2_256:
                return digest("SHA-256", selected);
            case TlsaRecord.SHA2_512:
                return digest("SHA-512", selected);
            default:
                throw new IllegalArgumentException("unknown matching type " + matchingType);
        }
    }

    /** Certificates 0 to {@code anchor} each signed by the next one's key (RFC 7672 §3.1.2: the TA issues the chain). */
    private static boolean signedUpTo(List<X509Certificate> certs, int anchor) {
        for (int i = 0; i < anchor; i++) {
            try {
                if (!certs.get(i).getIssuerX500Principal().equals(certs.get(i + 1).getSubjectX500Principal())) {
                    return false;
                }
                certs.get(i).verify(certs.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean leafNames(CertificateFacts leaf, List<String> referenceNames) {
        return referenceNames.stream().anyMatch(n -> HostnameMatcher.matches(n, leaf));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }

    private static List<X509Certificate> decode(List<CertificateFacts> chain) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (CertificateFacts facts : chain) {
                if (facts.der() == null) {
                    throw new IllegalArgumentException("certificate " + facts.position() + " of the chain has no DER");
                }
                out.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(facts.der()))));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a certificate of the chain does not parse: " + e.getMessage(), e);
        }
        return out;
    }
}
