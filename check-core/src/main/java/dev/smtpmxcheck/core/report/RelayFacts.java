package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * One open-relay attempt: MAIL FROM an outside reverse-path, RCPT TO an outside forward-path, then RSET.
 * No DATA is ever sent.
 *
 * @param reversePath the address given in MAIL FROM
 * @param forwardPath the address given in RCPT TO
 * @param mailReply the reply to MAIL FROM
 * @param rcptReply the reply to RCPT TO, or null when MAIL FROM was refused
 * @param verdict what the replies mean
 * @param reason one sentence explaining the verdict
 * @param variants the relay-variant attempts ({@link RelayVariant}) in order, one MAIL/RCPT/RSET each, or null when
 *     they were not run (they are opt-in)
 */
public record RelayFacts(
        String reversePath,
        String forwardPath,
        SmtpReply mailReply,
        SmtpReply rcptReply,
        RelayVerdict verdict,
        String reason,
        List<RelayVariantFacts> variants) {

    public RelayFacts {
        variants = variants == null ? null : List.copyOf(variants);
    }

    /** The basic attempt alone, without relay variants. */
    public RelayFacts(String reversePath, String forwardPath, SmtpReply mailReply, SmtpReply rcptReply,
            RelayVerdict verdict, String reason) {
        this(reversePath, forwardPath, mailReply, rcptReply, verdict, reason, null);
    }

    /** These facts with the relay-variant attempts {@code variants}. */
    public RelayFacts withVariants(List<RelayVariantFacts> variants) {
        return new RelayFacts(reversePath, forwardPath, mailReply, rcptReply, verdict, reason, variants);
    }
}
