package dev.smtpmxcheck.core.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS client of the main probe after STARTTLS (RFC 3207 §4): BouncyCastle's TLS protocol API with its own
 * pure-Java crypto, offering what the JDK 17 client offers by default, so that what the probe negotiates is what a
 * JSSE client would: TLS 1.3 and 1.2 (RFC 8996: not 1.0 or 1.1), the same cipher suites in the same order, the
 * named groups x25519, secp256r1, secp384r1, secp521r1, x448 and ffdhe2048 to ffdhe8192, a server's own
 * finite-field DH group from 1,024 bits (the JDK's {@code jdk.tls.disabledAlgorithms} floor); it takes up to 100
 * certificates and 100 KiB per handshake message, as OpenSSL does, where the JDK stops at 10 and 32 KiB. Unlike the
 * JDK 17 client it sends one key share (x25519) in its
 * first ClientHello, as OpenSSL clients do; a server without x25519 asks for another with a HelloRetryRequest
 * (RFC 8446 §4.1.4). That halves the key generation of every handshake.
 *
 * <p>Every server chain is accepted and captured (never judged here: the {@link ChainInspector} judges it after
 * the session), its KeyUsage is not enforced, no client certificate is sent, and the server's signature over the
 * handshake is still verified by the protocol. One instance serves one handshake. Not thread-safe.
 */
final class ProbeTlsClient extends DefaultTlsClient {
    /** The JDK 17 client's default cipher suites, in its order (IANA names, RFC 8446 §B.4 and the TLS registry). */
    private static final String[] SUITE_NAMES = {
        "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
        "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"};

    /** The JDK 17 client's default named groups, in its order (RFC 8446 §4.2.7, RFC 7919). */
    private static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1,
        NamedGroup.secp521r1, NamedGroup.x448, NamedGroup.ffdhe2048, NamedGroup.ffdhe3072, NamedGroup.ffdhe4096,
        NamedGroup.ffdhe6144, NamedGroup.ffdhe8192};

    /** The smallest finite-field DH prime taken, in bits: the JDK 17 client's floor ("DH keySize < 1024"). */
    static final int MIN_DH_PRIME_BITS = 1024;

    /** The most certificates taken in a server's chain (see {@link #getMaxCertificateChainLength()}). */
    static final int MAX_CHAIN_CERTIFICATES = 100;

    /** The longest handshake message taken, in octets: 100 KiB (see {@link #getMaxHandshakeMessageSize()}). */
    static final int MAX_HANDSHAKE_MESSAGE_OCTETS = 100 * 1024;

    private static final int[] SUITES;
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        SUITES = new int[SUITE_NAMES.length];
        for (int i = 0; i < SUITE_NAMES.length; i++) {
            try {
                SUITES[i] = CipherSuite.class.getField(SUITE_NAMES[i]).getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError("BouncyCastle lacks the cipher suite " + SUITE_NAMES[i]);
            }
            NAMES.put(SUITES[i], SUITE_NAMES[i]);
        }
    }

    /** One generator for all handshakes: seeding one per connection costs time; SecureRandom is thread-safe. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String serverName;
    private X509Certificate[] chain;

    /**
     * @param serverName the MX host name for SNI (RFC 6066 §3), a trailing dot allowed; no SNI is sent for an IP
     *     literal or an empty name
     */
    ProbeTlsClient(String serverName) {
        super(new ProbeTlsCrypto());
        this.serverName = serverName;
    }

    /** The chain the server presented, leaf first; null before the handshake reached its Certificate message. */
    X509Certificate[] chain() {
        return chain == null ? null : chain.clone();
    }

    /** The negotiated protocol version by its JDK name ("TLSv1.3", "TLSv1.2", "TLSv1"); null before the ServerHello. */
    String protocol() {
        ProtocolVersion v = context.getServerVersion();
        if (v == null) {
            return null;
        }
        if (!v.isTLS() || v.getMajorVersion() != 3 || v.getMinorVersion() < 1) {
            return v.getName();
        }
        return v.getMinorVersion() == 1 ? "TLSv1" : "TLSv1." + (v.getMinorVersion() - 1);
    }

    /** The negotiated cipher suite by its IANA name ("TLS_AES_256_GCM_SHA384"). */
    String cipherSuite() {
        int suite = context.getSecurityParametersConnection().getCipherSuite();
        return NAMES.getOrDefault(suite, String.format("0x%04X", suite));
    }

    /**
     * The most certificates taken in the server's chain: 100. OpenSSL, which most senders' MTAs use, counts no
     * certificates, only octets (see {@link #getMaxHandshakeMessageSize()}); 100 certificates of the smallest
     * realistic size fill that. The JDK's client stops at 10, so a server whose chain Postfix takes would have
     * failed here.
     */
    @Override
    public int getMaxCertificateChainLength() {
        return MAX_CHAIN_CERTIFICATES;
    }

    /**
     * The longest handshake message taken: 100 KiB, OpenSSL's default for the server's certificate list
     * ({@code SSL_MAX_CERT_LIST_DEFAULT}), where the JDK's client stops at 32 KiB.
     */
    @Override
    public int getMaxHandshakeMessageSize() {
        return MAX_HANDSHAKE_MESSAGE_OCTETS;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return SUITES.clone();
    }

    @Override
    protected Vector<Integer> getSupportedGroups(Vector namedGroupRoles) {
        Vector<Integer> groups = new Vector<>();
        for (int g : GROUPS) {
            groups.add(g);
        }
        return groups;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        return serverNameIndication(serverName);
    }

    /**
     * The server_name extension's list for {@code serverName} (RFC 6066 §3): the host name without a trailing dot, or
     * null (no extension) for an empty name or an IP literal, which the RFC does not permit there.
     */
    static Vector<ServerName> serverNameIndication(String serverName) {
        String sni = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (sni.isEmpty() || sni.indexOf(':') >= 0 || sni.matches("[0-9.]+")) {
            return null;
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, sni.getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    /**
     * Any finite-field DH group whose prime has at least {@link #MIN_DH_PRIME_BITS} bits, as the JDK's client takes
     * it: BouncyCastle's default verifier takes only well-known groups, and servers often use their own (Postfix
     * generates one, {@code openssl dhparam} others). The group's size is judged by {@code --tls-scan}.
     */
    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        return group -> group.getP().bitLength() >= MIN_DH_PRIME_BITS;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate certificate) throws IOException {
                chain = toX509(certificate.getCertificate().getCertificateList());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) {
                return null; // no client certificate (RFC 8446 §4.4.2: an empty Certificate message)
            }
        };
    }

    /**
     * BouncyCastle's crypto, except that a server certificate's KeyUsage extension is not enforced (RFC 5280 §4.2.1.3):
     * judging the certificate is the check's job, after the handshake. The JDK's client with a trust manager of its
     * own, and OpenSSL's when it does not verify (opportunistic senders), take an old RSA certificate marked
     * keyEncipherment only for an ECDHE or TLS 1.3 signature; BouncyCastle would stop the handshake.
     */
    private static final class ProbeTlsCrypto extends BcTlsCrypto {
        ProbeTlsCrypto() {
            super(RANDOM);
        }

        @Override
        public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
            if (type != CertificateType.X509) {
                return super.createCertificate(type, encoding);
            }
            return new BcTlsCertificate(this, encoding) {
                @Override
                protected boolean supportsKeyUsage(int keyUsageBit) {
                    return true;
                }
            };
        }
    }

    private static X509Certificate[] toX509(TlsCertificate[] presented) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate[] out = new X509Certificate[presented.length];
            for (int i = 0; i < presented.length; i++) {
                out[i] = (X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(presented[i].getEncoded()));
            }
            return out;
        } catch (CertificateException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "a certificate of the server's chain cannot be read: " + e.getMessage(), e);
        }
    }
}
