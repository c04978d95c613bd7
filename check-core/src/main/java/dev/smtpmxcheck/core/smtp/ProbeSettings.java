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
 */
public record ProbeSettings(int port, Duration stageTimeout, String ehloName, boolean relayProbe,
        String relayFrom, String relayTo) {}
