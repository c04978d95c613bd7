package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.smtp.TimingFindings.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingFindingsTest {
    private static final String SUBJECT = "mx.example.test [192.0.2.1]:25";

    private static AddressReport timed(Long connect, long greeting, long total) {
        return AddressReport.builder("192.0.2.1", 25)
                .connect(connect == null ? Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE) : Outcome.done(connect))
                .greeting(new Greeting(new SmtpReply(220, null, List.of("mx.example.test ESMTP")), greeting, null, null,
                        null))
                .totalMillis(total).build();
    }

    private static Thresholds t(String warning, String critical) {
        return new Thresholds(warning == null ? null : Range.parse(warning), critical == null ? null : Range.parse(critical));
    }

    @Test
    void eachTimeIsJudgedAgainstItsOwnRanges() {
        AddressReport a = timed(1500L, 200, 4000);

        List<Finding> findings = TimingFindings.of(SUBJECT, a, t("1", "2"), t("1", null), t("3", "10"));

        assertThat(findings).extracting(Finding::code).containsOnly(FindingCode.SLOW_RESPONSE);
        assertThat(findings).extracting(Finding::severity, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "connect after 1.500 s (warning range 1)"),
                org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "total after 4.000 s (warning range 3)"));
    }

    @Test
    void criticalWinsOverWarningForTheSameTime() {
        List<Finding> findings = TimingFindings.of(SUBJECT, timed(5L, 7000, 7100), Thresholds.NONE, t("2", "5"),
                Thresholds.NONE);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).isEqualTo("greeting after 7.000 s (critical range 5)");
        });
    }

    @Test
    void insideRangesAlertInsideAndNoThresholdsNeverAlert() {
        AddressReport a = timed(10L, 100, 300);

        assertThat(TimingFindings.of(SUBJECT, a, Thresholds.NONE, Thresholds.NONE, Thresholds.NONE)).isEmpty();
        assertThat(TimingFindings.of(SUBJECT, a, t("@0:0.05", null), Thresholds.NONE, Thresholds.NONE))
                .singleElement().extracting(Finding::message).isEqualTo("connect after 0.010 s (warning range @0:0.05)");
    }

    @Test
    void anAddressThatNeverConnectedHasNoTimingFindings() {
        AddressReport failed = AddressReport.builder("192.0.2.1", 25)
                .connect(Outcome.failed(Failure.of(ProbeStage.CONNECT, FailureReason.REFUSED, "refused")))
                .totalMillis(12000).build();

        assertThat(TimingFindings.of(SUBJECT, failed, t("1", "2"), t("1", "2"), t("1", "2"))).isEmpty();
    }
}
