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
        String reason,
        NotTried notTried) {

    /** One form sent, with the server's replies and what they mean. */
    public static RelayVariantFacts sent(RelayVariant variant, String reversePath, String forwardPath,
            SmtpReply mailReply, SmtpReply rcptReply, RelayVerdict verdict, String reason) {
        return new RelayVariantFacts(variant, reversePath, forwardPath, mailReply, rcptReply, verdict, reason, null);
    }

    /** One form never sent, for {@code why}: INCONCLUSIVE, without replies, its reason "not tried: ...". */
    public static RelayVariantFacts notTried(RelayVariant variant, String reversePath, String forwardPath,
            NotTried why) {
        return new RelayVariantFacts(variant, reversePath, forwardPath, null, null, RelayVerdict.INCONCLUSIVE,
                "not tried: " + why.words(), why);
    }

    /** Why a relay-variant form was never sent. */
    public enum NotTried {
        /** Too little time was left before the deadline. */
        NO_TIME_LEFT("too little time left before the deadline"),
        /** The server had closed the session with 421 (RFC 5321 §3.8). */
        SESSION_CLOSED("the server closed the session (421)"),
        /** The connection failed during an earlier form. */
        CONNECTION_FAILED("the connection failed during the relay variants");

        private final String words;

        NotTried(String words) {
            this.words = words;
        }

        /** The reason in words, for people. */
        public String words() {
            return words;
        }
    }

    /** True when the server accepted the recipient of this form. */
    public boolean accepted() {
        return verdict == RelayVerdict.OPEN;
    }
}
