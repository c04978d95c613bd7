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
 */
public record ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe,
        String relayFrom, String relayTo, boolean relayVariants, String relayDomain, boolean starttlsInjection) {

    /** Settings without relay variants and without the STARTTLS injection test. */
    public ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe, String relayFrom,
            String relayTo) {
        this(port, stageTimeout, ehloName, relayProbe, relayFrom, relayTo, false, null, false);
    }
}
