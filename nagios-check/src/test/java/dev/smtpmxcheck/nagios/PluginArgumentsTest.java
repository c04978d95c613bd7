package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.AddressFamily;
import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DaneOptions;
import dev.smtpmxcheck.core.DnsblOptions;
import dev.smtpmxcheck.core.report.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PluginArgumentsTest {

    @TempDir
    static Path tmp;

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {}, "missing -D/--domain or -H/--hostname"),
                Arguments.of(new String[] {"-H", "127.0.0.11", "-6"}, "-H '127.0.0.11' is an IPv4 address; it contradicts -6"),
                Arguments.of(new String[] {"-H", "2001:db8::1", "-4"}, "-H '2001:db8::1' is an IPv6 address; it contradicts -4"),
                Arguments.of(new String[] {"-D", "x.test", "--no-relay-test", "--relay-to", "a@example.net"},
                        "--no-relay-test contradicts --relay-from/--relay-to"),
                Arguments.of(new String[] {"-D", "x.test", "-e", "bad_name!"}, "invalid -e/--ehlo 'bad_name!'"),
                Arguments.of(new String[] {"-D", "x.test", "-e", "[192.0.2.999]"}, "invalid -e/--ehlo '[192.0.2.999]'"),
                Arguments.of(new String[] {"-p", "25"}, "missing -D/--domain or -H/--hostname"),
                Arguments.of(new String[] {"-D", "example.com", "-H", "mx.example.com"},
                        "-D/--domain and -H/--hostname exclude each other; give one"),
                Arguments.of(new String[] {"-D", ""}, "empty -D/--domain"),
                Arguments.of(new String[] {"-H", "mx\r\n.example.com"}, "invalid -H/--hostname 'mx\\r\\n.example.com'"),
                Arguments.of(new String[] {"-D"}, "option -D/--domain needs a value"),
                Arguments.of(new String[] {"-D", "example.com", "-p", "0"}, "invalid -p/--port '0'"),
                Arguments.of(new String[] {"-D", "example.com", "--perfdata", "all"},
                        "invalid --perfdata 'all': expected compact or full"),
                Arguments.of(new String[] {"-D", "example.com", "-p", "65536"}, "invalid -p/--port '65536'"),
                Arguments.of(new String[] {"-D", "example.com", "-p", "smtp"}, "invalid -p/--port 'smtp'"),
                Arguments.of(new String[] {"-D", "example.com", "-p", "-25"}, "invalid -p/--port '-25'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "0"}, "invalid -t/--timeout '0'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "0.0001"}, "invalid -t/--timeout '0.0001'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "-5"}, "invalid -t/--timeout '-5'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "ten"}, "invalid -t/--timeout 'ten'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "1,5"}, "invalid -t/--timeout '1,5'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "1e3"}, "invalid -t/--timeout '1e3'"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "100000"}, "invalid -t/--timeout '100000': at most 86400 seconds"),
                Arguments.of(new String[] {"-D", "example.com", "-t", "10:maybe"}, "invalid -t/--timeout '10:maybe': the state after ':' must be"),
                Arguments.of(new String[] {"-D", "example.com", "-w", "5", "-c", "7"},
                        "certificate warning days (-w 5) must be at least the critical days (-c 7)"),
                Arguments.of(new String[] {"-D", "example.com", "-c", "40"},
                        "certificate warning days (-w 30) must be at least the critical days (-c 40)"),
                Arguments.of(new String[] {"-D", "example.com", "-w", "-1"}, "invalid -w/--warning '-1'"),
                Arguments.of(new String[] {"-D", "example.com", "-c", "seven"}, "invalid -c/--critical 'seven'"),
                Arguments.of(new String[] {"-D", "example.com", "--warning-time", "5:1"},
                        "--warning-time: invalid range '5:1': start 5 is greater than end 1"),
                Arguments.of(new String[] {"-D", "example.com", "--critical-time", "abc"},
                        "--critical-time: invalid range 'abc'"),
                Arguments.of(new String[] {"-D", "example.com", "--critical-time", ""}, "--critical-time: invalid range ''"),
                Arguments.of(new String[] {"-D", "example.com", "-C", "/nonexistent/ca.pem"},
                        "CA file '/nonexistent/ca.pem' (-C/--ca-file) does not exist"),
                Arguments.of(new String[] {"-D", "example.com", "-C", "/"}, "CA file '/' (-C/--ca-file) is not a regular file"),
                Arguments.of(new String[] {"-D", "example.com", "-e", "bad\r\nMAIL FROM:<x>"},
                        "invalid -e/--ehlo 'bad\\r\\nMAIL FROM:<x>'"),
                Arguments.of(new String[] {"-D", "example.com", "-e", "a b"}, "invalid -e/--ehlo 'a b'"),
                Arguments.of(new String[] {"-D", "example.com", "-e", "nul\0"}, "invalid -e/--ehlo 'nul\\0'"),
                Arguments.of(new String[] {"-D", "example.com", "-e", ""}, "invalid -e/--ehlo ''"),
                Arguments.of(new String[] {"-D", "example.com", "--relay-from", "nobody"}, "invalid --relay-from 'nobody'"),
                Arguments.of(new String[] {"-D", "example.com", "--relay-to", "a@b\r\nDATA"}, "invalid --relay-to 'a@b\\r\\nDATA'"),
                Arguments.of(new String[] {"-D", "example.com", "-s", "1.2.3.4:99999"}, "invalid -s/--dns-server '1.2.3.4:99999'"),
                Arguments.of(new String[] {"-D", "example.com", "-s", "1.2.3.4,"}, "empty -s/--dns-server entry"),
                Arguments.of(new String[] {"-D", "example.com", "-s", "bad host"}, "invalid -s/--dns-server 'bad host'"),
                Arguments.of(new String[] {"-D", "example.com", "-4", "-6"}, "-4 and -6 exclude each other"),
                Arguments.of(new String[] {"-D", "example.com", "--bogus"}, "unknown option '--bogus'"),
                Arguments.of(new String[] {"-D", "example.com", "-x"}, "unknown option '-x'"),
                Arguments.of(new String[] {"-D", "example.com", "--relay"}, "ambiguous option '--relay', could be --"),
                Arguments.of(new String[] {"-D", "example.com", "extra"}, "unexpected argument 'extra'"),
                Arguments.of(new String[] {"-D", "relay.test", "-D", "good.test"}, "-D/--domain given twice ('relay.test',"
                        + " 'good.test'): give one domain per check, or use --batch"),
                Arguments.of(new String[] {"-H", "mx1.test", "--hostname=mx2.test"}, "-H/--hostname given twice"
                        + " ('mx1.test', 'mx2.test'): give one host per check, or use --batch"),
                Arguments.of(new String[] {"-D", "x.test", "-w", "10", "-w", "60"},
                        "-w/--warning given twice ('10', '60'): give it once"),
                Arguments.of(new String[] {"-D", "x.test", "-t", "5", "-t", "9", "-t", "5"},
                        "-t/--timeout given 3 times ('5', '9', '5'): give it once"),
                Arguments.of(new String[] {"-D", "x.test", "--warning-time", "1", "--warning-time", "2"},
                        "--warning-time given twice ('1', '2'): give it once"),
                Arguments.of(new String[] {"-D", "127.0.0.11"}, "domain '127.0.0.11' is an IP address, not a domain"
                        + " name; use -H 127.0.0.11 to check a single host by address"),
                Arguments.of(new String[] {"-D", "x.test", "--perfdata", "full", "--perfdata", "compact"},
                        "--perfdata given twice"));
    }

    @Test
    void theRepeatableOptionsAddUpAndASingleValueRepeatedUnchangedIsTakenOnce() {
        PluginArguments.Invocation inv = PluginArguments.parse(new String[] {"-D", "x.test", "-D", "x.test",
            "-s", "192.0.2.53", "-s", "192.0.2.54", "--dnsbl", "a.test", "--dnsbl", "b.test", "-v", "-v",
            "--no-relay-test", "--no-relay-test", "-t", "5", "--timeout", "5"});

        assertThat(inv.target().name()).isEqualTo("x.test");
        assertThat(inv.options().dnsServers()).containsExactly("192.0.2.53", "192.0.2.54");
        assertThat(inv.options().dnsbl().zones()).containsExactly("a.test", "b.test");
        assertThat(inv.verbosity()).isEqualTo(2);
        assertThat(inv.options().relayProbe()).isFalse();
        assertThat(inv.options().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void helpWinsOverARepeatedOption() {
        assertThat(PluginArguments.parse(new String[] {"-D", "a.test", "-D", "b.test", "-h"}).action())
                .isEqualTo(PluginArguments.Action.HELP);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCommandLines")
    void badArgumentsGiveOneLineUsageErrors(String[] args, String message) {
        assertThatThrownBy(() -> PluginArguments.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(message)
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\r");
    }

    @Test
    void unreadableCaFileIsRefused() throws IOException {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.setPosixFilePermissions(ca, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(ca), "running as a user who can read any file (root)");

        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "example.com", "-C", ca.toString()}))
                .isInstanceOf(UsageException.class)
                .hasMessageEndingWith("(-C/--ca-file) is not readable");
    }

    @Test
    void defaults() {
        PluginArguments.Invocation inv = PluginArguments.parse(new String[] {"-D", "example.com"});

        CheckOptions o = inv.options();
        assertThat(inv.action()).isEqualTo(PluginArguments.Action.CHECK);
        assertThat(inv.target()).isEqualTo(new PluginArguments.Target(PluginArguments.TargetKind.DOMAIN, "example.com"));
        assertThat(o.port()).isEqualTo(25);
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.certWarningDays()).isEqualTo(30);
        assertThat(o.certCriticalDays()).isEqualTo(7);
        assertThat(o.family()).isEqualTo(AddressFamily.ANY);
        assertThat(o.relayProbe()).isTrue();
        assertThat(o.relayFrom()).isEqualTo(CheckOptions.DEFAULT_RELAY_FROM);
        assertThat(o.relayTo()).isEqualTo(CheckOptions.DEFAULT_RELAY_TO);
        assertThat(o.dnsServers()).isEmpty();
        assertThat(o.caFile()).isNull();
        assertThat(o.greetingTimeWarning()).isNull();
        assertThat(inv.ehloGiven()).isFalse();
        assertThat(inv.verbosity()).isZero();
        assertThat(inv.json()).isFalse();
        assertThat(inv.timeoutState()).isEqualTo(State.CRITICAL);
        assertThat(inv.perfdata()).isEqualTo(NagiosOutput.PerfdataMode.COMPACT);
    }

    @Test
    void perfdataIsCompactOrFull() {
        assertThat(PluginArguments.parse(new String[] {"-D", "example.com", "--perfdata", "full"}).perfdata())
                .isEqualTo(NagiosOutput.PerfdataMode.FULL);
        assertThat(PluginArguments.parse(new String[] {"-D", "example.com", "--perfdata=FULL"}).perfdata())
                .isEqualTo(NagiosOutput.PerfdataMode.FULL);
        assertThat(PluginArguments.parse(new String[] {"-D", "example.com", "--perfdata", "compact"}).perfdata())
                .isEqualTo(NagiosOutput.PerfdataMode.COMPACT);
    }

    @Test
    void everyOptionIsCarriedIntoCheckOptions() throws IOException {
        Path ca = Files.writeString(tmp.resolve("extra-ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        PluginArguments.Invocation inv = PluginArguments.parse(new String[] {
            "--hostname", "mx1.example.com", "--port=2525", "-6", "-w", "21", "-c", "3",
            "--warning-time", "~:2.5", "--critical-time", "@10:20", "-s", "192.0.2.53,[2001:db8::53]:5353",
            "--dns-server", "ns.example.net:53", "-e", "probe.example.org", "--relay-from", "a@example.org",
            "--relay-to", "b@example.net", "-C", ca.toString(), "-t", "2.5", "--json", "-vv", "--verbose"});

        CheckOptions o = inv.options();
        assertThat(inv.target()).isEqualTo(new PluginArguments.Target(PluginArguments.TargetKind.HOST, "mx1.example.com"));
        assertThat(o.port()).isEqualTo(2525);
        assertThat(o.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(o.certWarningDays()).isEqualTo(21);
        assertThat(o.certCriticalDays()).isEqualTo(3);
        assertThat(o.greetingTimeWarning()).hasToString("~:2.5");
        assertThat(o.greetingTimeCritical()).hasToString("@10:20");
        assertThat(o.dnsServers()).containsExactly("192.0.2.53", "[2001:db8::53]:5353", "ns.example.net:53");
        assertThat(o.ehloName()).isEqualTo("probe.example.org");
        assertThat(o.relayFrom()).isEqualTo("a@example.org");
        assertThat(o.relayTo()).isEqualTo("b@example.net");
        assertThat(o.caFile()).isEqualTo(ca);
        assertThat(o.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(inv.ehloGiven()).isTrue();
        assertThat(inv.json()).isTrue();
        assertThat(inv.verbosity()).isEqualTo(3);
    }

    @Test
    void stageTimeoutIsAtMostTenSeconds() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "60"}).options().stageTimeout())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "4"}).options().stageTimeout())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void ehloTakesADomainOrAnAddressLiteral() {
        for (String name : new String[] {"monitor.example.org", "monitor.example.org.", "[192.0.2.1]", "[IPv6:2001:db8::1]"}) {
            assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-e", name}).options().ehloName())
                    .isEqualTo(name);
        }
    }

    @Test
    void timeoutStateFollowsTheColon() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "10:UNKNOWN"}).timeoutState())
                .isEqualTo(State.UNKNOWN);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "10:1"}).timeoutState())
                .isEqualTo(State.WARNING);
        // The state reaches the core, which gives it to every timeout finding that would be CRITICAL.
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "10:UNKNOWN"}).options().timeoutSeverity())
                .isEqualTo(dev.smtpmxcheck.core.report.Severity.UNKNOWN);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-t", "10:OK"}).options().timeoutSeverity())
                .isEqualTo(dev.smtpmxcheck.core.report.Severity.INFO);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test"}).options().timeoutSeverity())
                .isEqualTo(dev.smtpmxcheck.core.report.Severity.CRITICAL);
    }

    @Test
    void noRelayTestAndIpv4() {
        PluginArguments.Invocation inv = PluginArguments.parse(new String[] {"-D", "x.test", "--no-relay-test", "-4"});

        assertThat(inv.options().relayProbe()).isFalse();
        assertThat(inv.options().family()).isEqualTo(AddressFamily.IPV4);
    }

    @Test
    void thePostmasterProbeRunsUnlessSwitchedOff() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test"}).options().postmasterTest()).isTrue();
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--no-postmaster-test"}).options()
                .postmasterTest()).isFalse();
    }

    @Test
    void mtaStsAndTlsRptAreCheckedUnlessSwitchedOff() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test"}).options().stsRpt())
                .isEqualTo(new dev.smtpmxcheck.core.CheckOptions.StsRptOptions(true, true));
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--no-mta-sts"}).options().stsRpt())
                .isEqualTo(new dev.smtpmxcheck.core.CheckOptions.StsRptOptions(false, true));
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--no-tls-rpt", "--no-mta-sts"}).options().stsRpt())
                .isEqualTo(new dev.smtpmxcheck.core.CheckOptions.StsRptOptions(false, false));
    }

    @Test
    void requireTlsIsOptIn() {
        PluginArguments.Invocation plain = PluginArguments.parse(new String[] {"-D", "x.test"});
        PluginArguments.Invocation required = PluginArguments.parse(new String[] {"-D", "x.test", "--require-tls"});

        assertThat(plain.options().requireTls()).isFalse();
        assertThat(required.options().requireTls()).isTrue();
    }

    @Test
    void theTlsScanIsOptInAndReverseDnsCanBeSwitchedOff() {
        PluginArguments.Invocation plain = PluginArguments.parse(new String[] {"-D", "x.test"});
        PluginArguments.Invocation both = PluginArguments.parse(new String[] {"-D", "x.test", "--tls-scan",
            "--no-reverse-dns"});

        assertThat(plain.options().diagnostics().tlsScan()).isFalse();
        assertThat(plain.options().diagnostics().reverseDns()).isTrue();
        assertThat(both.options().diagnostics().tlsScan()).isTrue();
        assertThat(both.options().diagnostics().reverseDns()).isFalse();
    }

    @Test
    void probesSetsTheSessionsPerAddressAndIsBounded() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test"}).options().diagnostics().sessions()).isEqualTo(1);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--probes", "4"}).options().diagnostics()
                .sessions()).isEqualTo(4);
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--probes", "11"}))
                .isInstanceOf(UsageException.class)
                .hasMessage("invalid --probes '11': expected 1 to 10 sessions per address (2 or more compare them)");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--probes", "two"}))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("invalid --probes 'two': expected a number of sessions per address");
    }

    @Test
    void verbosityCountsBurstsAndCapsAtThree() {
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-v"}).verbosity()).isEqualTo(1);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-vvvv"}).verbosity()).isEqualTo(3);
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "-v", "-v"}).verbosity()).isEqualTo(2);
    }

    @Test
    void helpAndVersionWinOverMissingTarget() {
        assertThat(PluginArguments.parse(new String[] {"-h"}).action()).isEqualTo(PluginArguments.Action.HELP);
        assertThat(PluginArguments.parse(new String[] {"--version"}).action()).isEqualTo(PluginArguments.Action.VERSION);
    }

    @Test
    void ehloNames() {
        assertThat(List.of("mx.example.com", "[192.0.2.1]", "localhost"))
                .allMatch(dev.smtpmxcheck.core.EhloName::isValid);
        assertThat(List.of("", "a b", "a\rb", "a\nb", "a\0b", "a\tb", "bücher.example"))
                .noneMatch(dev.smtpmxcheck.core.EhloName::isValid);
    }

    @Test
    void daneIsOnByDefaultAndTakesItsTrustFromAnAnchorFileOrTheAdBit(@TempDir Path dir) throws IOException {
        Path anchor = Files.writeString(dir.resolve("anchor.txt"), "test. IN DS 1 13 2 " + "00".repeat(32) + "\n");

        assertThat(PluginArguments.parse(new String[] {"-D", "x.test"}).options().dane())
                .isEqualTo(new DaneOptions(true, null, false));
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--no-dane"}).options().dane().enabled()).isFalse();
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--trust-anchor", anchor.toString()}).options().dane())
                .isEqualTo(new DaneOptions(true, anchor, false));
        assertThat(PluginArguments.parse(new String[] {"-D", "x.test", "--dnssec-trust-ad"}).options().dane())
                .isEqualTo(new DaneOptions(true, null, true));
    }

    @Test
    void contradictoryOrMissingDaneOptionsAreUsageErrors(@TempDir Path dir) throws IOException {
        Path anchor = Files.writeString(dir.resolve("anchor.txt"), ". IN DS 20326 8 2 E06D\n");

        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--no-dane", "--dnssec-trust-ad"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--no-dane contradicts");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--trust-anchor", anchor.toString(),
                "--dnssec-trust-ad"})).isInstanceOf(UsageException.class).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--trust-anchor",
                dir.resolve("missing.txt").toString()})).isInstanceOf(UsageException.class)
                .hasMessageContaining("trust anchor file").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--trust-anchor", dir.toString()}))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a regular file");
    }

    @Test
    void warningAndCriticalTakeASharePercentOfTheLifetime() {
        CheckOptions o = PluginArguments.parse(new String[] {"-D", "x.test", "-w", "33%", "-c", "10%"}).options();
        CheckOptions mixed = PluginArguments.parse(new String[] {"-D", "x.test", "-w", "33%", "-c", "5"}).options();

        assertThat(o.certPercent()).isEqualTo(new CheckOptions.CertPercent(33, 10));
        assertThat(o.certWarningDays()).isEqualTo(30);
        assertThat(o.certCriticalDays()).isEqualTo(7);
        assertThat(mixed.certPercent()).isEqualTo(new CheckOptions.CertPercent(33, null));
        assertThat(mixed.certCriticalDays()).isEqualTo(5);
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "-w", "3.5%"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("such as 33%");
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "-w", "150%"}))
                .isInstanceOf(UsageException.class).hasMessage(
                        "invalid -w/--warning '150%': expected a share of the certificate's lifetime from 0% to 100%");
    }

    @Test
    void blocklistsAreOptInRepeatableAndCommaSeparated() {
        CheckOptions none = PluginArguments.parse(new String[] {"-D", "x.test"}).options();
        CheckOptions named = PluginArguments.parse(new String[] {"-D", "x.test", "--dnsbl", "bl.test,refused-bl.test",
            "--dnsbl", "dead-bl.test", "--dnsbl-critical"}).options();
        CheckOptions defaults = PluginArguments.parse(new String[] {"-D", "x.test", "--dnsbl-default"}).options();

        assertThat(none.dnsbl()).isEqualTo(DnsblOptions.NONE);
        assertThat(named.dnsbl()).isEqualTo(new DnsblOptions(List.of("bl.test", "refused-bl.test", "dead-bl.test"), true));
        assertThat(defaults.dnsbl().zones()).isEqualTo(DnsblOptions.DEFAULT_ZONES);
        assertThatThrownBy(() -> PluginArguments.parse(new String[] {"-D", "x.test", "--dnsbl-critical"}))
                .isInstanceOf(UsageException.class).hasMessage("--dnsbl-critical needs --dnsbl ZONE or --dnsbl-default");
    }

    @Test
    void theHandWrittenHelpAndUsageNameEveryOption() {
        String help = CheckSmtpMx.help();
        for (org.apache.commons.cli.Option option : PluginArguments.options().getOptions()) {
            assertThat(help).as("help text").contains("--" + option.getLongOpt());
            if (option.getOpt() != null) {
                assertThat(help).contains("-" + option.getOpt() + ", --" + option.getLongOpt());
            }
            if (!List.of("help", "version", "verbose").contains(option.getLongOpt())) {
                String name = option.getOpt() != null ? "-" + option.getOpt() : "--" + option.getLongOpt();
                assertThat(PluginArguments.USAGE).as("usage line").containsPattern("[ |\\[]" + name + "[ |\\]]");
            }
        }
    }
}
