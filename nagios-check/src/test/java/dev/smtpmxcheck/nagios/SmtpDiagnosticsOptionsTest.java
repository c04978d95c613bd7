package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.SmtpDiagnosticOptions;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.MxReports;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options and output of the deeper SMTP diagnostics and the connect/total time thresholds. */
class SmtpDiagnosticsOptionsTest {

    private static CheckOptions parse(String... args) {
        return PluginArguments.parse(args).options();
    }

    @Test
    void defaultsKeepTheInjectionTestAndTheVariantsOff() {
        SmtpDiagnosticOptions d = parse("-D", "example.com").smtpDiagnostics();

        assertThat(d).isEqualTo(SmtpDiagnosticOptions.defaults());
        assertThat(d.starttlsInjection()).isFalse();
        assertThat(d.relayVariants()).isFalse();
    }

    @Test
    void everyDiagnosticOptionIsParsed() {
        CheckOptions o = parse("-D", "example.com", "--relay-variants", "--starttls-injection-test",
                "--warning-connect", "0.5", "--critical-connect", "2:", "--warning-total", "~:10", "--critical-total",
                "@30:60", "--warning-time", "3");

        assertThat(o.smtpDiagnostics()).isEqualTo(new SmtpDiagnosticOptions(true, true, Range.parse("0.5"),
                Range.parse("2:"), Range.parse("~:10"), Range.parse("@30:60")));
        assertThat(o.greetingTimeWarning()).isEqualTo(Range.parse("3"));
    }

    @Test
    void contradictionsAndBadRangesAreUsageErrors() {
        assertThatThrownBy(() -> parse("-D", "example.com", "--no-relay-test", "--relay-variants"))
                .isInstanceOf(UsageException.class).hasMessage("--no-relay-test contradicts --relay-variants");
        assertThatThrownBy(() -> parse("-D", "example.com", "--warning-connect", "abc"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--warning-connect: invalid range 'abc'");
        assertThatThrownBy(() -> parse("-D", "example.com", "--critical-total", "9:1"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--critical-total: invalid range '9:1': start 9 is greater than end 1");
    }

    @Test
    void connectAndTotalRangesFillThePerfdata() {
        CheckOptions options = CheckOptions.defaults().withSmtpDiagnostics(SmtpDiagnosticOptions.defaults()
                .withConnectTime(Range.parse("0.5"), Range.parse("2")).withTotalTime(Range.parse("~:10"), null));

        PluginOutput out = NagiosOutput.render(Reports.okTwoMx(), options, 0, NagiosOutput.PerfdataMode.FULL);

        assertThat(out.morePerfdata()).contains(
                "'mx1.example.test_192.0.2.1_time_connect'=0.012s;0.5;2;0",
                "'mx1.example.test_192.0.2.1_time_total'=0.105s;~:10;;0",
                "'mx1.example.test_192.0.2.1_time_greeting'=0.020s;;;0");
    }

    @Test
    void longOutputShowsVariantsInjectionAndExtensions() {
        AddressReport h = Reports.healthy("mx1.example.test", "192.0.2.1",
                Reports.tls("mx1.example.test", 80, TrustStatus.TRUSTED, true), RelayVerdict.REFUSED);
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        RelayVariantFacts percent = RelayVariantFacts.sent(RelayVariant.PERCENT_HACK, "relay-probe@example.org",
                "relay-probe%example.net@[192.0.2.1]", mail, new SmtpReply(250, "2.1.5", List.of("2.1.5 Ok")),
                RelayVerdict.OPEN, "accepted");
        RelayVariantFacts bang = RelayVariantFacts.sent(RelayVariant.BANG_PATH, "relay-probe@example.org",
                "example.net!relay-probe", mail, new SmtpReply(501, "5.1.3", List.of("5.1.3 Bad recipient address syntax")),
                RelayVerdict.REFUSED, "refused");
        AddressReport a = h.toBuilder()
                .extensions(new EsmtpExtensions(true, true, false, true, true, false, true, 10240000L))
                .relay(h.relay().seen().orElseThrow().withVariants(List.of(percent, bang)))
                .starttlsInjection(new StartTlsInjectionFacts(StartTlsInjectionVerdict.NOT_VULNERABLE, "NOOP", null,
                        "the NOOP was discarded", 30))
                .build();
        CheckReport r = Reports.report("example.test", MxSource.MX,
                List.of(MxReports.mx("mx1.example.test", 10, a)), List.of());

        String text = NagiosOutput.render(r, 2).text();

        assertThat(text).contains("relay variants 1 of 2 accepted", "STARTTLS injection not vulnerable",
                "  extensions (inside TLS): PIPELINING, no CHUNKING, 8BITMIME, SMTPUTF8, no REQUIRETLS, SIZE 10240000",
                "  relay variant percent hack: MAIL FROM:<relay-probe@example.org> RCPT TO:<relay-probe%example.net@[192.0.2.1]> open (250 2.1.5 Ok)",
                "  relay variant bang path: MAIL FROM:<relay-probe@example.org> RCPT TO:<example.net!relay-probe> refused (501 5.1.3 Bad recipient address syntax)",
                "  STARTTLS injection test: NOT_VULNERABLE, the NOOP was discarded");
    }
}
