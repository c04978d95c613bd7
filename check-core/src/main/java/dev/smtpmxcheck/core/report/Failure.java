package dev.smtpmxcheck.core.report;

import java.util.Objects;

/**
 * Why a stage of the probe failed, classified once where the exception or the reply was seen.
 *
 * @param stage the stage that failed, or null when the probe of the address as a whole did not return (it ran past
 *     the overall deadline, or failed with an internal error)
 * @param reason the kind of failure; judges decide on it
 * @param reply the reply that ended the stage when {@code reason} is {@link FailureReason#REJECTED_BY_REPLY}, else null
 * @param detail what went wrong, in words for people ("connection refused", "no complete reply within 10 s"); never
 *     read by a judge
 */
public record Failure(ProbeStage stage, FailureReason reason, SmtpReply reply, String detail) {

    public Failure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if ((reason == FailureReason.REJECTED_BY_REPLY) != (reply != null)) {
            throw new IllegalArgumentException("a reply goes with REJECTED_BY_REPLY and only with it: " + reason);
        }
    }

    /** A failure other than a refusing reply. */
    public static Failure of(ProbeStage stage, FailureReason reason, String detail) {
        return new Failure(stage, reason, null, detail);
    }

    /** A stage ended by the server's {@code reply} (a non-2xx greeting, a refused EHLO, a 421). */
    public static Failure rejected(ProbeStage stage, SmtpReply reply, String detail) {
        return new Failure(stage, FailureReason.REJECTED_BY_REPLY, reply, detail);
    }

    /** True when the reason is a timeout: a stage's own timeout or the overall deadline. */
    public boolean timedOut() {
        return reason == FailureReason.TIMEOUT || reason == FailureReason.DEADLINE;
    }
}
