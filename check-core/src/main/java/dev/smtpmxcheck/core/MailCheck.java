package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.report.CheckReport;

/**
 * The one entry point of the front ends: checks where a domain's mail goes and whether each mail host
 * takes it safely (MX → per-address SMTP probe → STARTTLS → certificate → relay probe → findings → state).
 */
public final class MailCheck {
    private MailCheck() {}

    /**
     * Checks a domain through its MX records (or implicit MX).
     *
     * @param domain the domain as the user typed it (Unicode or A-labels)
     * @param options how to check
     * @return the report; never null, never throws for DNS or network trouble
     * @throws IllegalArgumentException when {@code domain} is not a valid domain name (one-line message)
     */
    public static CheckReport check(String domain, CheckOptions options) {
        throw new UnsupportedOperationException("TODO: orchestrator");
    }

    /**
     * Checks one mail host directly, without an MX lookup (check_smtp_mx -H).
     *
     * @param host host name or IP literal
     * @param options how to check
     * @throws IllegalArgumentException when {@code host} is not a valid host name or IP literal
     */
    public static CheckReport checkHost(String host, CheckOptions options) {
        throw new UnsupportedOperationException("TODO: orchestrator");
    }
}
