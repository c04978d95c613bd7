package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a greeting (RFC 5321 §4.3.2, {@code 220 domain text}) tells about the server: the host name it
 * announces and, when the banner names it, the MTA software and its version.
 *
 * <p>A version is reported only when the banner shows its digits ({@code ESMTP Exim 4.96},
 * {@code Sendmail 8.15.2/8.15.2}, {@code Version: 10.0.17763.1}); dates and times in the banner are never
 * taken for versions. Pure: no I/O.
 */
public final class GreetingAnalysis {

    /** One recognisable MTA: a pattern naming it, and an optional pattern whose group 1 is the version. */
    private record Mta(String software, Pattern detect, Pattern version) {}

    private static final String V = "(\\d+(?:\\.\\d+)+)";

    private static final List<Mta> MTAS = List.of(
            new Mta("Microsoft Exchange", Pattern.compile("Microsoft Exchange", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("Version:?\\s*" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("Microsoft ESMTP MAIL Service", Pattern.compile("Microsoft ESMTP MAIL Service",
                    Pattern.CASE_INSENSITIVE), Pattern.compile("Version:\\s*" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("Postfix", Pattern.compile("\\bPostfix\\b"), Pattern.compile("\\bPostfix\\s+\\(?v?" + V)),
            new Mta("Exim", Pattern.compile("\\bExim\\b"), Pattern.compile("\\bExim\\s+" + V)),
            new Mta("Sendmail", Pattern.compile("\\bSendmail\\b", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("\\bSendmail\\s+" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("OpenSMTPD", Pattern.compile("\\bOpenSMTPD\\b"), Pattern.compile("\\bOpenSMTPD\\s+" + V)),
            new Mta("Haraka", Pattern.compile("\\bHaraka\\b"), Pattern.compile("\\bHaraka[/\\s]+" + V)),
            new Mta("hMailServer", Pattern.compile("\\bhMailServer\\b", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("\\bhMailServer\\s+" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("MailEnable", Pattern.compile("\\bMailEnable\\b", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("Version:\\s*" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("MDaemon", Pattern.compile("\\bMDaemon\\b"), Pattern.compile("\\bMDaemon\\s+" + V)),
            new Mta("Kerio Connect", Pattern.compile("\\bKerio Connect\\b"),
                    Pattern.compile("\\bKerio Connect\\s+" + V)),
            new Mta("CommuniGate Pro", Pattern.compile("\\bCommuniGate Pro\\b"),
                    Pattern.compile("\\bCommuniGate Pro\\s+" + V)),
            new Mta("IceWarp", Pattern.compile("\\bIceWarp\\b"), Pattern.compile("\\bIceWarp\\s+" + V)),
            new Mta("Zimbra", Pattern.compile("\\bZimbra\\b"), Pattern.compile("\\bZimbra\\s+" + V)),
            new Mta("Courier", Pattern.compile("\\bCourier\\b"), Pattern.compile("\\bCourier\\s+" + V)),
            new Mta("qmail", Pattern.compile("\\b(?:net)?qmail\\b", Pattern.CASE_INSENSITIVE),
                    Pattern.compile("\\bqmail\\s+" + V, Pattern.CASE_INSENSITIVE)),
            new Mta("Google", Pattern.compile("\\bgsmtp\\b"), null));

    private GreetingAnalysis() {}

    /**
     * The greeting as the report keeps it.
     *
     * @param reply the server's first reply, whatever its code
     * @param millis milliseconds from the connection's establishment to the end of the reply
     */
    public static Greeting analyse(SmtpReply reply, long millis) {
        String text = String.join(" ", reply.lines());
        String host = announcedHost(reply);
        for (Mta mta : MTAS) {
            if (mta.detect().matcher(text).find()) {
                String version = null;
                if (mta.version() != null) {
                    Matcher m = mta.version().matcher(text);
                    if (m.find()) {
                        version = m.group(1);
                    }
                }
                return new Greeting(reply, millis, host, mta.software(), version);
            }
        }
        return new Greeting(reply, millis, host, null, null);
    }

    /** The first word of the first line after the code, or null when the text is empty or is not a host name. */
    static String announcedHost(SmtpReply reply) {
        if (reply.lines().isEmpty()) {
            return null;
        }
        String first = reply.lines().get(0).strip();
        if (first.isEmpty()) {
            return null;
        }
        String word = first.split("[ \\t]+")[0];
        // "220 ESMTP ready" or "554 5.7.1 ..." announce no host name.
        if (word.equalsIgnoreCase("ESMTP") || word.equalsIgnoreCase("SMTP")
                || word.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") || !word.matches("[A-Za-z0-9._:\\[\\]-]+")) {
            return null;
        }
        return word;
    }
}
