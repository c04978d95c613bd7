package dev.smtpmxcheck.core.report;

import java.time.Instant;
import java.util.List;

/**
 * One certificate of the chain the server presented, as the check read it (RFC 5280).
 *
 * @param position 0 for the server's own (leaf) certificate, then 1, 2... in the order sent
 * @param subject subject distinguished name (RFC 4514 string)
 * @param issuer issuer distinguished name (RFC 4514 string)
 * @param serial serial number in upper-case hexadecimal
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param daysLeft whole days from the check's time to {@code notAfter}, rounded down; negative once expired
 * @param dnsNames the dNSName entries of the subject alternative name extension (empty if none)
 * @param ipAddresses the iPAddress entries of the subject alternative name extension
 * @param subjectCommonName the subject's CN, or null
 * @param keyAlgorithm "RSA", "EC", "Ed25519", ...
 * @param keyBits key size in bits (RSA modulus, EC field size), 0 when unknown
 * @param signatureAlgorithm e.g. "SHA256withRSA"
 * @param selfSigned true when subject equals issuer and the signature verifies with the certificate's own key
 * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
 * @param der the certificate's DER encoding in base64 (RFC 4648 §4, no line breaks), as presented; what DANE
 *     matches TLSA records against (RFC 6698 §2.1). Null in reports built without it
 */
public record CertificateFacts(
        int position,
        String subject,
        String issuer,
        String serial,
        Instant notBefore,
        Instant notAfter,
        long daysLeft,
        List<String> dnsNames,
        List<String> ipAddresses,
        String subjectCommonName,
        String keyAlgorithm,
        int keyBits,
        String signatureAlgorithm,
        boolean selfSigned,
        String sha256Fingerprint,
        String der) {

    public CertificateFacts {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Facts without the DER encoding (reports built by hand, tests). */
    public CertificateFacts(int position, String subject, String issuer, String serial, Instant notBefore,
            Instant notAfter, long daysLeft, List<String> dnsNames, List<String> ipAddresses, String subjectCommonName,
            String keyAlgorithm, int keyBits, String signatureAlgorithm, boolean selfSigned, String sha256Fingerprint) {
        this(position, subject, issuer, serial, notBefore, notAfter, daysLeft, dnsNames, ipAddresses, subjectCommonName,
                keyAlgorithm, keyBits, signatureAlgorithm, selfSigned, sha256Fingerprint, null);
    }
}
