package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.TlsFacts;
import java.security.cert.X509Certificate;

/** Judges the chain captured in a STARTTLS handshake; implemented by {@code tls.TlsInspector::inspect}. */
@FunctionalInterface
public interface ChainInspector {
    /**
     * @param protocol negotiated protocol ("TLSv1.3")
     * @param cipherSuite negotiated suite
     * @param handshakeMillis handshake time in milliseconds
     * @param referenceName the MX host name, without trailing dot
     * @param chain the chain as presented, leaf first
     */
    TlsFacts inspect(String protocol, String cipherSuite, long handshakeMillis, String referenceName,
            X509Certificate[] chain);
}
