package dev.smtpmxcheck.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDHConfig;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * An SMTP server on a loopback port whose STARTTLS is served by BouncyCastle's TLS API, so that a test can pick
 * exactly the protocol versions, cipher suites and finite-field DH group the server accepts, including those the
 * JDK refuses to serve (TLS 1.0, 1.1, 3DES, 1024-bit DH). Every connection is served alike: 220, EHLO with STARTTLS,
 * STARTTLS 220, the handshake, then 250 to everything but QUIT (221), DATA (554) and EHLO (keywords without
 * STARTTLS). The server presents one self-signed RSA certificate.
 */
public final class BcTlsSmtpServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final Thread thread;
    private final TestCertificates.Held certificate;
    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final DHGroup dhGroup;
    private volatile int[] groups;
    private final List<String> handshakes = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /**
     * @param loopback the address to listen on (127.0.0.1 or ::1)
     * @param port the port, 0 for any free one
     * @param versions the versions the server accepts
     * @param suites the suites it accepts, in its order of preference (it chooses)
     * @param dhGroup the group of its DHE suites, or null for BouncyCastle's default (2048 bits or more)
     */
    public BcTlsSmtpServer(InetAddress loopback, int port, ProtocolVersion[] versions, int[] suites, DHGroup dhGroup)
            throws IOException {
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(loopback, port));
        this.certificate = TestCertificates.builder().commonName("mx.bc.test").dnsName("mx.bc.test").rsa(2048).build();
        this.versions = versions.clone();
        this.suites = suites.clone();
        this.dhGroup = dhGroup;
        this.thread = new Thread(this::serve, "bc-tls-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** A server accepting only {@code versions}, with the common suites of those versions. */
    public static BcTlsSmtpServer only(ProtocolVersion... versions) throws IOException {
        return new BcTlsSmtpServer(InetAddress.getByName("127.0.0.1"), 0, versions, new int[] {
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA}, null);
    }

    /**
     * A server accepting only {@code versions} whose key exchange takes only the classical groups X25519 and
     * secp256r1 (no hybrid post-quantum group), as OpenSSL 3.0 and older do.
     */
    public static BcTlsSmtpServer classicalOnly(ProtocolVersion... versions) throws IOException {
        BcTlsSmtpServer server = only(versions);
        server.groups = new int[] {org.bouncycastle.tls.NamedGroup.x25519, org.bouncycastle.tls.NamedGroup.secp256r1};
        return server;
    }

    /** A server accepting only {@code versions} whose key exchange takes only {@code groups}, in that order. */
    public static BcTlsSmtpServer onlyGroups(int[] groups, ProtocolVersion... versions) throws IOException {
        BcTlsSmtpServer server = only(versions);
        server.groups = groups.clone();
        return server;
    }

    /**
     * A server accepting only {@code versions} whose key exchange takes the hybrid post-quantum group X25519MLKEM768
     * first, then X25519 and secp256r1, as OpenSSL 3.5 does.
     */
    public static BcTlsSmtpServer withHybrid(ProtocolVersion... versions) throws IOException {
        BcTlsSmtpServer server = only(versions);
        server.groups = new int[] {org.bouncycastle.tls.NamedGroup.X25519MLKEM768,
            org.bouncycastle.tls.NamedGroup.x25519, org.bouncycastle.tls.NamedGroup.secp256r1};
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** One line per completed handshake: the version and the suite, e.g. "TLSv1 0x002F". */
    public List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    @Override
    public void close() throws IOException {
        running = false;
        serverSocket.close();
    }

    private void serve() {
        while (running) {
            try (Socket socket = serverSocket.accept()) {
                socket.setSoTimeout(5000);
                serveOne(socket);
            } catch (IOException | RuntimeException e) {
                // a failed handshake or a client that went away: next connection
            }
        }
    }

    private void serveOne(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        write(out, "220 mx.bc.test ESMTP BcFake");
        while (true) {
            String cmd = readLine(in);
            if (cmd == null) {
                return;
            }
            String verb = cmd.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
            if (verb.equals("EHLO")) {
                write(out, "250-mx.bc.test\r\n250-PIPELINING\r\n250 STARTTLS");
            } else if (verb.equals("STARTTLS")) {
                write(out, "220 2.0.0 Ready to start TLS");
                break;
            } else if (verb.equals("QUIT")) {
                write(out, "221 2.0.0 Bye");
                return;
            } else {
                write(out, "250 2.0.0 Ok");
            }
        }
        TlsServerProtocol protocol = new TlsServerProtocol(in, out);
        Server server = new Server();
        protocol.accept(server);
        handshakes.add(server.negotiated());
        InputStream tin = protocol.getInputStream();
        OutputStream tout = protocol.getOutputStream();
        while (true) {
            String cmd = readLine(tin);
            if (cmd == null) {
                return;
            }
            String verb = cmd.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
            if (verb.equals("EHLO")) {
                write(tout, "250-mx.bc.test\r\n250 PIPELINING");
            } else if (verb.equals("QUIT")) {
                write(tout, "221 2.0.0 Bye");
                protocol.close();
                return;
            } else if (verb.equals("DATA") || verb.equals("BDAT")) {
                write(tout, "554 5.5.1 no DATA here");
            } else {
                write(tout, "250 2.0.0 Ok");
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() < 4096) {
                line.write(b);
            }
        }
    }

    /** The BouncyCastle side of one handshake. */
    private final class Server extends DefaultTlsServer {
        Server() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        String negotiated() {
            return context.getServerVersion() + " " + String.format("0x%04X", context.getSecurityParameters().getCipherSuite());
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions.clone();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return suites.clone();
        }

        @Override
        protected boolean preferLocalCipherSuites() {
            return true;
        }

        @Override
        public TlsDHConfig getDHConfig() throws IOException {
            return dhGroup == null ? super.getDHConfig() : new TlsDHConfig(dhGroup);
        }

        @Override
        public int[] getSupportedGroups() throws IOException {
            int[] only = groups;
            return only == null ? super.getSupportedGroups() : only.clone();
        }

        @Override
        protected int getMaximumNegotiableFiniteFieldBits() {
            return 8192;
        }

        @Override
        public org.bouncycastle.tls.TlsCredentials getCredentials() throws IOException {
            // DefaultTlsServer picks credentials by key exchange, which TLS 1.3 suites do not name.
            return TlsUtils.isTLSv13(context.getServerVersion()) ? getRSASignerCredentials() : super.getCredentials();
        }

        @Override
        protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
            SignatureAndHashAlgorithm algorithm = null;
            ProtocolVersion version = context.getServerVersion();
            if (TlsUtils.isTLSv13(version)) {
                algorithm = SignatureAndHashAlgorithm.rsa_pss_rsae_sha256;
            } else if (TlsUtils.isSignatureAlgorithmsExtensionAllowed(version)) {
                algorithm = new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
            }
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (BcTlsCrypto) getCrypto(),
                    privateKey(), chain(), algorithm);
        }

        @Override
        protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
            return new BcDefaultTlsCredentialedDecryptor((BcTlsCrypto) getCrypto(), chain(), privateKey());
        }

        private Certificate chain() throws IOException {
            try {
                TlsCertificate tls = getCrypto().createCertificate(certificate.certificate().getEncoded());
                if (TlsUtils.isTLSv13(context.getServerVersion())) {
                    return new Certificate(TlsUtils.EMPTY_BYTES, new CertificateEntry[] {new CertificateEntry(tls, null)});
                }
                return new Certificate(new TlsCertificate[] {tls});
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
        }

        private RSAKeyParameters privateKey() throws IOException {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(certificate.keyPair().getPrivate().getEncoded());
            return (RSAKeyParameters) key;
        }
    }

}
