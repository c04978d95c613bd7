package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SMTP replies (RFC 5321 §4.2) from a server, within hard bounds and a deadline.
 *
 * <p>A reply is one or more lines {@code NNN-text} ended by one line {@code NNN text} (or bare {@code NNN});
 * every line must carry the same code. Lines end with CRLF; a bare LF is tolerated and remembered
 * ({@link #bareLineFeedSeen()}). The text must be printable US-ASCII, HT, or 8-bit text (decoded as UTF-8
 * when valid, else ISO-8859-1, since localized banners exist; C1 controls U+0080 to U+009F in it are kept escaped
 * as {@code \xNN}); a control octet (NUL, ESC, other C0
 * controls, DEL) is a {@link SmtpProtocolException}, as is anything beyond
 * {@link #MAX_LINE_OCTETS}, {@link #MAX_REPLY_LINES} or {@link #MAX_REPLY_OCTETS}, so a hostile server cannot
 * make the check use unbounded memory.
 *
 * <p>An enhanced status code (RFC 3463 §2, {@code class.subject.detail}, e.g. {@code 5.7.1}) at the start of the
 * first line's text becomes {@link SmtpReply#enhancedCode()} when its class matches the reply code's first
 * digit; the text itself keeps it.
 *
 * <p>Every read from the stream first sets the socket timeout to the time left until the deadline passed to
 * {@link #read(Deadline)}, and the deadline is checked again between reads, so a server that drips one octet
 * at a time cannot extend the wait beyond it.
 *
 * <p>Not thread-safe; one reader per connection (a new one after STARTTLS).
 */
public final class ReplyReader {

    /**
     * Longest reply line accepted, in octets, without CRLF: 4096. RFC 5321 §4.5.3.1.5 sets 512 octets
     * including the code and CRLF, but real servers exceed it (long EHLO keyword lists, banners), so we allow
     * eight times as much before calling it a protocol error.
     */
    public static final int MAX_LINE_OCTETS = 4096;

    /** Most lines in one reply: 100 (a large EHLO reply has about 15). */
    public static final int MAX_REPLY_LINES = 100;

    /** Most octets in one reply, line ends included: 32768. */
    public static final int MAX_REPLY_OCTETS = 32 * 1024;

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?=[ \\t]|$)");

    /** Sets the read timeout of the underlying socket, e.g. {@code socket::setSoTimeout}. */
    @FunctionalInterface
    public interface ReadTimeout {
        /**
         * @param millis timeout of the next read in milliseconds, at least 1
         * @throws SocketException when the socket is closed
         */
        void set(int millis) throws SocketException;
    }

    private final InputStream in;
    private final ReadTimeout timeout;
    private final Consumer<String> lineListener;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int limit;
    private boolean bareLineFeed;

    /**
     * @param in the connection's input stream (the TLS stream after STARTTLS)
     * @param timeout sets the socket timeout before each read
     * @param lineListener receives every reply line as read (non-printable octets escaped as {@code \xNN}), also
     *     a malformed one, e.g. for the transcript
     */
    public ReplyReader(InputStream in, ReadTimeout timeout, Consumer<String> lineListener) {
        this.in = Objects.requireNonNull(in, "in");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.lineListener = Objects.requireNonNull(lineListener, "lineListener");
    }

    /**
     * Reads one complete reply.
     *
     * @param deadline the reply must be complete by then
     * @return the reply; never null
     * @throws SocketTimeoutException when the deadline passes before the last line
     * @throws EOFException when the server closes the connection before the last line
     * @throws SmtpProtocolException when the reply is malformed or exceeds the bounds
     * @throws IOException other socket errors (e.g. connection reset)
     */
    public SmtpReply read(Deadline deadline) throws IOException {
        int code = -1;
        int total = 0;
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine(deadline);
            total += line.length() + 2;
            if (total > MAX_REPLY_OCTETS) {
                throw new SmtpProtocolException("reply longer than " + MAX_REPLY_OCTETS + " octets");
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new SmtpProtocolException("reply longer than " + MAX_REPLY_LINES + " lines");
            }
            if (line.length() < 3 || !isCode(line) || (line.length() > 3 && line.charAt(3) != ' '
                    && line.charAt(3) != '-')) {
                throw new SmtpProtocolException("not an SMTP reply line: \"" + abbreviate(line) + "\"");
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (code == -1) {
                code = lineCode;
            } else if (lineCode != code) {
                throw new SmtpProtocolException("reply code changes from " + code + " to " + lineCode
                        + " within one multi-line reply");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                break;
            }
        }
        return new SmtpReply(code, enhancedCode(code, lines.get(0)), lines);
    }

    /** True when some line so far ended with a bare LF instead of CRLF (RFC 5321 §2.3.8 requires CRLF). */
    public boolean bareLineFeedSeen() {
        return bareLineFeed;
    }

    /**
     * True when octets after the last reply are already buffered. After a 220 reply to STARTTLS this means the
     * server sent plain text where the TLS handshake should start (response injection, cf. RFC 3207 §5).
     */
    public boolean hasBufferedInput() {
        return pos < limit;
    }

    /**
     * The enhanced status code (RFC 3463 §2) at the start of {@code text}, or null; the class must match the
     * first digit of {@code code}.
     */
    static String enhancedCode(int code, String text) {
        Matcher m = ENHANCED.matcher(text);
        if (m.find() && m.group(1).charAt(0) - '0' == code / 100) {
            return m.group();
        }
        return null;
    }

    private static boolean isCode(String line) {
        return line.charAt(0) >= '2' && line.charAt(0) <= '5' && Character.isDigit(line.charAt(1))
                && line.charAt(1) < 0x80 && Character.isDigit(line.charAt(2)) && line.charAt(2) < 0x80;
    }

    private String readLine(Deadline deadline) throws IOException {
        StringBuilder line = new StringBuilder(80);
        // 8-bit octets are collected and decoded per run: UTF-8 when they are valid UTF-8, else ISO-8859-1.
        java.io.ByteArrayOutputStream eightBit = new java.io.ByteArrayOutputStream();
        int octets = 0;
        boolean lastWasCr = false;
        while (true) {
            if (pos >= limit) {
                flush(eightBit, line);
                fill(deadline, line);
            }
            int b = buf[pos++] & 0xff;
            if (b >= 0x80 && !lastWasCr) {
                if (octets >= MAX_LINE_OCTETS) {
                    flush(eightBit, line);
                    report(line);
                    throw new SmtpProtocolException("reply line longer than " + MAX_LINE_OCTETS + " octets");
                }
                eightBit.write(b);
                octets++;
                continue;
            }
            flush(eightBit, line);
            if (b == '\n') {
                if (lastWasCr) {
                    line.setLength(line.length() - 1);
                } else {
                    bareLineFeed = true;
                }
                lineListener.accept(line.toString());
                return line.toString();
            }
            if (lastWasCr) {
                report(line);
                throw new SmtpProtocolException("CR not followed by LF in a reply line");
            }
            if (octets >= MAX_LINE_OCTETS && b != '\r') {
                report(line);
                throw new SmtpProtocolException("reply line longer than " + MAX_LINE_OCTETS + " octets");
            }
            if (b == '\r') {
                lastWasCr = true;
                line.append('\r');
            } else if (b == '\t' || (b >= 0x20 && b < 0x7f)) {
                line.append((char) b);
                octets++;
            } else {
                line.append(String.format("\\x%02X", b));
                report(line);
                throw new SmtpProtocolException(String.format(
                        "octet 0x%02X in a reply line: a control character (binary data or not SMTP)", b));
            }
        }
    }

    /**
     * Appends a run of 8-bit octets as text. RFC 5321 replies are US-ASCII, but localized banners in UTF-8
     * (RFC 6531) or Latin-1 exist and real senders accept them, so they are read, not refused.
     */
    private static void flush(java.io.ByteArrayOutputStream eightBit, StringBuilder line) {
        if (eightBit.size() == 0) {
            return;
        }
        byte[] bytes = eightBit.toByteArray();
        eightBit.reset();
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9f) {
                // A C1 control (0x9B is CSI, the 8-bit start of a terminal escape sequence): shown, never passed on.
                line.append(String.format("\\x%02X", (int) c));
            } else {
                line.append(c);
            }
        }
    }

    private void fill(Deadline deadline, StringBuilder partial) throws IOException {
        if (deadline.expired()) {
            throw new SocketTimeoutException("deadline reached within a reply");
        }
        timeout.set(deadline.soTimeoutMillis());
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (SocketTimeoutException e) {
            if (partial.length() > 0) {
                report(partial); // what came before the silence (a line without CRLF) belongs in the transcript
            }
            throw e;
        }
        if (n < 0) {
            if (partial.length() > 0) {
                report(partial);
            }
            throw new EOFException("connection closed by the server");
        }
        pos = 0;
        limit = n;
    }

    private void report(StringBuilder partial) {
        lineListener.accept(partial.toString().replace("\r", "\\r") + " [incomplete]");
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
