package dev.smtpmxcheck.core.report.json;

import java.time.Instant;
import java.util.List;

/**
 * The TLS session after STARTTLS in the JSON report ({@code TlsFacts} of {@code json.adoc}; RFC 3207).
 *
 * @param protocol negotiated protocol as the JDK names it ("TLSv1.3")
 * @param cipherSuite negotiated cipher suite (IANA name)
 * @param handshakeMillis milliseconds from the 220 reply to STARTTLS to the handshake's end
 * @param sni the reference identifier of the name check (the MX host name)
 * @param chain the chain as presented, leaf first
 * @param trust the PKIX verdict (RFC 5280 §6): {@code TRUSTED}, {@code SELF_SIGNED}, {@code INCOMPLETE} or
 *     {@code UNTRUSTED}
 * @param trustDetail the validator's reason when not trusted, else null
 * @param nameMatches true when the leaf matches the MX host name (RFC 6125)
 * @param trustedPath when trusted, the chain positions on the validated path; empty otherwise (and in reports
 *     written before the field existed)
 */
public record TlsJson(
        String protocol,
        String cipherSuite,
        long handshakeMillis,
        String sni,
        List<Certificate> chain,
        String trust,
        String trustDetail,
        boolean nameMatches,
        List<Integer> trustedPath) {

    public TlsJson {
        chain = Lists.of(chain);
        trustedPath = Lists.of(trustedPath);
    }

    /**
     * One certificate of the presented chain (RFC 5280).
     *
     * @param position 0 for the leaf, then in the order sent
     * @param subject subject DN (RFC 4514)
     * @param issuer issuer DN (RFC 4514)
     * @param serial serial number, upper-case hex
     * @param notBefore start of validity
     * @param notAfter end of validity
     * @param daysLeft whole days from the check to {@code notAfter}, rounded down; negative once expired
     * @param dnsNames the subject alternative name's dNSName entries
     * @param ipAddresses the subject alternative name's iPAddress entries
     * @param subjectCommonName the subject's CN, or null
     * @param keyAlgorithm "RSA", "EC", "Ed25519", ...
     * @param keyBits key size in bits, 0 when unknown
     * @param signatureAlgorithm e.g. "SHA256withRSA"
     * @param selfSigned true when subject equals issuer and the own key verifies the signature
     * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
     * @param der the DER encoding in base64 (RFC 4648 §4), or null
     */
    public record Certificate(
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
        public Certificate {
            dnsNames = Lists.of(dnsNames);
            ipAddresses = Lists.of(ipAddresses);
        }
    }
}
