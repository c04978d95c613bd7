package dev.smtpmxcheck.core.report;

/**
 * The STARTTLS command-injection test of one address (the CVE-2011-0411 class), run on a connection of its own:
 * {@code STARTTLS} and {@code NOOP} sent in one write before the handshake, then {@code QUIT} inside TLS. A server
 * that keeps the plain-text {@code NOOP} and runs it inside TLS answers 250 before our 221; RFC 3207 §4.2 requires it
 * to discard everything received before the handshake.
 *
 * @param verdict what the replies mean
 * @param injected the command sent after STARTTLS in the same write ("NOOP")
 * @param firstReplyInTls the first reply read inside TLS, or null when none was read
 * @param reason one sentence explaining the verdict
 * @param millis milliseconds the test took, from its connect to its end
 */
public record StartTlsInjectionFacts(
        StartTlsInjectionVerdict verdict,
        String injected,
        SmtpReply firstReplyInTls,
        String reason,
        long millis) {}
