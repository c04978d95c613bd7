package dev.smtpmxcheck.core.report;

/** The outcome of the STARTTLS command-injection test (CVE-2011-0411; RFC 3207 §4.2). */
public enum StartTlsInjectionVerdict {
    /** After the handshake the server answered the command sent in plain text before it: commands can be injected. */
    VULNERABLE,
    /** The first reply inside TLS answered our own command (or the server closed): the plain-text command was dropped. */
    NOT_VULNERABLE,
    /** The test could not decide (STARTTLS refused, handshake failed, no time left, an unexpected reply). */
    INCONCLUSIVE
}
