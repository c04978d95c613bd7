package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What the TLS handshake after STARTTLS negotiated and presented (RFC 3207).
 *
 * @param protocol negotiated protocol as the JDK names it ("TLSv1.3")
 * @param cipherSuite negotiated cipher suite (IANA name, "TLS_AES_256_GCM_SHA384")
 * @param handshakeMillis milliseconds from the 220 reply to STARTTLS to the handshake's end
 * @param sni the MX host name without its trailing dot: the reference identifier of the name check, and the
 *     server name sent in SNI, except when it is an IP address (a host checked with -H), for which RFC 6066 §3
 *     forbids SNI and none is sent
 * @param chain the whole chain as presented, leaf first, even when it is not trusted
 * @param trust the PKIX verdict on the chain
 * @param trustDetail the validator's reason when not trusted, else null
 * @param nameMatches true when the leaf matches the MX host name per RFC 6125 (DNS-ID first,
 *     CN only when the certificate has no dNSName)
 * @param trustedPath when trusted, the positions in {@code chain} of the certificates on the validated path
 *     (leaf first, the trust anchor itself not included); extra certificates a server sends, such as an old
 *     cross-signed root, are not on it and do not matter to senders. Empty when not trusted.
 */
public record TlsFacts(
        String protocol,
        String cipherSuite,
        long handshakeMillis,
        String sni,
        List<CertificateFacts> chain,
        TrustStatus trust,
        String trustDetail,
        boolean nameMatches,
        List<Integer> trustedPath) {

    public TlsFacts {
        chain = List.copyOf(chain);
        trustedPath = trustedPath == null ? List.of() : List.copyOf(trustedPath);
    }

    /** Facts whose whole chain is the validated path when {@code trust} is TRUSTED (no extra certificates). */
    public TlsFacts(String protocol, String cipherSuite, long handshakeMillis, String sni, List<CertificateFacts> chain,
            TrustStatus trust, String trustDetail, boolean nameMatches) {
        this(protocol, cipherSuite, handshakeMillis, sni, chain, trust, trustDetail, nameMatches,
                trust == TrustStatus.TRUSTED ? java.util.stream.IntStream.range(0, chain.size()).boxed().toList() : List.of());
    }

    /**
     * True when certificate {@code position} matters to senders: it is on the validated path, or the chain is
     * not trusted (then every certificate sent is judged).
     */
    public boolean judged(int position) {
        return trust != TrustStatus.TRUSTED || trustedPath.contains(position);
    }
}
