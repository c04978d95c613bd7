package dev.smtpmxcheck.core.report;

/**
 * Why one class of sender would not deliver to an MX address: one reason, the first the sender meets in the order
 * of the dialogue. Renderers choose their words from it ({@link #text()}).
 */
public enum DeliveryReason {
    /** The address takes no session: no connection, no 220 greeting, EHLO and HELO refused, or a 421. */
    NO_SESSION("no SMTP session"),
    /**
     * The address takes sessions but no mail for the domain: it refuses the reverse-path of an unauthenticated
     * sender at MAIL FROM, or the domain's postmaster at RCPT TO (RFC 5321 §4.5.1).
     */
    MAIL_REFUSED("refuses mail for the domain"),
    /** The MX host is not listed in the domain's MTA-STS policy (RFC 8461 §4.1). */
    MX_NOT_IN_POLICY("not listed in the MTA-STS policy"),
    /** The MX host's TLSA records fail DNSSEC validation (RFC 7672 §2.2.2). */
    TLSA_BOGUS("TLSA records fail DNSSEC validation"),
    /** STARTTLS is not offered or not negotiated, where the sender demands TLS (RFC 8461 §4.2, RFC 7672 §2.2). */
    NO_TLS("no STARTTLS"),
    /**
     * STARTTLS was accepted but the TLS handshake failed. Senders that demand TLS do not retry in plain text (RFC 8461
     * §5, RFC 7672 §2.2); opportunistic senders do, so for them it is the reason only when the probe's own plain-text
     * retry got no reply to MAIL FROM.
     */
    TLS_FAILED("TLS handshake failed"),
    /** The certificate chain is self-signed, incomplete or leads to no trusted CA (RFC 8461 §4.2). */
    CERT_UNTRUSTED("certificate not trusted"),
    /** The certificate does not name the MX host in its subject alternative names (RFC 8461 §4.2, RFC 6125). */
    CERT_NAME_MISMATCH("certificate does not name the MX host"),
    /** A certificate of the validated path has expired or is not valid yet (RFC 5280 §4.1.2.5). */
    CERT_EXPIRED("certificate expired or not yet valid"),
    /** No usable TLSA record matches the presented chain (RFC 7672 §3). */
    TLSA_MISMATCH("no TLSA record matches the certificate"),
    /** The chain could not be compared with the TLSA records. */
    TLSA_NOT_COMPARED("chain not compared with the TLSA records");

    private final String text;

    DeliveryReason(String text) {
        this.text = text;
    }

    /** The reason in words for the status line: "certificate expired or not yet valid". */
    public String text() {
        return text;
    }
}
