package dev.smtpmxcheck.core.report;

/**
 * The finding code of a failed probe stage: a pure function of the stage, the reason and the reply, never of the
 * failure's words.
 *
 * <ul>
 *   <li>Greeting: any 4xx (421, 451) → {@link FindingCode#GREETING_TEMPORARY_FAILURE}, a temporary refusal (RFC 5321
 *       §4.2.1, §3.8); 554 → {@link FindingCode#GREETING_REJECTED}; another non-220 →
 *       {@link FindingCode#GREETING_UNEXPECTED} (RFC 5321 §4.3.2).</li>
 *   <li>A 421 after the greeting (to EHLO, STARTTLS, EHLO after STARTTLS) → {@link FindingCode#SESSION_TEMPORARY_FAILURE}:
 *       the server closes the channel (RFC 5321 §3.8).</li>
 *   <li>EHLO and HELO refused, or EHLO after STARTTLS refused → {@link FindingCode#HELO_REJECTED}; STARTTLS refused →
 *       {@link FindingCode#STARTTLS_REJECTED}.</li>
 *   <li>Connect: the deadline had passed before it → {@link FindingCode#SMTP_TIMEOUT} (no verdict on the server),
 *       any other failure → {@link FindingCode#MX_UNREACHABLE}.</li>
 *   <li>Any other stage cut off by its stage timeout or the overall deadline, the TLS handshake included →
 *       {@link FindingCode#SMTP_TIMEOUT}: the server did not finish in time, which says nothing of its TLS
 *       configuration.</li>
 *   <li>TLS handshake, for any other reason (an alert, a closed connection, plain text after the 220) →
 *       {@link FindingCode#TLS_HANDSHAKE_FAILED}.</li>
 *   <li>Otherwise: protocol → {@link
 *       FindingCode#SMTP_PROTOCOL_ERROR}, internal → {@link FindingCode#INTERNAL_ERROR}, anything else →
 *       {@link FindingCode#SMTP_CONNECTION_LOST}.</li>
 * </ul>
 */
public final class FailureJudge {
    private FailureJudge() {}

    /** The finding code that describes {@code failure}. */
    public static FindingCode code(Failure failure) {
        ProbeStage stage = failure.stage();
        if (failure.reason() == FailureReason.INTERNAL) {
            return FindingCode.INTERNAL_ERROR;
        }
        if (failure.reason() == FailureReason.REJECTED_BY_REPLY) {
            int code = failure.reply().code();
            if (stage == ProbeStage.GREETING) {
                if (failure.reply().transientNegative()) {
                    return FindingCode.GREETING_TEMPORARY_FAILURE;
                }
                return code == 554 ? FindingCode.GREETING_REJECTED : FindingCode.GREETING_UNEXPECTED;
            }
            if (code == 421) {
                return FindingCode.SESSION_TEMPORARY_FAILURE;
            }
            if (stage == ProbeStage.STARTTLS) {
                return FindingCode.STARTTLS_REJECTED;
            }
            return FindingCode.HELO_REJECTED;
        }
        if (stage == ProbeStage.CONNECT) {
            return failure.reason() == FailureReason.DEADLINE ? FindingCode.SMTP_TIMEOUT : FindingCode.MX_UNREACHABLE;
        }
        if (failure.timedOut()) {
            return FindingCode.SMTP_TIMEOUT;
        }
        if (stage == ProbeStage.TLS_HANDSHAKE) {
            return FindingCode.TLS_HANDSHAKE_FAILED;
        }
        if (failure.reason() == FailureReason.PROTOCOL) {
            return FindingCode.SMTP_PROTOCOL_ERROR;
        }
        return FindingCode.SMTP_CONNECTION_LOST;
    }

    /**
     * True when {@code failure} ended the dialogue with the address. A STARTTLS refused with anything but 421 does
     * not: the session goes on in plain text (RFC 3207 §4), and the refusal is a finding of its own.
     */
    public static boolean endsDialogue(Failure failure) {
        return !(failure.stage() == ProbeStage.STARTTLS && failure.reason() == FailureReason.REJECTED_BY_REPLY
                && failure.reply().code() != 421);
    }

    /**
     * True when the server closed the channel with 421 (RFC 5321 §3.8), or refused the session temporarily with a 4xx
     * greeting: no sender gets a message through now.
     */
    public static boolean closedWith421(Failure failure) {
        return failure.reason() == FailureReason.REJECTED_BY_REPLY && (failure.reply().code() == 421
                || failure.stage() == ProbeStage.GREETING && failure.reply().transientNegative());
    }
}
