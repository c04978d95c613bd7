package dev.smtpmxcheck.core.report;

import java.util.Objects;

/**
 * The postmaster probe of one address: MAIL FROM the probe's reverse-path, RCPT TO {@code postmaster@} the checked
 * domain, then RSET. Every domain must accept mail for its postmaster (RFC 5321 §4.5.1), so the reply to RCPT TO says
 * whether this MX takes mail for the domain at all. No DATA is ever sent.
 *
 * @param reversePath the address given in MAIL FROM
 * @param forwardPath the address given in RCPT TO ({@code postmaster@domain})
 * @param mailReply the reply to MAIL FROM, never null
 * @param rcptReply the reply to RCPT TO, or null when MAIL FROM was refused
 * @param verdict what the replies mean
 */
public record PostmasterFacts(String reversePath, String forwardPath, SmtpReply mailReply, SmtpReply rcptReply,
        PostmasterVerdict verdict) {

    public PostmasterFacts {
        Objects.requireNonNull(mailReply, "mailReply");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * Judges the replies (pure).
     *
     * @param reversePath the address sent in MAIL FROM
     * @param forwardPath the address sent in RCPT TO
     * @param mailReply the reply to MAIL FROM
     * @param rcptReply the reply to RCPT TO, or null when RCPT was not sent
     * @return ACCEPTED for a 2xx to RCPT TO, REFUSED for a 5xx, INCONCLUSIVE otherwise
     */
    public static PostmasterFacts judge(String reversePath, String forwardPath, SmtpReply mailReply,
            SmtpReply rcptReply) {
        PostmasterVerdict verdict = !mailReply.positive() || rcptReply == null ? PostmasterVerdict.INCONCLUSIVE
                : rcptReply.positive() ? PostmasterVerdict.ACCEPTED
                : rcptReply.permanentNegative() ? PostmasterVerdict.REFUSED
                : PostmasterVerdict.INCONCLUSIVE;
        return new PostmasterFacts(reversePath, forwardPath, mailReply, rcptReply, verdict);
    }
}
