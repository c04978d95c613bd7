package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureJudgeTest {

    private static SmtpReply reply(int code) {
        return new SmtpReply(code, null, List.of("words that no judge reads"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CONNECT        | TIMEOUT     | MX_UNREACHABLE
            CONNECT        | REFUSED     | MX_UNREACHABLE
            CONNECT        | UNREACHABLE | MX_UNREACHABLE
            CONNECT        | DEADLINE    | SMTP_TIMEOUT
            GREETING       | TIMEOUT     | SMTP_TIMEOUT
            EHLO           | DEADLINE    | SMTP_TIMEOUT
            EHLO           | CLOSED      | SMTP_CONNECTION_LOST
            STARTTLS       | PROTOCOL    | SMTP_PROTOCOL_ERROR
            TLS_HANDSHAKE  | TLS_ALERT   | TLS_HANDSHAKE_FAILED
            TLS_HANDSHAKE  | TIMEOUT     | SMTP_TIMEOUT
            TLS_HANDSHAKE  | DEADLINE    | SMTP_TIMEOUT
            TLS_HANDSHAKE  | CLOSED      | TLS_HANDSHAKE_FAILED
            TLS_HANDSHAKE  | PROTOCOL    | TLS_HANDSHAKE_FAILED
            RELAY_PROBE    | CLOSED      | SMTP_CONNECTION_LOST
            RELAY_PROBE    | INTERNAL    | INTERNAL_ERROR
            """)
    void aFailureWithoutReplyGetsItsCodeFromStageAndReason(ProbeStage stage, FailureReason reason, FindingCode code) {
        assertThat(FailureJudge.code(Failure.of(stage, reason, "any words"))).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GREETING       | 421 | GREETING_TEMPORARY_FAILURE
            GREETING       | 554 | GREETING_REJECTED
            GREETING       | 520 | GREETING_UNEXPECTED
            GREETING       | 451 | GREETING_TEMPORARY_FAILURE
            GREETING       | 450 | GREETING_TEMPORARY_FAILURE
            EHLO           | 421 | SESSION_TEMPORARY_FAILURE
            EHLO_AFTER_TLS | 421 | SESSION_TEMPORARY_FAILURE
            EHLO           | 550 | HELO_REJECTED
            STARTTLS       | 421 | SESSION_TEMPORARY_FAILURE
            STARTTLS       | 454 | STARTTLS_REJECTED
            EHLO_AFTER_TLS | 500 | HELO_REJECTED
            """)
    void aRefusingReplyGetsItsCodeFromStageAndReplyCode(ProbeStage stage, int code, FindingCode expected) {
        assertThat(FailureJudge.code(Failure.rejected(stage, reply(code), "any words"))).isEqualTo(expected);
    }

    @Test
    void theWholeProbeGivenUpIsATimeoutOrAnInternalError() {
        assertThat(FailureJudge.code(Failure.of(null, FailureReason.DEADLINE, "did not finish")))
                .isEqualTo(FindingCode.SMTP_TIMEOUT);
        assertThat(FailureJudge.code(Failure.of(null, FailureReason.INTERNAL, "interrupted")))
                .isEqualTo(FindingCode.INTERNAL_ERROR);
    }

    @Test
    void aRefusedStartTlsDoesNotEndTheDialogueButA421Does() {
        AddressReport refused = AddressReport.builder("192.0.2.1", 25).connected(1)
                .greeting(new Greeting(reply(220), 1, null, null, null))
                .ehlo(Ehlo.ehlo(reply(250), List.of(new EhloKeyword("STARTTLS", List.of()))))
                .tls(Outcome.failed(Failure.rejected(ProbeStage.STARTTLS, reply(454), "STARTTLS refused")))
                .build();
        AddressReport closing = refused.toBuilder()
                .tls(Outcome.failed(Failure.rejected(ProbeStage.STARTTLS, reply(421), "answered 421")))
                .build();

        assertThat(refused.failure()).isEmpty();
        assertThat(refused.acceptsSessions()).isTrue();
        assertThat(closing.failureCode()).contains(FindingCode.SESSION_TEMPORARY_FAILURE);
        assertThat(closing.failedStage()).contains(ProbeStage.STARTTLS);
        assertThat(closing.acceptsSessions()).isFalse();
    }

    @Test
    void theFailureOfAReportIsItsFirstFailedStage() {
        AddressReport a = AddressReport.builder("192.0.2.1", 25).connected(1)
                .greeting(Outcome.failed(Failure.of(ProbeStage.GREETING, FailureReason.TIMEOUT, "no greeting")))
                .relay(Outcome.failed(Failure.of(ProbeStage.RELAY_PROBE, FailureReason.CLOSED, "later")))
                .build();

        assertThat(a.failedStage()).contains(ProbeStage.GREETING);
        assertThat(a.failure()).get().matches(Failure::timedOut);
        assertThat(a.acceptsSessions()).isFalse();
    }

    @Test
    void aReplyGoesWithRejectedByReplyOnly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Failure(ProbeStage.EHLO, FailureReason.CLOSED,
                reply(550), "x")).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Failure(ProbeStage.EHLO,
                FailureReason.REJECTED_BY_REPLY, null, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
