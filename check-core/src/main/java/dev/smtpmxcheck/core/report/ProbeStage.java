package dev.smtpmxcheck.core.report;

/** The stages of the SMTP probe of one address, in the order they run. */
public enum ProbeStage {
    /** TCP connection to the SMTP port. */
    CONNECT,
    /** Waiting for the 220 greeting (RFC 5321 §4.3.2). */
    GREETING,
    /** EHLO, or HELO as a fallback (RFC 5321 §4.1.1.1). */
    EHLO,
    /** The STARTTLS command (RFC 3207 §4). */
    STARTTLS,
    /** The TLS handshake after a 220 reply to STARTTLS. */
    TLS_HANDSHAKE,
    /** EHLO again inside TLS (RFC 3207 §4.2). */
    EHLO_AFTER_TLS,
    /** MAIL FROM / RCPT TO of the open-relay probe, then RSET. */
    RELAY_PROBE,
    /** MAIL FROM / RCPT TO:&lt;postmaster@domain&gt; of the postmaster probe, then RSET (RFC 5321 §4.5.1). */
    POSTMASTER_PROBE,
    /** QUIT. */
    QUIT
}
