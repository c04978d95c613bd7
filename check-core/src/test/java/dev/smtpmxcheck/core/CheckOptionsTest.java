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
    }

    @Test
    void aChangeKeepsEverythingElse() {
        CheckOptions o = CheckOptions.defaults().withPort(2525).withDnsServers(List.of("127.0.0.2"))
                .withCertDays(20, 5).withFamily(AddressFamily.IPV6);

        assertThat(o).isEqualTo(new CheckOptions(2525, Duration.ofSeconds(30), Duration.ofSeconds(10), "localhost",
                List.of("127.0.0.2"), AddressFamily.IPV6, true, "relay-probe@example.org", "relay-probe@example.net", null,
                20, 5, null, null, 16, Severity.CRITICAL, new CheckOptions.DiagnosticOptions(false, true)));
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
