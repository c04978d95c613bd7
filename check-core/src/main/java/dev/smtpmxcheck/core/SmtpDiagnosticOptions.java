package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.report.Range;

/**
 * The deeper SMTP diagnostics (relay variants, STARTTLS injection test) and the timing thresholds beyond the
 * greeting: one component of {@link CheckOptions}.
 *
 * @param relayVariants run the relay variants ({@link dev.smtpmxcheck.core.report.RelayVariant}) after the basic relay
 *     probe, on the same connection: nine more MAIL/RCPT/RSET exchanges (up to 27 round trips) per address; opt-in
 * @param starttlsInjection run the STARTTLS command-injection test (CVE-2011-0411) on a second connection to every
 *     address that negotiated TLS: one more connect, greeting, EHLO, STARTTLS, handshake and QUIT; opt-in (a check that runs every few
 *     minutes should not double its connections unasked)
 * @param connectTimeWarning range (seconds) for the TCP connect time
 *     ({@link dev.smtpmxcheck.core.report.AddressReport#connectMillis()}); null for none
 * @param connectTimeCritical likewise for CRITICAL; null for none
 * @param totalTimeWarning range (seconds) for the total time of the main dialogue of one address, from the start of
 *     the connect to the end of QUIT ({@link dev.smtpmxcheck.core.report.AddressReport#totalMillis()}); null for none
 * @param totalTimeCritical likewise for CRITICAL; null for none
 */
public record SmtpDiagnosticOptions(
        boolean relayVariants,
        boolean starttlsInjection,
        Range connectTimeWarning,
        Range connectTimeCritical,
        Range totalTimeWarning,
        Range totalTimeCritical) {

    /** Relay variants off, STARTTLS injection test off, no connect or total time thresholds. */
    public static SmtpDiagnosticOptions defaults() {
        return new SmtpDiagnosticOptions(false, false, null, null, null, null);
    }

    /** This with the relay variants on or off. */
    public SmtpDiagnosticOptions withRelayVariants(boolean on) {
        return new SmtpDiagnosticOptions(on, starttlsInjection, connectTimeWarning, connectTimeCritical,
                totalTimeWarning, totalTimeCritical);
    }

    /** This with the STARTTLS injection test on or off. */
    public SmtpDiagnosticOptions withStartTlsInjection(boolean on) {
        return new SmtpDiagnosticOptions(relayVariants, on, connectTimeWarning, connectTimeCritical, totalTimeWarning,
                totalTimeCritical);
    }

    /** This with the connect-time ranges (seconds), null for none. */
    public SmtpDiagnosticOptions withConnectTime(Range warning, Range critical) {
        return new SmtpDiagnosticOptions(relayVariants, starttlsInjection, warning, critical, totalTimeWarning,
                totalTimeCritical);
    }

    /** This with the total-time ranges (seconds), null for none. */
    public SmtpDiagnosticOptions withTotalTime(Range warning, Range critical) {
        return new SmtpDiagnosticOptions(relayVariants, starttlsInjection, connectTimeWarning, connectTimeCritical,
                warning, critical);
    }
}
