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
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
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
        return scanner.scan(MX, InetAddress.getByName("127.0.0.1"), Instant.now().plusSeconds(30));
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

        TlsVersionScan scan = scanner.scan(MX, InetAddress.getByName("127.0.0.1"), Instant.now().plusSeconds(10));

        assertThat(outcomes(scan)).containsOnly(Outcome.UNKNOWN);
        assertThat(scan.versions().get(0).detail()).contains("before the handshake");
    }

    @Test
    void theMainProbeNamesLegacyTlsWhenTheServerSpeaksOnlyTls10() throws IOException {
        try (BcTlsSmtpServer server = BcTlsSmtpServer.only(ProtocolVersion.TLSv10)) {
            SmtpProbe probe = new SmtpProbe(new ProbeSettings(server.port(), Duration.ofSeconds(5), "probe.test.example",
                    false, null, null), (p, s, m, n, c) -> new TlsFacts(p, s, m, n, List.of(), TrustStatus.UNTRUSTED,
                            "test", true));

            AddressReport report = probe.probe(MX, InetAddress.getByName("127.0.0.1"), Instant.now().plusSeconds(20));

            assertThat(report.failedStage()).isEqualTo(ProbeStage.TLS_HANDSHAKE);
            assertThat(report.failureCode()).isEqualTo(FindingCode.TLS_HANDSHAKE_FAILED);
            assertThat(report.failure()).contains("TLS 1.0/1.1").contains("protocol_version");
        }
    }
}
