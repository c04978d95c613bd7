package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the reply to EHLO (RFC 5321 §4.1.1.1): the first line is the server's domain and an optional
 * greeting, each following line one service extension, {@code ehlo-keyword *(SP ehlo-param)}.
 *
 * <p>Keywords are upper-cased ({@code size 100} becomes {@code SIZE [100]}). The legacy form
 * {@code AUTH=LOGIN PLAIN}, sent by old servers for old Outlook clients, becomes keyword {@code AUTH} with the
 * parameters after the "=" ({@code AUTH [LOGIN, PLAIN]}). Lines whose first word is not a valid keyword
 * (letters, digits and "-", starting with a letter or digit) are skipped.
 */
public final class EhloKeywords {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");

    private EhloKeywords() {}

    /**
     * The service extensions announced in {@code reply}, in the server's order; empty for a one-line reply or a
     * reply that is not 2xx.
     */
    public static List<EhloKeyword> parse(SmtpReply reply) {
        List<EhloKeyword> keywords = new ArrayList<>();
        if (!reply.positive()) {
            return keywords;
        }
        for (String line : reply.lines().subList(Math.min(1, reply.lines().size()), reply.lines().size())) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] words = SPACES.split(trimmed);
            String first = words[0];
            List<String> params = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
            int eq = first.indexOf('=');
            if (eq > 0) {
                // Legacy "AUTH=LOGIN PLAIN" (pre-RFC 4954 servers): the keyword ends at "=".
                String firstParam = first.substring(eq + 1);
                first = first.substring(0, eq);
                if (!firstParam.isEmpty()) {
                    params.add(0, firstParam);
                }
            }
            if (!KEYWORD.matcher(first).matches()) {
                continue;
            }
            keywords.add(new EhloKeyword(first.toUpperCase(Locale.ROOT), params));
        }
        return keywords;
    }

    /** The domain the server names on the first line of its EHLO reply (RFC 5321 §4.1.1.1), or null. */
    public static String domain(SmtpReply reply) {
        if (reply.lines().isEmpty()) {
            return null;
        }
        String first = reply.lines().get(0).strip();
        if (first.isEmpty()) {
            return null;
        }
        return SPACES.split(first)[0];
    }
}
