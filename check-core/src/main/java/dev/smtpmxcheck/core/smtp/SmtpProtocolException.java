package dev.smtpmxcheck.core.smtp;

import java.io.IOException;

/**
 * The server sent something that is not an SMTP reply as RFC 5321 §4.2 defines it: a line without a
 * three-digit code, a code that changes inside a multi-line reply, octets outside printable US-ASCII, or a
 * reply beyond the bounds of {@link ReplyReader}. The probe reports it as {@code SMTP_PROTOCOL_ERROR}.
 */
public final class SmtpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, e.g. "reply line longer than 4096 octets" */
    public SmtpProtocolException(String message) {
        super(message);
    }
}
