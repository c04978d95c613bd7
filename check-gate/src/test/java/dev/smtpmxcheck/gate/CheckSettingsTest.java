package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.CheckOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckSettingsTest {

    @Test
    void unsetValuesKeepTheCheckDefaults() {
        CheckOptions o = new CheckSettings(null, null, null, "mon.example.org", null, null, null, null, null, null).toOptions();
        CheckOptions d = CheckOptions.defaults();

        assertThat(o.port()).isEqualTo(25);
        assertThat(o.timeout()).isEqualTo(d.timeout());
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.dnsServers()).isEmpty();
        assertThat(o.ehloName()).isEqualTo("mon.example.org");
        assertThat(o.relayProbe()).isTrue();
        assertThat(o.relayFrom()).isEqualTo(CheckOptions.DEFAULT_RELAY_FROM);
        assertThat(o.certWarningDays()).isEqualTo(30);
        assertThat(o.certCriticalDays()).isEqualTo(7);
        assertThat(o.caFile()).isNull();
    }

    @Test
    void givenValuesReachTheOptions() {
        CheckOptions o = new CheckSettings(2525, 4, List.of(" 127.0.0.1:5353 ", ""), null, false, "a@example.org",
                "b@example.net", 20, 3, "/etc/ssl/ca.pem").toOptions(() -> "agent.example.org");

        assertThat(o.port()).isEqualTo(2525);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.dnsServers()).containsExactly("127.0.0.1:5353");
        assertThat(o.ehloName()).isEqualTo("agent.example.org");
        assertThat(o.relayProbe()).isFalse();
        assertThat(o.relayTo()).isEqualTo("b@example.net");
        assertThat(o.certWarningDays()).isEqualTo(20);
        assertThat(o.certCriticalDays()).isEqualTo(3);
        assertThat(o.caFile()).isEqualTo(Path.of("/etc/ssl/ca.pem"));
    }

    @Test
    void badValuesGiveOneLineMessages() {
        assertThat(CheckSettings.checkDomain("example.com")).isNull();
        assertThat(CheckSettings.checkDomain("bücher.example")).isNull();
        assertThat(CheckSettings.checkDomain("")).isEqualTo("domain is required");
        assertThat(CheckSettings.checkDomain("exa mple.com")).isNotNull().doesNotContain("\n");
        assertThat(CheckSettings.checkPort(0)).isEqualTo("port must be 1 to 65535, got 0");
        assertThat(CheckSettings.checkTimeout(0)).isEqualTo("timeout must be 1 to 3600 seconds, got 0");
        assertThat(CheckSettings.checkCertDays(7, 30)).isEqualTo("certCriticalDays (30) must not exceed certWarningDays (7)");
        assertThatThrownBy(() -> new CheckSettings(null, 0, null, "x.example", null, null, null, null, null, null).toOptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be 1 to 3600 seconds, got 0");
        assertThatThrownBy(() -> new CheckSettings(70000, null, null, "x.example", null, null, null, null, null, null).toOptions())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 1 to 65535, got 70000");
    }
}
