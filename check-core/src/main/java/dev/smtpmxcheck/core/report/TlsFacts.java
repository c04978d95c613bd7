package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What the TLS handshake after STARTTLS negotiated and presented (RFC 3207).
 *
 * @param protocol negotiated protocol as the JDK names it ("TLSv1.3")
 * @param cipherSuite negotiated cipher suite (IANA name, "TLS_AES_256_GCM_SHA384")
 * @param handshakeMillis milliseconds from the 220 reply to STARTTLS to the handshake's end
 * @param sni the server name sent in SNI: the MX host name without its trailing dot
 * @param chain the whole chain as presented, leaf first, even when it is not trusted
 * @param trust the PKIX verdict on the chain
 * @param trustDetail the validator's reason when not trusted, else null
 * @param nameMatches true when the leaf matches the MX host name per RFC 6125 (DNS-ID first,
 *     CN only when the certificate has no dNSName)
 */
public record TlsFacts(
        String protocol,
        String cipherSuite,
        long handshakeMillis,
        String sni,
        List<CertificateFacts> chain,
        TrustStatus trust,
        String trustDetail,
        boolean nameMatches) {

    public TlsFacts {
        chain = List.copyOf(chain);
    }
}
