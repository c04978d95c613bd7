package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.MxHost;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.testing.MxReports;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeoutJudgeTest {
    private static final String MX = "mx.example.com";

    private static AddressReport failedAt(String address, ProbeStage stage, FailureReason reason) {
        Failure f = Failure.of(stage, reason, "whatever the words say");
        AddressReport.Builder b = AddressReport.builder(address, 25);
        if (stage == ProbeStage.CONNECT) {
            b.connect(Outcome.failed(f));
        } else {
            b.connected(1).tls(Outcome.failed(f));
        }
        return b.build();
    }

    private static TimeoutJudge judge(AddressReport a) {
        return new TimeoutJudge(List.of(MxReports.mx(MX, 10, a)), List.of());
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CONNECT       | TIMEOUT     | MX_UNREACHABLE       | true
            CONNECT       | REFUSED     | MX_UNREACHABLE       | false
            CONNECT       | UNREACHABLE | MX_UNREACHABLE       | false
            TLS_HANDSHAKE | TIMEOUT     | TLS_HANDSHAKE_FAILED | true
            TLS_HANDSHAKE | DEADLINE    | TLS_HANDSHAKE_FAILED | true
            TLS_HANDSHAKE | TLS_ALERT   | TLS_HANDSHAKE_FAILED | false
            """)
    void anAddressFindingIsATimeoutWhenItsFailureTimedOut(ProbeStage stage, FailureReason reason, FindingCode code,
            boolean timeout) {
        AddressReport a = failedAt("192.0.2.1", stage, reason);
        // The words are the same either way: only the typed reason decides.
        Finding f = Finding.of(code, Subjects.address(MX, "192.0.2.1", 25), "connect timed out after 10 s");

        assertThat(judge(a).isTimeout(f)).isEqualTo(timeout);
    }

    @Test
    void timeoutCodesAreTimeoutsWhateverTheirWords() {
        TimeoutJudge judge = judge(failedAt("192.0.2.1", ProbeStage.CONNECT, FailureReason.REFUSED));

        assertThat(judge.isTimeout(Finding.of(FindingCode.SMTP_TIMEOUT, "x", "anything"))).isTrue();
        assertThat(judge.isTimeout(Finding.of(FindingCode.DNS_TIMEOUT, "x", "anything"))).isTrue();
        assertThat(judge.isTimeout(Finding.of(FindingCode.OPEN_RELAY, "x", "accepted within 1 s"))).isFalse();
    }

    @Test
    void aHostWithoutAddressIsATimeoutWhenItsLookupTimedOut() {
        MxHost timedOut = new MxHost(MX, 10, List.of(), List.of(), false, "timeout", DnsFailure.TIMEOUT);
        MxHost missing = new MxHost("mx2.example.com", 20, List.of(), List.of(), false, "NXDOMAIN",
                DnsFailure.NXDOMAIN);
        TimeoutJudge judge = new TimeoutJudge(List.of(), List.of(timedOut, missing));

        assertThat(judge.isTimeout(Finding.of(FindingCode.MX_HOST_NO_ADDRESS, MX, "no address: NXDOMAIN"))).isTrue();
        assertThat(judge.isTimeout(Finding.of(FindingCode.MX_HOST_NO_ADDRESS, "mx2.example.com",
                "no address: timeout"))).isFalse();
    }

    @Test
    void criticalAndWarningTimeoutsTakeTheChosenState() {
        TimeoutJudge judge = judge(failedAt("192.0.2.1", ProbeStage.CONNECT, FailureReason.TIMEOUT));
        Finding critical = Finding.of(FindingCode.SMTP_TIMEOUT, "x", "no greeting");
        // WARNING by reachability: another address of the domain takes mail. Still a timeout.
        Finding warning = Finding.of(FindingCode.SMTP_TIMEOUT, Severity.WARNING, "x", "no reply to RCPT TO");
        Finding info = Finding.of(FindingCode.SMTP_TIMEOUT, Severity.INFO, "x", "no reply to QUIT");
        Finding other = Finding.of(FindingCode.OPEN_RELAY, "x", "accepted");

        List<Finding> chosen = judge.apply(List.of(critical, warning, info, other), Severity.UNKNOWN);

        assertThat(chosen).extracting(Finding::severity).containsExactly(Severity.UNKNOWN, Severity.UNKNOWN,
                Severity.INFO, other.severity());
    }
}
