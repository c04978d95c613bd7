package dev.smtpmxcheck.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DnsblOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.gate.CheckSettings.Checks;
import dev.smtpmxcheck.gate.CheckSettings.DaneSettings;
import dev.smtpmxcheck.gate.CheckSettings.TimeRanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void lifetimeSharesAndBlocklistsReachTheOptions() {
        CheckOptions o = new CheckSettings(25, 30, List.of(), "x.example", true, "", "", 30, 7, "", null, null, null,
                new CheckSettings.CertPercent(33, 10),
                new CheckSettings.Dnsbl(List.of(" bl.test ", "", "dead-bl.test"), false, true)).toOptions();
        CheckOptions unset = new CheckSettings(25, 30, List.of(), "x.example", true, "", "", 30, 7, "", null, null,
                null).toOptions();

        assertThat(o.certPercent()).isEqualTo(new CheckOptions.CertPercent(33, 10));
        assertThat(o.dnsbl()).isEqualTo(new DnsblOptions(List.of("bl.test", "dead-bl.test"), true));
        assertThat(unset.certPercent()).isEqualTo(CheckOptions.CertPercent.NONE);
        assertThat(unset.dnsbl()).isEqualTo(DnsblOptions.NONE);
        assertThat(CheckSettings.checkCertPercent(10, 33))
                .isEqualTo("certCriticalPercent (33) must not exceed certWarningPercent (10)");
        assertThat(CheckSettings.checkCertPercent(null, null)).isNull();
        assertThat(CheckSettings.checkDnsbl(List.of(" "), false, true))
                .isEqualTo("dnsblCritical: true needs dnsbl zones or dnsblDefault: true");
        assertThat(CheckSettings.checkDnsbl(List.of(), true, true)).isNull();
        assertThat(CheckSettings.checkDnsbl(List.of("bl..test"), false, false)).startsWith("invalid dnsbl zone 'bl..test'");
    }

    /** The values the Jenkins step sends when nothing is set (its field defaults: booleans, blank strings). */
    private static CheckSettings stepDefaults(DaneSettings dane, Checks checks, TimeRanges times) {
        return new CheckSettings(25, 30, List.of(), "", true, "", "", 30, 7, "", dane, checks, times);
    }

    private static final DaneSettings DANE_DEFAULT = new DaneSettings(true, "", false);
    private static final Checks CHECKS_DEFAULT = new Checks(true, true, true, false, false, false, null, null);
    private static final TimeRanges NO_TIMES = new TimeRanges("", "", "", "", "", "");

    @Test
    void unsetAndStepDefaultValuesGiveTheCheckDefaults() {
        CheckOptions unset = new CheckSettings(null, null, null, null, null, null, null, null, null, null, null, null,
                null).toOptions(() -> "localhost");
        CheckOptions stepDefaults = stepDefaults(DANE_DEFAULT, CHECKS_DEFAULT, NO_TIMES).toOptions(() -> "localhost");

        assertThat(unset).isEqualTo(CheckOptions.defaults());
        assertThat(stepDefaults).isEqualTo(CheckOptions.defaults());
        assertThat(stepDefaults.dane().enabled()).isTrue();
        assertThat(stepDefaults.stsRpt()).isEqualTo(CheckOptions.StsRptOptions.ALL);
        assertThat(stepDefaults.diagnostics().reverseDns()).isTrue();
        assertThat(stepDefaults.diagnostics().tlsScan()).isFalse();
        assertThat(stepDefaults.requireTls()).isFalse();
    }

    @Test
    void requireTlsReachesTheOptions() {
        CheckOptions required = new CheckSettings(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, true).toOptions(() -> "localhost");
        CheckOptions off = new CheckSettings(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, false).toOptions(() -> "localhost");

        assertThat(required.requireTls()).isTrue();
        assertThat(off.requireTls()).isFalse();
    }

    @Test
    void daneSettingsReachTheOptions() {
        CheckOptions off = stepDefaults(new DaneSettings(false, " ", false), CHECKS_DEFAULT, NO_TIMES).toOptions(() -> "h.example");
        CheckOptions anchor = stepDefaults(new DaneSettings(true, " /srv/lab/trust-anchor.txt ", false), CHECKS_DEFAULT, NO_TIMES)
                .toOptions(() -> "h.example");
        CheckOptions ad = stepDefaults(new DaneSettings(null, null, true), CHECKS_DEFAULT, NO_TIMES).toOptions(() -> "h.example");

        assertThat(off.dane().enabled()).isFalse();
        assertThat(anchor.dane().enabled()).isTrue();
        assertThat(anchor.dane().trustAnchorFile()).isEqualTo(Path.of("/srv/lab/trust-anchor.txt"));
        assertThat(anchor.dane().trustAd()).isFalse();
        assertThat(ad.dane().trustAd()).isTrue();
        assertThat(ad.dane().trustAnchorFile()).isNull();
    }

    @Test
    void eachCheckSwitchReachesTheOptions() {
        Function<Checks, CheckOptions> with = c -> stepDefaults(DANE_DEFAULT, c, NO_TIMES).toOptions(() -> "h.example");

        assertThat(with.apply(new Checks(false, true, true, false, false, false, null, null)).stsRpt())
                .isEqualTo(new CheckOptions.StsRptOptions(false, true));
        assertThat(with.apply(new Checks(true, false, true, false, false, false, null, null)).stsRpt())
                .isEqualTo(new CheckOptions.StsRptOptions(true, false));
        assertThat(with.apply(new Checks(true, true, false, false, false, false, null, null)).diagnostics())
                .isEqualTo(new CheckOptions.DiagnosticOptions(false, false));
        assertThat(with.apply(new Checks(true, true, true, true, false, false, null, null)).diagnostics())
                .isEqualTo(new CheckOptions.DiagnosticOptions(true, true));
        CheckOptions variants = with.apply(new Checks(true, true, true, false, true, false, null, null));
        assertThat(variants.smtpDiagnostics().relayVariants()).isTrue();
        assertThat(variants.smtpDiagnostics().starttlsInjection()).isFalse();
        CheckOptions injection = with.apply(new Checks(null, null, null, null, null, true, null, null));
        assertThat(injection.smtpDiagnostics().starttlsInjection()).isTrue();
        assertThat(injection.smtpDiagnostics().relayVariants()).isFalse();
        assertThat(injection.postmasterTest()).as("the postmaster probe runs unless switched off").isTrue();
        assertThat(with.apply(new Checks(null, null, null, null, null, null, false, null)).postmasterTest()).isFalse();
    }

    @Test
    void eachTimeRangeReachesItsThreshold() {
        CheckOptions o = stepDefaults(DANE_DEFAULT, CHECKS_DEFAULT,
                new TimeRanges("5", " 10 ", "@0.5:1", "~:2", "20:", "1:30")).toOptions(() -> "h.example");

        assertThat(o.greetingTimeWarning()).isEqualTo(Range.parse("5"));
        assertThat(o.greetingTimeCritical()).isEqualTo(Range.parse("10"));
        assertThat(o.smtpDiagnostics().connectTimeWarning()).isEqualTo(new Range(0.5, 1, true, "@0.5:1"));
        assertThat(o.smtpDiagnostics().connectTimeCritical().end()).isEqualTo(2.0);
        assertThat(o.smtpDiagnostics().connectTimeCritical().start()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(o.smtpDiagnostics().totalTimeWarning().start()).isEqualTo(20.0);
        assertThat(o.smtpDiagnostics().totalTimeCritical()).isEqualTo(Range.parse("1:30"));
    }

    @Test
    void contradictingSettingsGiveOneLineMessages() {
        assertThat(stepDefaults(new DaneSettings(false, "/a.txt", false), CHECKS_DEFAULT, NO_TIMES).problem())
                .isEqualTo("dane: false contradicts trustAnchor: a trust anchor or the AD bit only matter for DANE");
        assertThat(stepDefaults(new DaneSettings(false, "", true), CHECKS_DEFAULT, NO_TIMES).problem())
                .isEqualTo("dane: false contradicts dnssecTrustAd: true: a trust anchor or the AD bit only matter for DANE");
        assertThat(stepDefaults(new DaneSettings(true, "/a.txt", true), CHECKS_DEFAULT, NO_TIMES).problem())
                .isEqualTo("trustAnchor and dnssecTrustAd: true exclude each other: validate from an anchor,"
                        + " or trust the resolver's AD bit");
        assertThat(new CheckSettings(null, null, null, null, false, null, null, null, null, null, null,
                new Checks(null, null, null, null, true, null, null, null), null).problem())
                .isEqualTo("relayProbe: false contradicts relayVariants: true (the variants follow the relay probe)");
        assertThatThrownBy(() -> stepDefaults(new DaneSettings(true, "/a.txt", true), CHECKS_DEFAULT, NO_TIMES)
                .toOptions(() -> "h.example")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("trustAnchor");
        assertThat(CheckSettings.checkDane(true, "/a.txt", false)).isNull();
        assertThat(CheckSettings.checkDane(false, " ", false)).isNull();
        assertThat(CheckSettings.checkRelayVariants(true, true)).isNull();
        assertThat(stepDefaults(DANE_DEFAULT, CHECKS_DEFAULT, NO_TIMES).problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aBadRangeNamesItsSetting(int which) {
        String[] names = {"warningTime", "criticalTime", "warningConnect", "criticalConnect", "warningTotal", "criticalTotal"};
        String[] texts = {"", "", "", "", "", ""};
        texts[which] = "3s";

        String problem = stepDefaults(DANE_DEFAULT, CHECKS_DEFAULT,
                new TimeRanges(texts[0], texts[1], texts[2], texts[3], texts[4], texts[5])).problem();

        assertThat(problem).isEqualTo(names[which] + ": invalid range '3s': expected N, N:, ~:N, N:M or @N:M with decimal numbers");
        assertThat(CheckSettings.checkRange(names[which], "3s")).isEqualTo(problem);
        assertThat(CheckSettings.checkRange(names[which], "10:2")).startsWith(names[which] + ": ").doesNotContain("\n");
        assertThat(CheckSettings.checkRange(names[which], " ")).isNull();
    }

    @Test
    void resolversEhloNamesAndRelayAddressesAreCheckedAsOnTheCommandLine() {
        assertThat(CheckSettings.checkDnsServers(List.of("127.0.0.1:5353", "[::1]:53", "ns.example.net"))).isNull();
        assertThat(CheckSettings.checkDnsServers(List.of("127.0.0.1:0"))).isEqualTo("not a host[:port]: 127.0.0.1:0");
        assertThat(new CheckSettings(null, null, List.of("bad/host"), "x.example", null, null, null, null, null, null)
                .problem()).isEqualTo("not a host[:port]: bad/host");
        assertThat(new CheckSettings(null, null, null, "bad name", null, null, null, null, null, null).problem())
                .startsWith("invalid ehloName 'bad name': expected a host name or address literal");
        assertThatThrownBy(() -> new CheckSettings(null, null, null, "x.example", null, "nobody", null, null, null,
                null).toOptions()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid relayFrom 'nobody': expected an address local@domain");
    }

    @Test
    void aMissingTrustAnchorFileStopsTheCheckOnTheAgentWithOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-anchor.txt");
        CheckOptions o = stepDefaults(new DaneSettings(true, missing.toString(), false), CHECKS_DEFAULT, NO_TIMES)
                .toOptions(() -> "h.example").withDnsServers(List.of("127.0.0.1:1"));

        assertThatThrownBy(() -> MailCheck.check("mail.test", o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trust anchor file " + missing)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void probesSetsTheSessionsPerAddressWithinOptionPlansRule() {
        java.util.function.Function<Checks, CheckSettings> with = checks -> new CheckSettings(null, null, null,
                "probe.example", null, null, null, null, null, null, null, checks, null);

        assertThat(with.apply(new Checks(null, null, null, null, null, null, null, 4)).toOptions().diagnostics().sessions())
                .isEqualTo(4);
        assertThat(with.apply(new Checks(null, null, null, null, null, null, null, null)).toOptions().diagnostics().sessions())
                .isEqualTo(1);
        assertThat(with.apply(new Checks(null, null, null, null, null, null, null, 11)).problem())
                .isEqualTo("probes must be 1 to 10, got 11");
    }
}
