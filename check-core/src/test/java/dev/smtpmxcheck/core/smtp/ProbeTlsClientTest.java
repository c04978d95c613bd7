package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.BcTlsSmtpServer;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.math.BigInteger;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.junit.jupiter.api.Test;

/** The main probe's TLS client ({@link ProbeTlsClient}) against BouncyCastle servers, and how a failure reads. */
class ProbeTlsClientTest {
    private static final String MX = "mx.bc.test";

    private static AddressReport probe(BcTlsSmtpServer server) throws IOException {
        SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example",
                false, null, null), (p, s, m, n, c) -> new TlsFacts(p, s, m, n, List.of(), TrustStatus.UNTRUSTED,
                        "test", true));
        return probe.probe(MX, InetAddress.getByName("127.0.0.1"), Deadline.after(Duration.ofSeconds(20)));
    }

    @Test
    void aServerWithoutX25519IsReachedThroughAHelloRetryRequest() throws IOException {
        // The client's first ClientHello carries an x25519 key share only; this server takes secp256r1 alone.
        try (BcTlsSmtpServer server = BcTlsSmtpServer.onlyGroups(new int[] {NamedGroup.secp256r1},
                ProtocolVersion.TLSv13)) {
            AddressReport report = probe(server);

            assertThat(report.failure()).isEmpty();
            TlsFacts tls = report.tlsSession().orElseThrow();
            assertThat(tls.protocol()).isEqualTo("TLSv1.3");
            assertThat(tls.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(server.handshakes()).hasSize(1);
        }
    }

    @Test
    void aTls12ServerIsNamedAsTheJdkNamesItsVersionAndSuite() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.only(ProtocolVersion.TLSv12)) {
            TlsFacts tls = probe(server).tlsSession().orElseThrow();

            assertThat(tls.protocol()).isEqualTo("TLSv1.2");
            assertThat(tls.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void aServersOwnDhGroupIsTakenFrom1024BitsAsTheJdkTakesIt() throws IOException {
        // The 1,024-bit prime of RFC 2409 with the generator 5: a group of the server's own, in no well-known list.
        DHGroup own = new DHGroup(DHStandardGroups.rfc2409_1024.getP(), null, BigInteger.valueOf(5), 0);
        int[] dheOnly = {CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256};
        try (BcTlsSmtpServer server = new BcTlsSmtpServer(InetAddress.getByName("127.0.0.1"), 0,
                new ProtocolVersion[] {ProtocolVersion.TLSv12}, dheOnly, own)) {
            AddressReport report = probe(server);

            assertThat(report.failure()).isEmpty();
            assertThat(report.tlsSession().orElseThrow().cipherSuite()).isEqualTo("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        }
    }

    @Test
    void aDhGroupUnder1024BitsEndsTheHandshake() throws IOException {
        int[] dheOnly = {CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256};
        try (BcTlsSmtpServer server = new BcTlsSmtpServer(InetAddress.getByName("127.0.0.1"), 0,
                new ProtocolVersion[] {ProtocolVersion.TLSv12}, dheOnly, DHStandardGroups.rfc2409_768)) {
            AddressReport report = probe(server);

            assertThat(report.failure().orElseThrow().detail())
                    .startsWith("this client ended the handshake with the alert insufficient_security(71)");
        }
    }

    @Test
    void aServerThatClosesBetweenTwoRecordsClosedTheConnectionRatherThanFailedAnAlert() throws Exception {
        // BouncyCastle ends its handshake with its own handshake_failure when the input ends at a record boundary.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            SmtpSession session = new SmtpSession(client, new Transcript(), Deadline.after(Duration.ofSeconds(20)),
                    Duration.ofSeconds(5), new FirstHandshakeGate(0));
            CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
                try {
                    DataInputStream in = new DataInputStream(server.getInputStream());
                    byte[] header = new byte[5];
                    in.readFully(header);
                    in.readFully(new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)]);
                    server.shutdownOutput(); // FIN after the whole ClientHello was read: no reset
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            IOException thrown = catchThrowableOfType(IOException.class, () -> session.startTls(MX));

            closer.get(10, TimeUnit.SECONDS);
            assertThat(thrown).isInstanceOf(EOFException.class);
            assertThat(SmtpProbe.handshakeFailure(thrown))
                    .isEqualTo("the server closed the connection during the handshake");
        }
    }

    @Test
    void aCertificateNestedThousandsDeepFailsTheHandshakeInsteadOfOverflowingTheStack() throws Exception {
        byte[] flight = nestedCertificateFlight();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            SmtpSession session = new SmtpSession(client, new Transcript(), Deadline.after(Duration.ofSeconds(20)),
                    Duration.ofSeconds(5), new FirstHandshakeGate(0));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    DataInputStream in = new DataInputStream(server.getInputStream());
                    byte[] header = new byte[5];
                    in.readFully(header);
                    in.readFully(new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)]);
                    server.getOutputStream().write(records(flight));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // The probe's threads have small stacks; 512 KiB makes the overflow certain.
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread handshake = new Thread(null, () -> thrown.complete(catchThrowable(() -> session.startTls(MX))),
                    "small-stack", 512 * 1024);
            handshake.start();

            assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(TlsFatalAlert.class);
            assertThat(SmtpProbe.handshakeFailure((TlsFatalAlert) thrown.get()))
                    .startsWith("this client ended the handshake with the alert decode_error(50)");
            sender.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A TLS 1.2 ServerHello, then a Certificate message whose one "certificate" is 7,000 nested SEQUENCEs in 28 KB:
     * BouncyCastle parses ASN.1 recursively. OpenSSL stops at 30 levels, the JDK's parser fails cleanly.
     */
    static byte[] nestedCertificateFlight() {
        byte[] nested = {0x05, 0x00};
        for (int i = 0; i < 7_000; i++) {
            nested = der(0x30, nested);
        }
        byte[] hello = handshake(2, concat(new byte[] {3, 3}, new byte[32], new byte[] {0, (byte) 0xC0, 0x2F, 0,
            0, 5, (byte) 0xFF, 0x01, 0, 1, 0}));
        byte[] certificate = handshake(11, concat(uint24(nested.length + 3), uint24(nested.length), nested));
        return concat(hello, certificate);
    }

    /** {@code flight} as TLS 1.2 handshake records of at most 16,000 octets. */
    static byte[] records(byte[] flight) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < flight.length; at += 16_000) {
            int length = Math.min(16_000, flight.length - at);
            out.writeBytes(new byte[] {22, 3, 3, (byte) (length >> 8), (byte) length});
            out.write(flight, at, length);
        }
        return out.toByteArray();
    }

    private static byte[] der(int tag, byte[] body) {
        byte[] length = body.length < 128 ? new byte[] {(byte) body.length}
                : body.length < 256 ? new byte[] {(byte) 0x81, (byte) body.length}
                : new byte[] {(byte) 0x82, (byte) (body.length >> 8), (byte) body.length};
        return concat(new byte[] {(byte) tag}, length, body);
    }

    private static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type}, uint24(body.length), body);
    }

    private static byte[] uint24(int n) {
        return new byte[] {(byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void aFailedHandshakeNamesTheAlertAndWhoSentIt() {
        assertThat(SmtpProbe.handshakeFailure(new TlsFatalAlertReceived(AlertDescription.handshake_failure)))
                .isEqualTo("the server ended the handshake with the alert handshake_failure(40)");
        assertThat(SmtpProbe.handshakeFailure(new TlsFatalAlert(AlertDescription.bad_certificate,
                "a certificate of the server's chain cannot be read: bad length")))
                .isEqualTo("this client ended the handshake with the alert bad_certificate(42): a certificate of the"
                        + " server's chain cannot be read: bad length");
        assertThat(SmtpProbe.handshakeFailure(new EOFException()))
                .isEqualTo("the server closed the connection during the handshake");
        assertThat(SmtpProbe.handshakeFailure(new SocketException("Connection reset")))
                .isEqualTo("the connection failed during the handshake: Connection reset");
    }

    @Test
    void aProtocolVersionAlertEitherWayMeansLegacyTls() {
        assertThat(SmtpProbe.handshakeFailure(new TlsFatalAlertReceived(AlertDescription.protocol_version)))
                .startsWith("no common TLS version: the server probably accepts only legacy TLS 1.0/1.1")
                .endsWith("(the server ended the handshake with the alert protocol_version(70))");
        assertThat(SmtpProbe.handshakeFailure(new TlsFatalAlert(AlertDescription.protocol_version)))
                .startsWith("no common TLS version")
                .endsWith("(this client ended the handshake with the alert protocol_version(70))");
    }
}
