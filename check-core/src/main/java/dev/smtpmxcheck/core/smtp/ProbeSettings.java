package dev.smtpmxcheck.core.smtp;

import java.time.Duration;

/**
 * How to probe one address.
 *
 * @param port TCP port (25)
 * @param stageTimeout the longest wait for one stage: connect, one reply, the TLS handshake
 * @param ehloName the name sent with EHLO/HELO (already validated: no CR, LF, NUL or spaces)
 * @param relayProbe whether to run MAIL FROM / RCPT TO with outside addresses
 * @param relayFrom reverse-path of the relay probe
 * @param relayTo forward-path of the relay probe
 * @param relayVariants whether to try the relay variants after the basic relay probe (needs {@code relayProbe})
 * @param relayDomain the checked domain, for the variant with a sender in it; null to leave that variant out
 * @param starttlsInjection whether to run the STARTTLS command-injection test on a second connection
 * @param postmasterTest whether to run the postmaster probe after the relay probe: MAIL FROM {@code relayFrom}, RCPT
 *     TO {@code postmaster@postmasterDomain}, RSET (RFC 5321 §4.5.1)
 * @param postmasterDomain the checked domain whose postmaster is asked for, or null when a host was checked without a
 *     domain (the probe then does not run: {@link dev.smtpmxcheck.core.report.NotRunReason#NO_DOMAIN})
 */
public record ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe,
        String relayFrom, String relayTo, boolean relayVariants, String relayDomain, boolean starttlsInjection,
        boolean postmasterTest, String postmasterDomain) {

    /** Settings without the postmaster probe. */
    public ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe, String relayFrom,
            String relayTo, boolean relayVariants, String relayDomain, boolean starttlsInjection) {
        this(port, stageTimeout, ehloName, relayProbe, relayFrom, relayTo, relayVariants, relayDomain,
                starttlsInjection, false, null);
    }

    /** True when the postmaster probe runs: asked for, with a domain. */
    public boolean runsPostmasterProbe() {
        return postmasterTest && postmasterDomain != null;
    }

    /** Settings without relay variants and without the STARTTLS injection test. */
    public ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe, String relayFrom,
            String relayTo) {
        this(port, stageTimeout, ehloName, relayProbe, relayFrom, relayTo, false, null, false, false, null);
    }
}
