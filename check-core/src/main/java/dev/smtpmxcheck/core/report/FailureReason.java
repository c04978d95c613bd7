package dev.smtpmxcheck.core.report;

/** The closed set of ways a probe stage can fail. */
public enum FailureReason {
    /** No answer within the stage timeout (a socket read or connect timed out). */
    TIMEOUT,
    /** The overall deadline passed: before the stage started, or while it waited. */
    DEADLINE,
    /** The TCP connection was refused (RST to our SYN). */
    REFUSED,
    /** No route to the address, or another network error before a connection existed. */
    UNREACHABLE,
    /** The server closed or reset the connection while we waited. */
    CLOSED,
    /** The server broke the protocol: a malformed reply, plain text where TLS should start. */
    PROTOCOL,
    /** The TLS handshake failed: an alert, no common version or suite, a broken record. */
    TLS_ALERT,
    /** The server answered with a reply that ends the stage (kept in {@link Failure#reply()}). */
    REJECTED_BY_REPLY,
    /** A DNS query answered with an error RCODE (SERVFAIL, REFUSED) or no usable answer. */
    DNS_RCODE,
    /** A fault of this program, not of the server. */
    INTERNAL
}
