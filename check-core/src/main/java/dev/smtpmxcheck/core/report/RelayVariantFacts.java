package dev.smtpmxcheck.core.report;

/**
 * One relay-variant attempt: MAIL FROM, RCPT TO (when MAIL was accepted), then RSET; never DATA.
 *
 * @param variant which address form was tried
 * @param reversePath the address sent in MAIL FROM ("" for the null reverse-path)
 * @param forwardPath the address sent in RCPT TO
 * @param mailReply the reply to MAIL FROM, or null when the attempt was not made (no time left, connection closed)
 * @param rcptReply the reply to RCPT TO, or null when it was not sent
 * @param verdict {@link RelayVerdict#OPEN} when the recipient was accepted (2xx)
 * @param reason one sentence explaining the verdict
 */
public record RelayVariantFacts(
        RelayVariant variant,
        String reversePath,
        String forwardPath,
        SmtpReply mailReply,
        SmtpReply rcptReply,
        RelayVerdict verdict,
        String reason) {

    /** True when the server accepted the recipient of this form. */
    public boolean accepted() {
        return verdict == RelayVerdict.OPEN;
    }
}
