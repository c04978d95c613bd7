package dev.smtpmxcheck.core.report;

import java.util.List;
import java.util.Optional;

/**
 * The answer to EHLO (or to HELO when EHLO was refused).
 *
 * @param command "EHLO" or "HELO": the command whose reply this is
 * @param reply the server's reply
 * @param keywords the service extensions announced (empty for HELO), in the server's order
 */
public record Ehlo(String command, SmtpReply reply, List<EhloKeyword> keywords) {
    public Ehlo {
        keywords = List.copyOf(keywords);
    }

    /** True when the extension {@code keyword} (case-insensitive) was announced. */
    public boolean has(String keyword) {
        return find(keyword).isPresent();
    }

    /** The announced extension {@code keyword} (case-insensitive), if any. */
    public Optional<EhloKeyword> find(String keyword) {
        return keywords.stream().filter(k -> k.keyword().equalsIgnoreCase(keyword)).findFirst();
    }
}
