package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverse DNS, the TLS version scan and IPv4/IPv6 parity against the lab's real nsd (with its reverse zones for
 * 127.0.0.0/24 and ::1) and real Postfix, including one that accepts only TLS 1.0 (127.0.0.153) and one with a 1024-bit DH group (127.0.0.155). Runs inside the
 * lab's namespace through {@code lab/test-all}.
 */
class DiagnosticsIT {

    private static CheckOptions options;

    @BeforeAll
    static void lab() {
        Path ca = Path.of("..", "lab", "run", "ca.pem").toAbsolutePath().normalize();
        assertThat(Files.isReadable(ca)).as("the lab is not up (no %s): run lab/lab.sh up, or lab/test-all", ca)
                .isTrue();
        options = CheckOptions.defaults().withDnsServers(List.of("127.0.0.2")).withCaFile(ca)
                .withEhloName("checker.example.org").withTimeout(Duration.ofSeconds(20));
    }

    private static AddressReport only(CheckReport report) {
        assertThat(report.mx()).hasSize(1);
        assertThat(report.mx().get(0).addresses()).hasSize(1);
        return report.mx().get(0).addresses().get(0);
    }

    private static List<FindingCode> codes(CheckReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    @Test
    void aForwardConfirmedPtrNamingTheMxIsClean() {
        CheckReport report = MailCheck.check("ptr.test", options);

        assertThat(only(report).reverseDns().seen().orElse(null)).isEqualTo(new ReverseDns(List.of("mx1.ptr.test"), List.of("mx1.ptr.test"),
                null));
        assertThat(report.state()).as(JsonReport.write(report)).isEqualTo(State.OK);
        assertThat(codes(report)).noneMatch(c -> c.name().startsWith("RDNS_"));
    }

    @Test
    void anAddressWithoutPtrIsNoted() {
        CheckReport report = MailCheck.check("noptr.test", options);

        assertThat(only(report).reverseDns().seen().orElse(null)).isEqualTo(new ReverseDns(List.of(), List.of(), null));
        assertThat(codes(report)).contains(FindingCode.RDNS_MISSING);
        assertThat(report.state()).isEqualTo(State.OK);
    }

    @Test
    void aPtrThatDoesNotLeadBackIsReportedButLeavesTheStateOk() {
        CheckReport report = MailCheck.check("ptrmismatch.test", options);

        ReverseDns r = only(report).reverseDns().seen().orElse(null);
        assertThat(r.ptrNames()).containsExactly("host-152.isp.test");
        assertThat(r.forwardConfirmed()).isFalse();
        assertThat(codes(report)).contains(FindingCode.RDNS_NOT_FORWARD_CONFIRMED, FindingCode.RDNS_MX_NAME_MISMATCH,
                FindingCode.RDNS_GREETING_MISMATCH);
        // Inbound delivery does not depend on reverse DNS: every RDNS_* finding is INFO.
        assertThat(report.state()).isEqualTo(State.OK);
    }

    @Test
    void theLabsExistingMxAddressesHaveConfirmedPtrs() {
        CheckReport report = MailCheck.check("dual.test", options);

        assertThat(report.mx().get(0).addresses()).extracting(a -> a.reverseDns().seen().orElseThrow().confirmedNames())
                .containsExactly(List.of("mx1.dual.test"), List.of("mx1.dual.test"));
        assertThat(report.mx().get(0).parity().certificatesDiffer()).isFalse();
        assertThat(codes(report)).doesNotContain(FindingCode.NO_IPV6_MX, FindingCode.MX_FAMILY_REACHABILITY_DIFFERS);
    }

    @Test
    void anIpv6AddressLeadingToAnotherServerIsCaught() {
        CheckReport report = MailCheck.check("v6other.test", options);

        MxReport mx = report.mx().get(0);
        assertThat(mx.parity().ipv4Reachable()).isTrue();
        assertThat(mx.parity().ipv6Reachable()).isTrue();
        assertThat(mx.parity().ipv4GreetingHosts()).containsExactly("mx1.v6other.test");
        assertThat(mx.parity().ipv6GreetingHosts()).containsExactly("mx1.dual.test");
        assertThat(codes(report)).contains(FindingCode.MX_FAMILY_CERTIFICATE_DIFFERS,
                FindingCode.MX_FAMILY_GREETING_DIFFERS);
    }

    @Test
    void aTls10OnlyPostfixIsNamedInTheMainProbeAndScanned() {
        CheckReport plain = MailCheck.check("legacytls.test", options);
        CheckReport scanned = MailCheck.check("legacytls.test",
                options.withDiagnostics(options.diagnostics().withTlsScan(true)));

        AddressReport a = only(plain);
        assertThat(a.failedStage().orElse(null)).isEqualTo(ProbeStage.TLS_HANDSHAKE);
        assertThat(a.failure().map(f -> f.detail()).orElse(null)).contains("legacy TLS 1.0/1.1");
        assertThat(a.tlsVersions().seen().orElse(null)).isNull();
        AddressReport s = only(scanned);
        assertThat(s.tlsVersions().seen().orElseThrow().accepted()).as(JsonReport.write(scanned)).containsExactly("TLSv1");
        assertThat(s.tlsVersions().seen().orElseThrow().outcome("TLSv1.2")).isEqualTo(Outcome.REFUSED);
        assertThat(s.tlsVersions().seen().orElseThrow().outcome("TLSv1.3")).isEqualTo(Outcome.REFUSED);
        assertThat(codes(scanned)).contains(FindingCode.TLS_HANDSHAKE_FAILED, FindingCode.TLS_LEGACY_VERSION_ACCEPTED,
                FindingCode.TLS_1_2_NOT_ACCEPTED, FindingCode.TLS_1_3_NOT_ACCEPTED);
    }

    @Test
    void aPostfixWithA1024BitDhGroupIsCaughtOnlyByTheScan() {
        CheckReport plain = MailCheck.check("weakdh.test", options);
        CheckReport scanned = MailCheck.check("weakdh.test", options.withDiagnostics(options.diagnostics().withTlsScan(true)));

        assertThat(codes(plain)).doesNotContain(FindingCode.TLS_WEAK_DH_GROUP);
        assertThat(only(scanned).tlsVersions().seen().orElseThrow().dhPrimeBits()).as(JsonReport.write(scanned)).isEqualTo(1024);
        assertThat(codes(scanned)).contains(FindingCode.TLS_WEAK_DH_GROUP);
    }

    @Test
    void theScanOfAModernPostfixFindsTls12And13AndNoWeakKeyExchange() {
        CheckReport report = MailCheck.check("ptr.test", options.withDiagnostics(options.diagnostics().withTlsScan(true)));

        AddressReport a = only(report);
        assertThat(a.tlsVersions().seen().orElseThrow().accepted()).as(JsonReport.write(report)).contains("TLSv1.2", "TLSv1.3");
        assertThat(a.tlsVersions().seen().orElseThrow().weakSuite()).isNull();
        assertThat(a.tlsVersions().seen().orElseThrow().dhPrimeBits() == null || a.tlsVersions().seen().orElseThrow().dhPrimeBits() >= 2048).isTrue();
        assertThat(codes(report)).doesNotContain(FindingCode.TLS_1_2_NOT_ACCEPTED, FindingCode.TLS_1_3_NOT_ACCEPTED,
                FindingCode.TLS_WEAK_DH_GROUP, FindingCode.TLS_WEAK_CIPHER_ACCEPTED);
    }
}
