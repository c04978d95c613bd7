package dev.smtpmxcheck.core.report;

/** The outcome of the open-relay probe (RFC 5321 §3.6, RFC 2505 §2). */
public enum RelayVerdict {
    /** RCPT TO an outside recipient was accepted (2xx): the server relays. */
    OPEN,
    /** The server refused to relay (5xx for the recipient, policy or unspecified status). */
    REFUSED,
    /** 4xx (greylisting, rate limits) or a refusal about the recipient's own domain: says nothing about relaying. */
    INCONCLUSIVE
}
