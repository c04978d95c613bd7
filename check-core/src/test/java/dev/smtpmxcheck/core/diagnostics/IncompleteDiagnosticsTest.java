package dev.smtpmxcheck.core.diagnostics;

import static dev.smtpmxcheck.core.report.Outcome.done;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult;
import dev.smtpmxcheck.core.testing.Reports;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncompleteDiagnosticsTest {
    private static final String SUBJECT = "mx.example.test [127.0.0.1]:25";
    private static final String LATE = "the overall deadline had passed";

    @Test
    void aCompleteScanAndNoOtherDiagnosticsSayNothing() {
        TlsVersionScan full = new TlsVersionScan(List.of(
                new VersionResult("TLSv1", Outcome.REFUSED, null, "protocol_version"),
                new VersionResult("TLSv1.1", Outcome.REFUSED, null, "protocol_version"),
                new VersionResult("TLSv1.2", Outcome.ACCEPTED, "TLS_AES", null),
                new VersionResult("TLSv1.3", Outcome.ACCEPTED, "TLS_AES", null)), 2048, null, "refused: handshake_failure");

        assertThat(IncompleteDiagnostics.of(SUBJECT, Reports.accepting("127.0.0.1"))).isEmpty();
        assertThat(IncompleteDiagnostics.of(SUBJECT, Reports.accepting("127.0.0.1").withTlsVersions(done(full)))).isEmpty();
    }

    @Test
    void aPartialScanNamesTheVersionsNotTriedAndStaysInfo() {
        TlsVersionScan partial = new TlsVersionScan(List.of(
                new VersionResult("TLSv1", Outcome.REFUSED, null, "protocol_version"),
                new VersionResult("TLSv1.1", Outcome.REFUSED, null, "protocol_version"),
                VersionResult.notTried("TLSv1.2", LATE),
                VersionResult.notTried("TLSv1.3", LATE)), null, null, "unknown: not tried: " + LATE, LATE);

        Finding f = IncompleteDiagnostics.of(SUBJECT, Reports.accepting("127.0.0.1").withTlsVersions(done(partial)))
                .orElseThrow();

        assertThat(f.code()).isEqualTo(FindingCode.DIAGNOSTIC_INCOMPLETE);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).isEqualTo("TLS version scan incomplete, not tried: TLS 1.2, TLS 1.3, the DHE and"
                + " weak-suite probes (the overall deadline had passed); verdicts only for TLS 1.0, TLS 1.1");
        assertThat(f.remediation()).contains("-t");
    }

    @Test
    void aScanThatHadNoTimeAtAllIsReportedNotLeftOut() {
        AddressDiagnostics diagnostics = new AddressDiagnostics((n, a, d) -> {
            throw new AssertionError("scanned after the deadline");
        }, null);

        AddressReport report = diagnostics.run("mx.example.test", InetAddress.getLoopbackAddress(),
                Deadline.after(Duration.ofMillis(TimeBudget.DIAGNOSTICS_RESERVE_MILLIS - 100)),
                () -> Reports.accepting("127.0.0.1"));

        assertThat(report.tlsVersions().seen().orElseThrow().versions()).extracting(VersionResult::outcome).containsOnly(Outcome.UNKNOWN);
        assertThat(report.tlsVersions().seen().orElseThrow().versions()).extracting(VersionResult::detail)
                .containsOnly("not tried: too little time left before the deadline");
        assertThat(AddressDiagnostics.addressFindings("mx.example.test", report))
                .filteredOn(f -> f.code() == FindingCode.DIAGNOSTIC_INCOMPLETE).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("TLS version scan incomplete, not tried: TLS 1.0,"
                        + " TLS 1.1, TLS 1.2, TLS 1.3").endsWith("verdicts only for no version"));
    }

    @Test
    void relayVariantsAndAnInconclusiveInjectionTestShareOneFindingPerAddress() {
        AddressReport base = Reports.accepting("127.0.0.1");
        SmtpReply refused = new SmtpReply(554, "5.7.1", List.of("5.7.1 Relay access denied"));
        SmtpReply ok = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        RelayFacts relay = base.relay().seen().orElseThrow().withVariants(List.of(
                RelayVariantFacts.sent(RelayVariant.NULL_SENDER, "", "a@example.net", ok, refused,
                        RelayVerdict.REFUSED, "refused"),
                RelayVariantFacts.notTried(RelayVariant.PERCENT_HACK, "a@example.org", "a%example.net@x",
                        RelayVariantFacts.NotTried.NO_TIME_LEFT),
                RelayVariantFacts.notTried(RelayVariant.BANG_PATH, "a@example.org", "example.net!a",
                        RelayVariantFacts.NotTried.NO_TIME_LEFT)));
        AddressReport report = base.toBuilder().relay(relay)
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.INCONCLUSIVE, "NOOP", null,
                        "not run: too little time left before the deadline", 0))
                .build();

        Finding f = IncompleteDiagnostics.of(SUBJECT, report).orElseThrow();

        assertThat(f.message()).isEqualTo("relay variants: 2 of 3 forms not tried (percent hack, bang path): too little"
                + " time left before the deadline; STARTTLS injection test inconclusive: not run: too little time left"
                + " before the deadline");
    }

    @Test
    void aDecidedInjectionTestSaysNothing() {
        AddressReport base = Reports.accepting("127.0.0.1");
        AddressReport report = base.toBuilder()
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.NOT_VULNERABLE, "NOOP", null,
                        "discarded", 5))
                .build();

        assertThat(IncompleteDiagnostics.of(SUBJECT, report)).isEmpty();
    }
}
