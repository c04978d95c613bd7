package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.testing.MxReports;
import dev.smtpmxcheck.core.testing.Reports;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortBlockedJudgeTest {

    private static List<MxReport> hosts(AddressReport... addresses) {
        return List.of(MxReports.mx("mx.example.com", 10, addresses));
    }

    @Test
    void everyConnectTimedOutIsSuspectedEgressBlocking() {
        List<Finding> findings = PortBlockedJudge.judge(hosts(
                Reports.unreachable("192.0.2.1", FailureReason.TIMEOUT, "connect timed out after 10 s"),
                Reports.unreachable("192.0.2.2", FailureReason.TIMEOUT, "connect timed out after 10 s")));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.OUTBOUND_PORT25_BLOCKED_SUSPECTED);
            assertThat(f.message()).isEqualTo("all 2 connections to port 25 timed out and none was refused");
        });
    }

    @Test
    void oneRefusalOrOneAnswerClearsTheSuspicion() {
        AddressReport timedOut = Reports.unreachable("192.0.2.1", FailureReason.TIMEOUT, "timed out");

        assertThat(PortBlockedJudge.judge(hosts(timedOut,
                Reports.unreachable("192.0.2.2", FailureReason.REFUSED, "timed out")))).isEmpty();
        assertThat(PortBlockedJudge.judge(hosts(timedOut, Reports.accepting("192.0.2.3")))).isEmpty();
        assertThat(PortBlockedJudge.judge(hosts())).isEmpty();
    }
}
