package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * One SMTP reply, possibly spanning several lines (RFC 5321 §4.2.1).
 *
 * @param code the three-digit reply code, e.g. 250
 * @param enhancedCode the enhanced status code of RFC 3463 ("5.7.1") when the first line carries one, else null
 * @param lines the text of each line without the code and separator, in order
 */
public record SmtpReply(int code, String enhancedCode, List<String> lines) {

    public SmtpReply {
        lines = List.copyOf(lines);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
    }

    /** 2yz: the command was accepted. */
    public boolean positive() {
        return code / 100 == 2;
    }

    /** 4yz: a temporary failure; the sender should try again later. */
    public boolean transientNegative() {
        return code / 100 == 4;
    }

    /** 5yz: a permanent failure. */
    public boolean permanentNegative() {
        return code / 100 == 5;
    }

    /** The reply as one line for messages: {@code 554 5.7.1 Relay access denied}, lines joined by " / ". */
    public String summary() {
        StringBuilder sb = new StringBuilder().append(code);
        if (enhancedCode != null && !(lines.isEmpty() ? "" : lines.get(0)).startsWith(enhancedCode)) {
            sb.append(' ').append(enhancedCode);
        }
        if (!lines.isEmpty()) {
            sb.append(' ').append(String.join(" / ", lines));
        }
        return sb.toString();
    }
}
