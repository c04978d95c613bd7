package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.TlsFacts;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * Turns a presented certificate chain into {@link TlsFacts}: each element's facts, the PKIX verdict
 * against the JDK trust store plus an optional CA file (RFC 5280 §6), and the RFC 6125 name check.
 */
public final class TlsInspector {

    /**
     * @param caFile PEM file of extra trust anchors, or null
     * @param clock the time validity and days left are computed against
     * @throws IllegalArgumentException when the CA file cannot be read or holds no certificate
     */
    public TlsInspector(Path caFile, Clock clock) {
        throw new UnsupportedOperationException("TODO: tls helper");
    }

    /**
     * @param protocol negotiated protocol ("TLSv1.3")
     * @param cipherSuite negotiated suite
     * @param handshakeMillis handshake time in milliseconds
     * @param referenceName the MX host name (SNI and DNS-ID reference identifier), without trailing dot
     * @param chain the chain as presented, leaf first
     */
    public TlsFacts inspect(String protocol, String cipherSuite, long handshakeMillis, String referenceName,
            X509Certificate[] chain) {
        throw new UnsupportedOperationException("TODO: tls helper");
    }
}
