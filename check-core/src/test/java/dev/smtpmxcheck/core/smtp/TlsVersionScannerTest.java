package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.BcTlsSmtpServer;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.DHStandardGroups;
import org.junit.jupiter.api.Test;

/** The TLS version scan against BouncyCastle-served fake servers whose versions and suites each test chooses. */
class TlsVersionScannerTest {
    private static final String MX = "mx.bc.test";

    private static TlsVersionScan scan(BcTlsSmtpServer server) throws IOException {
        TlsVersionScanner scanner = new TlsVersionScanner(
                new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example", false, null, null));
        return scanner.scan(MX, InetAddress.getByName("127.0.0.1"), Deadline.after(Duration.ofSeconds(30)));
    }

    private static List<Outcome> outcomes(TlsVersionScan scan) {
        return scan.versions().stream().map(VersionResult::outcome).toList();
    }

    @Test
    void aTls10OnlyServerAcceptsOnlyTls10() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.only(ProtocolVersion.TLSv10)) {
            TlsVersionScan scan = scan(server);

            assertThat(scan.versions()).extracting(VersionResult::version)
                    .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
            assertThat(outcomes(scan)).containsExactly(Outcome.ACCEPTED, Outcome.REFUSED, Outcome.REFUSED, Outcome.REFUSED);
            assertThat(scan.accepted()).containsExactly("TLSv1");
            assertThat(scan.versions().get(0).cipherSuite()).startsWith("TLS_");
            assertThat(scan.versions().get(2).detail()).contains("another protocol version");
            assertThat(server.handshakes()).allMatch(h -> h.startsWith("TLS 1.0"));
        }
    }

    @Test
    void aTls13OnlyServerAcceptsOnlyTls13() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.only(ProtocolVersion.TLSv13)) {
            TlsVersionScan scan = scan(server);

            assertThat(outcomes(scan)).containsExactly(Outcome.REFUSED, Outcome.REFUSED, Outcome.REFUSED, Outcome.ACCEPTED);
            assertThat(scan.versions().get(3).cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            // Without TLS 1.2 there is no DHE and no weak suite to choose.
            assertThat(scan.dhPrimeBits()).isNull();
            assertThat(scan.weakSuite()).isNull();
            assertThat(scan.weakSuiteDetail()).startsWith("refused");
        }
    }

    @Test
    void theKeyExchangeGroupOfTheNewestVersionIsRecorded() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.withHybrid(ProtocolVersion.TLSv12, ProtocolVersion.TLSv13)) {
            TlsVersionScan scan = scan(server);

            assertThat(scan.accepted()).containsExactly("TLSv1.2", "TLSv1.3");
            // The client's own offer does not include the hybrid group, so the main handshake agrees on X25519.
            assertThat(scan.keyExchangeGroup()).isEqualTo("X25519");
            assertThat(scan.postQuantum().detail()).isNull();
            assertThat(scan.postQuantum().group()).isEqualTo("X25519MLKEM768");
            assertThat(scan.postQuantum().outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(scan.postQuantum().detail()).isNull();
        }
    }

    @Test
    void aServerWithoutTheHybridGroupRefusesIt() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.classicalOnly(ProtocolVersion.TLSv13)) {
            TlsVersionScan scan = scan(server);

            assertThat(scan.keyExchangeGroup()).isEqualTo("X25519");
            assertThat(scan.postQuantum().outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(scan.postQuantum().detail()).isNotBlank();
        }
    }

    @Test
    void aSmallDiffieHellmanGroupIsMeasured() throws IOException {
        try (BcTlsSmtpServer server = new BcTlsSmtpServer(InetAddress.getByName("127.0.0.1"), 0,
                new ProtocolVersion[] {ProtocolVersion.TLSv12},
                new int[] {CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
                DHStandardGroups.rfc2409_1024)) {
            TlsVersionScan scan = scan(server);

            assertThat(scan.accepted()).containsExactly("TLSv1.2");
            assertThat(scan.dhPrimeBits()).isEqualTo(1024);
            assertThat(scan.weakSuite()).isNull();
        }
    }

    @Test
    void aServerThatTakes3desIsCaught() throws IOException {
        try (BcTlsSmtpServer server = new BcTlsSmtpServer(InetAddress.getByName("127.0.0.1"), 0,
                new ProtocolVersion[] {ProtocolVersion.TLSv12},
                new int[] {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA},
                null)) {
            TlsVersionScan scan = scan(server);

            assertThat(scan.weakSuite()).isEqualTo("TLS_RSA_WITH_3DES_EDE_CBC_SHA");
            assertThat(scan.dhPrimeBits()).isNull();
        }
    }

    @Test
    void aClosedPortGivesNoVerdict() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TlsVersionScanner scanner = new TlsVersionScanner(
                new ProbeSettings(port, Duration.ofSeconds(2), "probe.test.example", false, null, null));

        TlsVersionScan scan = scanner.scan(MX, InetAddress.getByName("127.0.0.1"),
                Deadline.after(Duration.ofSeconds(10)));

        assertThat(outcomes(scan)).containsOnly(Outcome.UNKNOWN);
        assertThat(scan.versions().get(0).detail()).contains("before the handshake");
    }

    /**
     * A hostile server for every connection: greeting, EHLO with STARTTLS, 220 to STARTTLS, then {@code afterStarttls}
     * (raw octets, possibly none) and silence for 5 s.
     */
    private static java.net.ServerSocket hostile(String afterStarttls) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    java.net.Socket s = server.accept();
                    Thread c = new Thread(() -> {
                        try (s) {
                            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    s.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
                            java.io.OutputStream out = s.getOutputStream();
                            out.write("220 mx.bc.test ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            in.readLine();
                            out.write("250-mx.bc.test\r\n250 STARTTLS\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            in.readLine();
                            out.write(("220 go ahead\r\n" + afterStarttls).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                            out.flush();
                            Thread.sleep(5000);
                        } catch (IOException | InterruptedException e) {
                            // the client went away
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "after STARTTLS: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "250 plain text instead of TLS\r\n",
        "\u0016\u0003\u0003\u0000\u0005garbage that is no ServerHello"})
    void aHostileServerGivesNoVerdictAndNoHang(String afterStarttls) throws IOException {
        try (java.net.ServerSocket server = hostile(afterStarttls)) {
            TlsVersionScanner scanner = new TlsVersionScanner(
                    new ProbeSettings(server.getLocalPort(), Duration.ofMillis(400), "probe.test.example", false, null,
                            null));
            long start = System.nanoTime();

            TlsVersionScan scan = scanner.scan(MX, InetAddress.getByName("127.0.0.1"),
                    Deadline.after(Duration.ofSeconds(20)));

            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(outcomes(scan)).doesNotContain(Outcome.ACCEPTED);
            assertThat(scan.weakSuite()).isNull();
            assertThat(scan.dhPrimeBits()).isNull();
            // Six attempts, each waiting at most one stage timeout for the handshake.
            assertThat(millis).isLessThan(6 * 400 + 3000);
        }
    }

    @Test
    void aCertificateNestedThousandsDeepIsNoVerdictAndNoCrash() throws Exception {
        byte[] records = ProbeTlsClientTest.records(ProbeTlsClientTest.nestedCertificateFlight());
        try (java.net.ServerSocket server = answeringClientHello(records)) {
            TlsVersionScanner scanner = new TlsVersionScanner(new ProbeSettings(server.getLocalPort(),
                    Duration.ofSeconds(2), "probe.test.example", false, null, null));
            // The probe's threads have small stacks; 512 KiB makes the overflow certain.
            java.util.concurrent.CompletableFuture<Object> result = new java.util.concurrent.CompletableFuture<>();
            Thread scanning = new Thread(null, () -> {
                try {
                    result.complete(scanner.scan(MX, InetAddress.getByName("127.0.0.1"),
                            Deadline.after(Duration.ofSeconds(20))));
                } catch (Throwable t) {
                    result.complete(t);
                }
            }, "small-stack", 512 * 1024);
            scanning.start();

            Object scan = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(scan).isInstanceOf(TlsVersionScan.class);
            VersionResult tls12 = ((TlsVersionScan) scan).versions().get(2);
            assertThat(tls12.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(tls12.detail()).startsWith("malformed handshake");
        }
    }

    @Test
    void aServerThatClosesTheConnectionOnTheClientHelloRefusesTheVersion() throws Exception {
        // BouncyCastle ends its handshake with its own handshake_failure when the input ends at a record boundary.
        try (java.net.ServerSocket server = answeringClientHello(new byte[0])) {
            TlsVersionScanner scanner = new TlsVersionScanner(new ProbeSettings(server.getLocalPort(),
                    Duration.ofSeconds(2), "probe.test.example", false, null, null));

            TlsVersionScan scan = scanner.scan(MX, InetAddress.getByName("127.0.0.1"),
                    Deadline.after(Duration.ofSeconds(20)));

            assertThat(outcomes(scan)).containsOnly(Outcome.REFUSED);
            assertThat(scan.versions().get(3).detail()).isEqualTo("the server closed the connection (connection closed)");
        }
    }

    /**
     * A server for every connection: greeting, EHLO with STARTTLS, 220 to STARTTLS; then it reads the ClientHello,
     * sends {@code answer} (raw octets, possibly none) and closes its side (FIN, no reset).
     */
    private static java.net.ServerSocket answeringClientHello(byte[] answer) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (java.net.Socket s = server.accept()) {
                    java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                    java.io.OutputStream out = s.getOutputStream();
                    out.write("220 mx.bc.test ESMTP\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    readLine(in);
                    out.write("250-mx.bc.test\r\n250 STARTTLS\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    readLine(in);
                    out.write("220 go ahead\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    byte[] header = new byte[5];
                    in.readFully(header);
                    in.readFully(new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)]);
                    out.write(answer);
                    out.flush();
                    s.shutdownOutput();
                    in.read(); // until the client closes
                } catch (IOException e) {
                    // the client went away
                }
            }
        });
        serving.setDaemon(true);
        serving.start();
        return server;
    }

    private static void readLine(java.io.InputStream in) throws IOException {
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            // the command is not looked at
        }
    }

    @Test
    void theScanEndsByItsDeadline() throws IOException {
        try (java.net.ServerSocket server = hostile("")) {
            TlsVersionScanner scanner = new TlsVersionScanner(
                    new ProbeSettings(server.getLocalPort(), Duration.ofSeconds(5), "probe.test.example", false, null,
                            null));
            Deadline deadline = Deadline.after(Duration.ofMillis(1000));

            TlsVersionScan scan = scanner.scan(MX, InetAddress.getByName("127.0.0.1"), deadline);

            assertThat(deadline.remainingMillis()).isGreaterThan(-(TimeBudget.SOCKET_CLOSE_GRACE_MILLIS + 500));
            assertThat(outcomes(scan)).containsOnly(Outcome.UNKNOWN);
            assertThat(scan.versions().get(3).detail()).contains("not tried");
        }
    }

    @Test
    void theMainProbeNamesLegacyTlsWhenTheServerSpeaksOnlyTls10() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.only(ProtocolVersion.TLSv10)) {
            SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example",
                    false, null, null), (p, s, m, n, c) -> new TlsFacts(p, s, m, n, List.of(), TrustStatus.UNTRUSTED,
                            "test", true));

            AddressReport report = probe.probe(MX, InetAddress.getByName("127.0.0.1"),
                    Deadline.after(Duration.ofSeconds(20)));

            assertThat(report.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
            assertThat(report.failureCode().orElse(null)).isEqualTo(FindingCode.TLS_HANDSHAKE_FAILED);
            assertThat(report.failure().map(f -> f.detail()).orElse(null)).contains("TLS 1.0/1.1").contains("protocol_version");
        }
    }
}
