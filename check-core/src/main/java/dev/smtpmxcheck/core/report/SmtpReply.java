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

    /**
     * True when the enhanced status code says the reply is about the sender's address (RFC 3463 §3.2: X.1.7 bad
     * sender's mailbox address syntax, X.1.8 bad sender's system address; RFC 7505 §4.2: X.7.27 the sender's domain
     * has a null MX), not about every sender.
     */
    public boolean aboutSenderAddress() {
        if (enhancedCode == null || enhancedCode.length() < 3) {
            return false;
        }
        String detail = enhancedCode.substring(2);
        return detail.equals("1.7") || detail.equals("1.8") || detail.equals("7.27");
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
