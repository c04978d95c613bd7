package dev.smtpmxcheck.core.smtp;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded record of one SMTP dialogue: {@code "C: EHLO probe.example"} for a command, {@code "S: 250-..."}
 * for each reply line, and {@code "== ..."} for events (TLS negotiated, reconnect). At most {@link #MAX_LINES}
 * lines of at most {@link #MAX_LINE_CHARS} characters are kept; the last kept line then says the rest was cut.
 */
public final class Transcript {
    /** Most lines kept: 200. */
    public static final int MAX_LINES = 200;

    /** Most characters kept per line, prefix included: 512; longer lines end with "...". */
    public static final int MAX_LINE_CHARS = 512;

    private final List<String> lines = new ArrayList<>();
    private boolean truncated;

    /** Records a command sent by the client. */
    public void client(String command) {
        add("C: " + command);
    }

    /** Records one reply line received from the server (already escaped by the {@link ReplyReader}). */
    public void server(String line) {
        add("S: " + line);
    }

    /** Records an event of the dialogue, such as "TLS negotiated". */
    public void event(String text) {
        add("== " + text);
    }

    private void add(String line) {
        if (truncated) {
            return;
        }
        if (lines.size() == MAX_LINES - 1) {
            lines.add("== transcript truncated after " + (MAX_LINES - 1) + " lines");
            truncated = true;
            return;
        }
        lines.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS - 3) + "..." : line);
    }

    /** The lines so far, as an unmodifiable copy. */
    public List<String> lines() {
        return List.copyOf(lines);
    }
}
