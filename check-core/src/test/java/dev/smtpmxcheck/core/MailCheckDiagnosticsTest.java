package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.dns.MxLookup;
import dev.smtpmxcheck.core.dns.MxResolver;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.Reports;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MailCheck wires the deeper diagnostics: connect/total ranges and the diagnostic findings of each address. */
class MailCheckDiagnosticsTest {

    private static final MxResolver ONE_MX = new MxResolver() {
        @Override
        public MxLookup lookup(String domain) {
            return new MxLookup.Hosts(List.of(resolveHost("mx1.example.test")), false);
        }

        @Override
        public MxHost resolveHost(String host) {
            try {
                return new MxHost(host, 10, List.of(InetAddress.getByName("192.0.2.1")), List.of(), false, null, null);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** Reports.accepting with a 1.5 s connect, 4 s in total, and the given injection result. */
    private static AddressReport slow(StartTlsInjectionFacts injection) {
        AddressReport a = Reports.accepting("192.0.2.1");
        return a.toBuilder().connected(1500).totalMillis(4000)
                .starttlsInjection(injection == null ? dev.smtpmxcheck.core.report.Outcome.notRun(
                        dev.smtpmxcheck.core.report.NotRunReason.NOT_ASKED)
                        : dev.smtpmxcheck.core.report.Outcome.done(injection))
                .build();
    }

    private static CheckReport run(AddressReport result, CheckOptions options) {
        return new MailCheck(ONE_MX, (name, address, deadline) -> result, options, Clock.systemUTC())
                .checkDomain("example.test");
    }

    private static final CheckOptions OPTIONS = CheckOptions.defaults().withTimeout(Duration.ofSeconds(3))
            .withStageTimeout(Duration.ofSeconds(1));

    @Test
    void connectAndTotalRangesRaiseSlowResponse() {
        CheckOptions options = OPTIONS.withSmtpDiagnostics(SmtpDiagnosticOptions.defaults()
                .withConnectTime(Range.parse("1"), null).withTotalTime(null, Range.parse("3")));

        CheckReport report = run(slow(null), options);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.SLOW_RESPONSE)
                .extracting(Finding::severity, Finding::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "connect after 1.500 s (warning range 1)"),
                        org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, "total after 4.000 s (critical range 3)"));
    }

    @Test
    void withoutRangesTheSameTimesAreFine() {
        CheckReport report = run(slow(null), OPTIONS);

        assertThat(report.findings()).extracting(Finding::code).doesNotContain(FindingCode.SLOW_RESPONSE);
    }

    @Test
    void aVulnerableInjectionTestIsACriticalFindingOfTheAddress() {
        StartTlsInjectionFacts vulnerable = new StartTlsInjectionFacts(StartTlsInjectionVerdict.VULNERABLE, "NOOP",
                null, "inside TLS the server first answered the NOOP", 20);

        CheckReport report = run(slow(vulnerable), OPTIONS);

        assertThat(report.state()).isEqualTo(State.CRITICAL);
        assertThat(report.findings()).filteredOn(f -> f.code() == FindingCode.STARTTLS_COMMAND_INJECTION)
                .singleElement().extracting(Finding::subject).isEqualTo("mx1.example.test [192.0.2.1]:25");
    }
}
