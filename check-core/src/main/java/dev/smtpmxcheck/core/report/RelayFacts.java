package dev.smtpmxcheck.core.report;

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
 */
public record RelayFacts(
        String reversePath,
        String forwardPath,
        SmtpReply mailReply,
        SmtpReply rcptReply,
        RelayVerdict verdict,
        String reason) {}
