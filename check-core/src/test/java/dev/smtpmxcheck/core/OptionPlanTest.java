package dev.smtpmxcheck.core;

import static dev.smtpmxcheck.core.OptionSyntax.COMMAND_LINE;
import static dev.smtpmxcheck.core.OptionSyntax.PIPELINE_STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.OptionPlan.Threshold;
import dev.smtpmxcheck.core.report.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OptionPlanTest {

    private static final Path ANCHOR = Path.of("anchor.txt");

    /** Every rule, broken once, with the message each front end shows for it. */
    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("port 0", p -> p.port(0, "0"),
                        "invalid -p/--port '0': expected a port number from 1 to 65535",
                        "port must be 1 to 65535, got 0"),
                rule("port 65536", p -> p.port(65536),
                        "invalid -p/--port '65536': expected a port number from 1 to 65535",
                        "port must be 1 to 65535, got 65536"),
                rule("both families", p -> p.family(true, true),
                        "-4 and -6 exclude each other",
                        "ipv4Only and ipv6Only exclude each other"),
                rule("IPv4 host, IPv6 only", p -> p.host("127.0.0.11").family(false, true),
                        "-H '127.0.0.11' is an IPv4 address; it contradicts -6",
                        "host '127.0.0.11' is an IPv4 address; it contradicts ipv6Only"),
                rule("IPv6 host, IPv4 only", p -> p.host("2001:db8::1").family(true, false),
                        "-H '2001:db8::1' is an IPv6 address; it contradicts -4",
                        "host '2001:db8::1' is an IPv6 address; it contradicts ipv4Only"),
                rule("negative warning days", p -> p.certDays(-1, 0),
                        "invalid -w/--warning '-1': expected a whole number of days (0 or more)",
                        "certificate days must not be negative"),
                rule("negative critical days", p -> p.certDays(30, -2),
                        "invalid -c/--critical '-2': expected a whole number of days (0 or more)",
                        "certificate days must not be negative"),
                rule("critical days above warning", p -> p.certDays(5, 7),
                        "certificate warning days (-w 5) must be at least the critical days (-c 7)",
                        "certCriticalDays (7) must not exceed certWarningDays (5)"),
                rule("warning share above 100%", p -> p.certPercent(101, null),
                        "invalid -w/--warning '101%': expected a share of the certificate's lifetime from 0% to 100%",
                        "certWarningPercent must be 0 to 100, got 101"),
                rule("negative critical share", p -> p.certPercent(null, -1),
                        "invalid -c/--critical '-1%': expected a share of the certificate's lifetime from 0% to 100%",
                        "certCriticalPercent must be 0 to 100, got -1"),
                rule("critical share above warning share", p -> p.certPercent(10, 33),
                        "certificate warning share (-w 10%) must be at least the critical share (-c 33%)",
                        "certCriticalPercent (33) must not exceed certWarningPercent (10)"),
                rule("greeting range", p -> p.range(Threshold.WARNING_TIME, "5:1"),
                        "--warning-time: invalid range '5:1': start 5 is greater than end 1",
                        "warningTime: invalid range '5:1': start 5 is greater than end 1"),
                rule("total range", p -> p.range(Threshold.CRITICAL_TOTAL, "3s"),
                        "--critical-total: invalid range '3s': expected N, N:, ~:N, N:M or @N:M with decimal numbers",
                        "criticalTotal: invalid range '3s': expected N, N:, ~:N, N:M or @N:M with decimal numbers"),
                rule("empty resolver", p -> p.dnsServers(List.of("192.0.2.53", "")),
                        "empty -s/--dns-server entry",
                        "dnsServer: empty entry"),
                rule("resolver port", p -> p.dnsServers(List.of("1.2.3.4:99999")),
                        "invalid -s/--dns-server '1.2.3.4:99999': expected host, host:port, IPv6 or [IPv6]:port",
                        "not a host[:port]: 1.2.3.4:99999"),
                rule("resolver with a space", p -> p.dnsServers(List.of("bad host")),
                        "invalid -s/--dns-server 'bad host': expected host, host:port, IPv6 or [IPv6]:port",
                        "not a host[:port]: bad host"),
                rule("EHLO name with CR LF", p -> p.ehloName("bad\r\nMAIL FROM:<x>"),
                        "invalid -e/--ehlo 'bad\\r\\nMAIL FROM:<x>': expected a host name or address literal without"
                                + " spaces, CR, LF, NUL or other control characters",
                        "invalid ehloName 'bad\\r\\nMAIL FROM:<x>': expected a host name or address literal without"
                                + " spaces, CR, LF, NUL or other control characters"),
                rule("relay-from not a mailbox", p -> p.relayFrom("nobody"),
                        "invalid --relay-from 'nobody': expected an address local@domain",
                        "invalid relayFrom 'nobody': expected an address local@domain"),
                rule("relay-to with CR LF", p -> p.relayTo("a@b\r\nDATA"),
                        "invalid --relay-to 'a@b\\r\\nDATA': expected an address local@domain",
                        "invalid relayTo 'a@b\\r\\nDATA': expected an address local@domain"),
                rule("relay variants without the relay probe", p -> p.relayProbe(false).relayVariants(true),
                        "--no-relay-test contradicts --relay-variants",
                        "relayProbe: false contradicts relayVariants: true (the variants follow the relay probe)"),
                rule("DANE off with a trust anchor", p -> p.dane(false, ANCHOR, false),
                        "--no-dane contradicts --trust-anchor/--dnssec-trust-ad",
                        "dane: false contradicts trustAnchor: a trust anchor or the AD bit only matter for DANE"),
                rule("DANE off trusting the AD bit", p -> p.dane(false, null, true),
                        "--no-dane contradicts --trust-anchor/--dnssec-trust-ad",
                        "dane: false contradicts dnssecTrustAd: true: a trust anchor or the AD bit only matter for DANE"),
                rule("trust anchor and AD bit", p -> p.dane(true, ANCHOR, true),
                        "--trust-anchor and --dnssec-trust-ad exclude each other: validate from an anchor, or trust"
                                + " the resolver's AD bit",
                        "trustAnchor and dnssecTrustAd: true exclude each other: validate from an anchor, or trust"
                                + " the resolver's AD bit"),
                rule("timeout zero", p -> p.timeout(Duration.ZERO, "0"),
                        "invalid -t/--timeout '0': expected a positive number of seconds, e.g. 30 or 2.5",
                        "timeout must be 1 to 3600 seconds, got 0"),
                rule("timeout above a day", p -> p.timeout(Duration.ofSeconds(100_000), "100000"),
                        "invalid -t/--timeout '100000': at most 86400 seconds",
                        "timeout must be 1 to 3600 seconds, got 100000"));
    }

    private static Arguments rule(String name, UnaryOperator<OptionPlan> change, String commandLine, String pipeline) {
        return Arguments.of(name, change, commandLine, pipeline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsOneLineWordedForItsFrontEnd(String name, UnaryOperator<OptionPlan> change,
            String commandLine, String pipeline) {
        assertThatThrownBy(() -> change.apply(OptionPlan.of(COMMAND_LINE)).build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(commandLine);
        assertThatThrownBy(() -> change.apply(OptionPlan.of(PIPELINE_STEP)).build())
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(pipeline);
        assertThat(change.apply(OptionPlan.of(PIPELINE_STEP)).problem()).isEqualTo(pipeline);
    }

    @Test
    void blocklistZonesAreDomainNamesAndCriticalNeedsOne() {
        assertThat(OptionPlan.of(COMMAND_LINE).dnsbl(List.of("bl..test"), false, false).problem())
                .startsWith("invalid --dnsbl 'bl..test': ");
        assertThat(OptionPlan.of(PIPELINE_STEP).dnsbl(List.of(""), false, false).problem())
                .startsWith("invalid dnsbl zone '': ");
        assertThat(OptionPlan.of(COMMAND_LINE).dnsbl(List.of(), false, true).problem())
                .isEqualTo("--dnsbl-critical needs --dnsbl ZONE or --dnsbl-default");
        assertThat(OptionPlan.of(PIPELINE_STEP).dnsbl(List.of(), false, true).problem())
                .isEqualTo("dnsblCritical: true needs dnsbl zones or dnsblDefault: true");
    }

    @Test
    void blocklistZonesAreNormalisedAndTheDefaultListAddedOnlyWhenAsked() {
        CheckOptions named = OptionPlan.of(COMMAND_LINE).dnsbl(List.of("BL.Test.", "bl.test", "dead-bl.test"), false, true)
                .build();
        CheckOptions both = OptionPlan.of(COMMAND_LINE).dnsbl(List.of("bl.test"), true, false).build();

        assertThat(named.dnsbl()).isEqualTo(new DnsblOptions(List.of("bl.test", "dead-bl.test"), true));
        assertThat(both.dnsbl().zones()).first().isEqualTo("bl.test");
        assertThat(both.dnsbl().zones()).containsAll(DnsblOptions.DEFAULT_ZONES).hasSize(1 + DnsblOptions.DEFAULT_ZONES.size());
        assertThat(OptionPlan.of(COMMAND_LINE).build().dnsbl().enabled()).isFalse();
    }

    @Test
    void sharesOfTheLifetimeAreNotComparedWithDays() {
        CheckOptions o = OptionPlan.of(COMMAND_LINE).certDays(30, 60).certPercent(33, null).build();

        assertThat(o.certPercent()).isEqualTo(new CheckOptions.CertPercent(33, null));
        assertThat(OptionPlan.of(COMMAND_LINE).certPercent(33, 10).build().certPercent())
                .isEqualTo(new CheckOptions.CertPercent(33, 10));
    }

    @Test
    void relayAddressesNeedTheRelayProbeOnlyOnTheCommandLine() {
        assertThatThrownBy(() -> OptionPlan.of(COMMAND_LINE).relayProbe(false).relayTo("a@example.net").build())
                .hasMessage("--no-relay-test contradicts --relay-from/--relay-to");
        // the Jenkins form keeps the addresses of a switched-off probe; they are carried, not used
        CheckOptions o = OptionPlan.of(PIPELINE_STEP).relayProbe(false).relayTo("a@example.net").build();
        assertThat(o.relayProbe()).isFalse();
        assertThat(o.relayTo()).isEqualTo("a@example.net");
    }

    @Test
    void theTimeoutLimitIsTheFrontEndsOwn() {
        assertThat(OptionPlan.of(COMMAND_LINE).timeout(Duration.ofDays(1)).build().timeout()).isEqualTo(Duration.ofDays(1));
        assertThat(OptionPlan.of(PIPELINE_STEP).timeout(Duration.ofHours(1)).problem()).isNull();
        assertThat(OptionPlan.of(PIPELINE_STEP).timeout(Duration.ofSeconds(3601)).problem())
                .isEqualTo("timeout must be 1 to 3600 seconds, got 3601");
        assertThat(OptionPlan.of(COMMAND_LINE).timeout(Duration.ofMillis(86_400_001), "86400.001").problem())
                .isEqualTo("invalid -t/--timeout '86400.001': at most 86400 seconds");
    }

    @Test
    void theFirstBrokenRuleInTheDocumentedOrderIsReported() {
        OptionPlan plan = OptionPlan.of(COMMAND_LINE).timeout(Duration.ZERO, "0").dane(false, null, true)
                .relayProbe(false).relayVariants(true).family(true, true).port(0, "0");

        assertThat(plan.problem()).startsWith("invalid -p/--port");
        assertThat(plan.port(25).problem()).isEqualTo("-4 and -6 exclude each other");
        assertThat(plan.family(false, false).problem()).isEqualTo("--no-relay-test contradicts --relay-variants");
        assertThat(plan.relayVariants(false).problem()).startsWith("--no-dane contradicts");
        assertThat(plan.dane(true, null, false).problem()).startsWith("invalid -t/--timeout '0'");
        assertThat(plan.timeout(Duration.ofSeconds(5)).problem()).isNull();
    }

    @ParameterizedTest
    @EnumSource(OptionSyntax.class)
    void anUnchangedPlanIsTheDefaults(OptionSyntax syntax) {
        assertThat(OptionPlan.of(syntax).build()).isEqualTo(CheckOptions.defaults());
    }

    @Test
    void everyValueReachesTheOptions() {
        Path ca = Path.of("ca.pem");
        CheckOptions o = OptionPlan.of(COMMAND_LINE)
                .port(2525).family(false, true).host("mx1.example.com").certDays(21, 3)
                .range(Threshold.WARNING_TIME, "~:2.5").range(Threshold.CRITICAL_TIME, "@10:20")
                .range(Threshold.WARNING_CONNECT, "1").range(Threshold.CRITICAL_CONNECT, "2")
                .range(Threshold.WARNING_TOTAL, "3").range(Threshold.CRITICAL_TOTAL, "4")
                .dnsServers(List.of("192.0.2.53", "[2001:db8::53]:5353", "ns.example.net:53"))
                .ehloName("probe.example.org").relayFrom("a@example.org").relayTo("b@example.net")
                .relayVariants(true).starttlsInjection(true).stsRpt(false, true).diagnostics(true, false)
                .caFile(ca).dane(true, ANCHOR, false).timeout(Duration.ofMillis(2500), "2.5")
                .timeoutSeverity(Severity.UNKNOWN)
                .build();

        assertThat(o.port()).isEqualTo(2525);
        assertThat(o.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(o.certWarningDays()).isEqualTo(21);
        assertThat(o.certCriticalDays()).isEqualTo(3);
        assertThat(o.greetingTimeWarning()).hasToString("~:2.5");
        assertThat(o.greetingTimeCritical()).hasToString("@10:20");
        assertThat(o.smtpDiagnostics().connectTimeWarning()).hasToString("1");
        assertThat(o.smtpDiagnostics().connectTimeCritical()).hasToString("2");
        assertThat(o.smtpDiagnostics().totalTimeWarning()).hasToString("3");
        assertThat(o.smtpDiagnostics().totalTimeCritical()).hasToString("4");
        assertThat(o.smtpDiagnostics().relayVariants()).isTrue();
        assertThat(o.smtpDiagnostics().starttlsInjection()).isTrue();
        assertThat(o.dnsServers()).containsExactly("192.0.2.53", "[2001:db8::53]:5353", "ns.example.net:53");
        assertThat(o.ehloName()).isEqualTo("probe.example.org");
        assertThat(o.relayProbe()).isTrue();
        assertThat(o.relayFrom()).isEqualTo("a@example.org");
        assertThat(o.relayTo()).isEqualTo("b@example.net");
        assertThat(o.stsRpt()).isEqualTo(new CheckOptions.StsRptOptions(false, true));
        assertThat(o.diagnostics()).isEqualTo(new CheckOptions.DiagnosticOptions(true, false));
        assertThat(o.caFile()).isEqualTo(ca);
        assertThat(o.dane()).isEqualTo(new DaneOptions(true, ANCHOR, false));
        assertThat(o.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.stageTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(o.timeoutSeverity()).isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void theStageTimeoutIsTheOverallTimeoutCappedAtTenSeconds() {
        assertThat(OptionPlan.of(COMMAND_LINE).timeout(Duration.ofSeconds(60)).build().stageTimeout())
                .isEqualTo(CheckOptions.MAX_STAGE_TIMEOUT).isEqualTo(Duration.ofSeconds(10));
        assertThat(OptionPlan.of(PIPELINE_STEP).timeout(Duration.ofSeconds(4)).build().stageTimeout())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(CheckOptions.stageTimeoutFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(CheckOptions.stageTimeoutFor(Duration.ofMillis(9999))).isEqualTo(Duration.ofMillis(9999));
    }

    @Test
    void aHostNameOrAMatchingLiteralGoesWithEitherFamily() {
        assertThat(OptionPlan.of(COMMAND_LINE).host("mx.example.com").family(true, false).problem()).isNull();
        assertThat(OptionPlan.of(COMMAND_LINE).host("127.0.0.11").family(true, false).problem()).isNull();
        assertThat(OptionPlan.of(COMMAND_LINE).host("2001:db8::1").family(false, true).problem()).isNull();
    }

    @Test
    void quotingShowsControlCharactersAndStopsAt80() {
        assertThat(OptionSyntax.quote("a\r\n\0\u0007b")).isEqualTo("'a\\r\\n\\0\\x07b'");
        assertThat(OptionSyntax.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(80) + "...'");
    }
}
