package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {

    @Test
    void defaultsAreThoseDocumented() {
        CheckOptions o = CheckOptions.defaults();

        assertThat(o.port()).isEqualTo(25);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.relayProbe()).isTrue();
        assertThat(o.relayFrom()).isEqualTo("relay-probe@example.org");
        assertThat(o.relayTo()).isEqualTo("relay-probe@example.net");
        assertThat(o.certWarningDays()).isEqualTo(30);
        assertThat(o.certCriticalDays()).isEqualTo(7);
        assertThat(o.timeoutSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(o.dane()).isEqualTo(new DaneOptions(true, null, false));
    }

    @Test
    void daneTrustComesFromAnAnchorOrTheResolverNotBoth() {
        assertThatThrownBy(() -> new DaneOptions(true, java.nio.file.Path.of("anchor.txt"), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
        assertThat(CheckOptions.defaults().withDane(new DaneOptions(false, null, false)).dane().enabled()).isFalse();
    }

    @Test
    void aChangeKeepsEverythingElse() {
        CheckOptions o = CheckOptions.defaults().withPort(2525).withDnsServers(List.of("127.0.0.2"))
                .withCertDays(20, 5).withFamily(AddressFamily.IPV6);

        assertThat(o).isEqualTo(new CheckOptions(2525, Duration.ofSeconds(30), Duration.ofSeconds(10), "localhost",
                List.of("127.0.0.2"), AddressFamily.IPV6, true, "relay-probe@example.org", "relay-probe@example.net", null,
                20, 5, null, null, 16, Severity.CRITICAL, SmtpDiagnosticOptions.defaults(),
                DaneOptions.defaults(), CheckOptions.StsRptOptions.ALL,
                new CheckOptions.DiagnosticOptions(false, true), CheckOptions.CertPercent.NONE, DnsblOptions.NONE, true, false));
    }

    @Test
    void smtpDiagnosticsDefaultToInjectionTestAndRelayVariantsOff() {
        SmtpDiagnosticOptions d = CheckOptions.defaults().smtpDiagnostics();

        assertThat(d.relayVariants()).isFalse();
        assertThat(d.starttlsInjection()).isFalse();
        assertThat(d.connectTimeWarning()).isNull();
        assertThat(d.totalTimeCritical()).isNull();
    }

    @Test
    void smtpDiagnosticsChangeKeepsTheRest() {
        dev.smtpmxcheck.core.report.Range w = dev.smtpmxcheck.core.report.Range.parse("1");
        dev.smtpmxcheck.core.report.Range c = dev.smtpmxcheck.core.report.Range.parse("5");

        CheckOptions o = CheckOptions.defaults().withPort(2525).withSmtpDiagnostics(SmtpDiagnosticOptions.defaults()
                .withRelayVariants(true).withStartTlsInjection(true).withConnectTime(w, c).withTotalTime(c, null));

        assertThat(o.port()).isEqualTo(2525);
        assertThat(o.smtpDiagnostics()).isEqualTo(new SmtpDiagnosticOptions(true, true, w, c, c, null));
    }

    @Test
    void policyChecksAreOnByDefaultAndSwitchOffAlone() {
        CheckOptions o = CheckOptions.defaults().withPort(2525);

        CheckOptions off = o.withStsRpt(new CheckOptions.StsRptOptions(false, true));

        assertThat(o.stsRpt()).isEqualTo(CheckOptions.StsRptOptions.ALL);
        assertThat(off.stsRpt().mtaSts()).isFalse();
        assertThat(off.stsRpt().tlsRpt()).isTrue();
        assertThat(off.withStsRpt(CheckOptions.StsRptOptions.ALL)).isEqualTo(o);
    }

    @Test
    void theTlsScanIsOptInAndReverseDnsOnByDefault() {
        CheckOptions o = CheckOptions.defaults();

        CheckOptions changed = o.withDiagnostics(o.diagnostics().withTlsScan(true).withReverseDns(false));

        assertThat(o.diagnostics().tlsScan()).isFalse();
        assertThat(o.diagnostics().reverseDns()).isTrue();
        assertThat(changed.diagnostics()).isEqualTo(new CheckOptions.DiagnosticOptions(true, false));
        assertThat(changed.withPort(2525).diagnostics()).isEqualTo(changed.diagnostics());
    }

    @Test
    void refusesValuesThatCannotWork() {
        assertThatThrownBy(() -> CheckOptions.defaults().withPort(0)).hasMessage("port must be 1 to 65535, got 0");
        assertThatThrownBy(() -> CheckOptions.defaults().withTimeout(Duration.ZERO))
                .hasMessage("timeout must be positive, got 0 ms");
        assertThatThrownBy(() -> CheckOptions.defaults().withMaxParallel(0))
                .hasMessage("maxParallel must be at least 1, got 0");
    }
}
