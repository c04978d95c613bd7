package dev.smtpmxcheck.core.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Sends SMTP commands, and is the one place that guarantees the probe can never deliver a message.
 *
 * <p>Only the verbs in {@link #ALLOWED_VERBS} can be sent; {@code DATA} and {@code BDAT} (RFC 3030) are
 * refused explicitly, so no code path can start a message transaction's content. Each command must be printable
 * US-ASCII without CR, LF or NUL (no command injection through an EHLO name or an address) and at most
 * {@link #MAX_COMMAND_OCTETS} octets (RFC 5321 §4.5.3.1.4). Violations throw {@link IllegalArgumentException}
 * before any octet is written.
 */
final class CommandWriter {
    /** The verbs the probe may send (RFC 5321 §4.1.1, RFC 3207). */
    static final Set<String> ALLOWED_VERBS = Set.of("EHLO", "HELO", "STARTTLS", "MAIL", "RCPT", "RSET", "NOOP",
            "QUIT");

    /** Longest command line without CRLF: 510 octets (RFC 5321 §4.5.3.1.4: 512 with CRLF). */
    static final int MAX_COMMAND_OCTETS = 510;

    private final OutputStream out;
    private final Transcript transcript;

    CommandWriter(OutputStream out, Transcript transcript) {
        this.out = out;
        this.transcript = transcript;
    }

    /**
     * Writes {@code command} and CRLF, then flushes.
     *
     * @throws IllegalArgumentException when the command may not be sent (see the class comment)
     * @throws IOException when the connection fails
     */
    void send(String command) throws IOException {
        validate(command);
        transcript.client(command);
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Writes several commands, each with CRLF, in one write and one flush: a pipelined group (RFC 2920 §3.1), used by
     * the STARTTLS injection test to put a command behind STARTTLS in the same segment.
     *
     * @throws IllegalArgumentException when any command may not be sent (checked before any octet is written)
     * @throws IOException when the connection fails
     */
    void sendAll(java.util.List<String> commands) throws IOException {
        StringBuilder group = new StringBuilder();
        for (String command : commands) {
            validate(command);
            group.append(command).append("\r\n");
        }
        for (String command : commands) {
            transcript.client(command);
        }
        out.write(group.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Checks that {@code command} may be sent.
     *
     * @throws IllegalArgumentException naming the problem: a control character, a forbidden or unknown verb, length
     */
    static void validate(String command) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("empty SMTP command");
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("SMTP command contains CR, LF or NUL at index " + i
                        + " (command injection?)");
            }
            if (c < 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException(String.format(
                        "SMTP command contains character U+%04X at index %d: only printable US-ASCII is sent",
                        (int) c, i));
            }
        }
        if (command.length() > MAX_COMMAND_OCTETS) {
            throw new IllegalArgumentException("SMTP command longer than " + MAX_COMMAND_OCTETS + " octets");
        }
        String verb = verb(command);
        if (verb.equals("DATA") || verb.equals("BDAT")) {
            throw new IllegalArgumentException("refusing to send " + verb + ": the probe never sends message content");
        }
        if (!ALLOWED_VERBS.contains(verb)) {
            throw new IllegalArgumentException("refusing to send SMTP verb " + verb + ": not one the probe uses");
        }
    }

    /** The command's verb, upper-cased: the text up to the first space or colon. */
    static String verb(String command) {
        int end = 0;
        while (end < command.length() && command.charAt(end) != ' ' && command.charAt(end) != ':') {
            end++;
        }
        return command.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /**
     * Checks one argument of an SMTP command, as far as the probe needs: a mailbox for MAIL FROM or RCPT TO
     * (RFC 5321 §4.1.2) or the EHLO domain: printable US-ASCII, no space, no angle brackets, so it can neither
     * end the command line nor add one.
     *
     * @param what "EHLO name", "relay-test reverse-path" or similar, for the message
     * @throws IllegalArgumentException when the value could break the command
     */
    static void validateArgument(String what, String mailbox) {
        if (mailbox == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') {
                throw new IllegalArgumentException(String.format(
                        "%s contains character U+%04X at index %d: CR, LF, NUL, spaces, '<' and '>' are not allowed",
                        what, (int) c, i));
            }
        }
    }
}
