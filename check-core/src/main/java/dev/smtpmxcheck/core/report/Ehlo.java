package dev.smtpmxcheck.core.report;

import java.util.List;
import java.util.Optional;

/**
 * The answer to EHLO (or to HELO when EHLO was refused).
 *
 * @param command "EHLO" or "HELO": the command whose reply this is
 * @param reply the server's reply
 * @param keywords the service extensions announced (empty for HELO), in the server's order
 * @param refusedEhlo for HELO, the reply that refused the EHLO before it, else null
 */
public record Ehlo(String command, SmtpReply reply, List<EhloKeyword> keywords,
        SmtpReply refusedEhlo) {
    public Ehlo {
        keywords = List.copyOf(keywords);
    }

    /** The reply to EHLO with the extensions it announces. */
    public static Ehlo ehlo(SmtpReply reply, List<EhloKeyword> keywords) {
        return new Ehlo("EHLO", reply, keywords, null);
    }

    /** The reply to HELO, sent after EHLO was refused with {@code refusedEhlo}. */
    public static Ehlo helo(SmtpReply reply, SmtpReply refusedEhlo) {
        return new Ehlo("HELO", reply, List.of(), refusedEhlo);
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
