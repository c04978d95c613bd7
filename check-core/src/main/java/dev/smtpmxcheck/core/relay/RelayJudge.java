package dev.smtpmxcheck.core.relay;

import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what the replies to an open-relay attempt mean (RFC 5321 §3.9, RFC 3463 §3). Pure: no I/O.
 *
 * <ul>
 *   <li>MAIL FROM refused (4xx or 5xx, even 5.7.x): {@link RelayVerdict#INCONCLUSIVE}; the reverse-path was refused
 *       before relaying could be tested.</li>
 *   <li>RCPT TO accepted (2xx): {@link RelayVerdict#OPEN}.</li>
 *   <li>RCPT TO 4xx: INCONCLUSIVE (greylisting, rate limits), never "refused".</li>
 *   <li>RCPT TO 5xx about the recipient's domain (5.1.2 bad destination system, 5.1.10 null MX, 5.4.4 unable to
 *       route): INCONCLUSIVE, the relay-test address's domain has no working MX.</li>
 *   <li>RCPT TO 5xx about the sender (5.1.7, 5.1.8, or Postfix's "Sender address rejected", which Postfix reports at
 *       RCPT because of smtpd_delay_reject): INCONCLUSIVE.</li>
 *   <li>Any other RCPT TO 5xx (5.7.x policy, 5.1.1, 5.0.0, 5.5.x, or no enhanced code): {@link RelayVerdict#REFUSED}.</li>
 * </ul>
 */
public final class RelayJudge {
    /** Enhanced codes that say the forward-path's domain cannot be routed to (RFC 3463 §3.2, §3.5; RFC 7505 §4.3). */
    static final Set<String> RECIPIENT_DOMAIN_CODES = Set.of("5.1.2", "5.1.10", "5.4.4");

    /** Enhanced codes about the reverse-path (RFC 3463 §3.2). */
    static final Set<String> SENDER_CODES = Set.of("5.1.7", "5.1.8", "5.7.27"); // 5.7.27: sender domain has a null MX (RFC 7505 §4.2)

    private RelayJudge() {}

    /**
     * @param reversePath the address sent in MAIL FROM
     * @param forwardPath the address sent in RCPT TO
     * @param mailReply the reply to MAIL FROM
     * @param rcptReply the reply to RCPT TO, or null when RCPT was not sent (MAIL refused)
     * @return the facts with verdict and a one-sentence reason
     */
    public static RelayFacts judge(String reversePath, String forwardPath, SmtpReply mailReply, SmtpReply rcptReply) {
        Objects.requireNonNull(mailReply, "mailReply");
        if (!mailReply.positive()) {
            String why = mailReply.transientNegative()
                    ? "MAIL FROM was refused temporarily (greylisting, rate limit or a check of the sender)"
                    : "MAIL FROM was refused, so relaying could not be tested (a refused sender is not proof of a closed relay)";
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.INCONCLUSIVE, why);
        }
        if (rcptReply == null) {
            return facts(reversePath, forwardPath, mailReply, null, RelayVerdict.INCONCLUSIVE,
                    "RCPT TO was not answered");
        }
        if (rcptReply.positive()) {
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.OPEN,
                    "the server accepted an outside recipient from an outside sender without authentication");
        }
        if (rcptReply.transientNegative()) {
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.INCONCLUSIVE,
                    "RCPT TO was refused temporarily (greylisting or rate limiting); this says nothing about relaying");
        }
        if (!rcptReply.permanentNegative()) {
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.INCONCLUSIVE,
                    "RCPT TO got an unexpected " + rcptReply.code() + " reply");
        }
        String enhanced = rcptReply.enhancedCode();
        String text = String.join(" ", rcptReply.lines()).toLowerCase(Locale.ROOT);
        if (enhanced != null && RECIPIENT_DOMAIN_CODES.contains(enhanced)) {
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.INCONCLUSIVE,
                    "the server refused the recipient's domain itself (" + enhanced + "), not the relaying; configure a"
                            + " relay-test address whose domain has working MX records");
        }
        if (enhanced != null && SENDER_CODES.contains(enhanced) || text.contains("sender address rejected")) {
            return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.INCONCLUSIVE,
                    "the server refused the sender address, so relaying could not be tested");
        }
        return facts(reversePath, forwardPath, mailReply, rcptReply, RelayVerdict.REFUSED,
                "the server refused to relay to an outside recipient");
    }

    private static RelayFacts facts(String from, String to, SmtpReply mail, SmtpReply rcpt, RelayVerdict verdict,
            String reason) {
        return new RelayFacts(from, to, mail, rcpt, verdict, reason);
    }
}
