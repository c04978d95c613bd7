package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import java.net.InetAddress;
import java.time.Instant;

/**
 * Probes one address of one MX host: connect, greeting, EHLO (HELO fallback), STARTTLS, EHLO again,
 * the open-relay probe, RSET, QUIT. Never sends DATA. Never throws for network trouble: the
 * {@link AddressReport} names the stage that failed.
 */
public final class SmtpProbe {

    public SmtpProbe(ProbeSettings settings, ChainInspector inspector) {
        throw new UnsupportedOperationException("TODO: smtp helper");
    }

    /**
     * Runs the dialogue with {@code address}, using {@code mxName} for SNI and the certificate name check.
     *
     * @param mxName MX host name without trailing dot
     * @param address the address to connect to
     * @param deadline the probe returns by then whatever the server does
     */
    public AddressReport probe(String mxName, InetAddress address, Instant deadline) {
        throw new UnsupportedOperationException("TODO: smtp helper");
    }
}
