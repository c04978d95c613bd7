package dev.smtpmxcheck.core.report;

/**
 * The classic address forms of open-relay testers, each tried as its own MAIL FROM / RCPT TO pair (RFC 5321 §3.6,
 * RFC 2505 §2, RFC 1123 §5.2.16). The first four vary the reverse-path a relay might trust; the last five hide the
 * outside recipient in a forward-path that names the server itself. The names are stable: JSON keys on them.
 */
public enum RelayVariant {
    /** {@code MAIL FROM:<>}: the null reverse-path of bounces (RFC 5321 §4.5.5). */
    NULL_SENDER("null reverse-path"),
    /** A sender in the checked domain, which a relay might trust as "local". */
    SENDER_IN_DOMAIN("sender in the checked domain"),
    /** A sender at the MX host's own name. */
    SENDER_AT_HOST("sender at the server's own name"),
    /** A sender at the server's address literal ({@code user@[192.0.2.1]}, RFC 5321 §4.1.3). */
    SENDER_AT_IP_LITERAL("sender at the server's IP literal"),
    /** {@code user%outside@[ip]}: the "percent hack", relaying through the local part (RFC 1123 §5.2.16). */
    PERCENT_HACK("percent hack"),
    /** {@code "user@outside"@[ip]}: a quoted local part holding an "@" (RFC 5321 §4.1.2 Quoted-string). */
    QUOTED_LOCAL_PART("quoted local part with @"),
    /** {@code user@outside@[ip]}: two "@" signs, which lax parsers split at the last one. */
    DOUBLE_AT("double @"),
    /** {@code @[ip]:user@outside}: a source route (RFC 5321 §4.1.1.3, Appendix C: to be ignored by servers). */
    SOURCE_ROUTE("source route"),
    /** {@code outside!user}: a UUCP bang path. */
    BANG_PATH("bang path");

    private final String description;

    RelayVariant(String description) {
        this.description = description;
    }

    /** The form in words, for messages: "percent hack". */
    public String description() {
        return description;
    }
}
