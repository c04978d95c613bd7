package dev.smtpmxcheck.core.smtp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server chain and keeps it, so that untrusted, expired or self-signed chains still reach the
 * certificate judgement ({@link ChainInspector}) instead of failing the handshake. Being an
 * {@link X509ExtendedTrustManager}, the JDK does not wrap it with its own endpoint identification. Never use it
 * for anything but capturing a chain to report on; no message is ever sent over this connection.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
    private volatile X509Certificate[] chain;

    /** The chain the server presented, leaf first, or null before the handshake reached it. */
    X509Certificate[] chain() {
        X509Certificate[] c = chain;
        return c == null ? null : c.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
        record(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
        record(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) {
        record(presented);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client role not supported");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client role not supported");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        throw new CertificateException("client role not supported");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void record(X509Certificate[] presented) {
        chain = presented == null ? null : presented.clone();
    }
}
