package dev.smtpmxcheck.core.relay;

import dev.smtpmxcheck.core.report.RelayVariant;
import dev.smtpmxcheck.core.report.Subjects;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the addresses of the relay variants ({@link RelayVariant}) from the relay-probe addresses, the checked domain,
 * the MX host name and the address being probed. Pure: no I/O.
 *
 * <p>The outside recipient is always the relay-probe forward-path (by default in the RFC 2606 domain
 * {@code example.net}), so a server that relays through any form can reach nobody. Every input is checked first:
 * each part must be printable US-ASCII without spaces, {@code <}, {@code >}, {@code "} or {@code \}, so no built
 * address can end the command line or add one (CR, LF and NUL never get in). The command writer checks each
 * address again before sending.
 */
public final class RelayForms {

    /**
     * One address pair to try.
     *
     * @param variant the form
     * @param reversePath for MAIL FROM, without angle brackets ("" for the null reverse-path)
     * @param forwardPath for RCPT TO, without angle brackets
     */
    public record Form(RelayVariant variant, String reversePath, String forwardPath) {}

    private RelayForms() {}

    /**
     * The variant forms, in {@link RelayVariant} order. Sender forms use the local part of {@code relayFrom} and send
     * to {@code relayTo}; recipient forms send from {@code relayFrom} and hide {@code relayTo} behind the server's IP
     * literal ({@code [192.0.2.1]}, or {@code [IPv6:2001:db8::1]}, RFC 5321 §4.1.3).
     *
     * @param relayFrom the relay-probe reverse-path, {@code local@domain}
     * @param relayTo the relay-probe forward-path, {@code local@domain} (the outside recipient)
     * @param domain the checked domain (A-labels), or null or an IP literal (a host checked with -H by address): then
     *     {@link RelayVariant#SENDER_IN_DOMAIN} is left out
     * @param mxName the MX host name; when it is an IP literal {@link RelayVariant#SENDER_AT_HOST} is left out (it
     *     would repeat the IP-literal form)
     * @param address the address being probed
     * @return the forms; never null
     * @throws IllegalArgumentException when {@code relayFrom} or {@code relayTo} is not {@code local@domain}, or any
     *     input holds a character outside printable US-ASCII, a space, {@code <}, {@code >}, {@code "} or {@code \}
     */
    public static List<Form> variants(String relayFrom, String relayTo, String domain, String mxName,
            InetAddress address) {
        Objects.requireNonNull(address, "address");
        String[] from = split("relay-test reverse-path", relayFrom);
        String[] to = split("relay-test forward-path", relayTo);
        check("MX host name", mxName);
        if (domain != null) {
            check("domain", domain);
        }
        String fromLocal = from[0];
        String toLocal = to[0];
        String toDomain = to[1];
        String literal = ipLiteral(address);

        List<Form> forms = new ArrayList<>();
        forms.add(new Form(RelayVariant.NULL_SENDER, "", relayTo));
        if (domain != null && !domain.isEmpty() && !isIpLiteral(domain)) {
            forms.add(new Form(RelayVariant.SENDER_IN_DOMAIN, fromLocal + "@" + stripDot(domain), relayTo));
        }
        if (!mxName.isEmpty() && !isIpLiteral(mxName)) {
            forms.add(new Form(RelayVariant.SENDER_AT_HOST, fromLocal + "@" + stripDot(mxName), relayTo));
        }
        forms.add(new Form(RelayVariant.SENDER_AT_IP_LITERAL, fromLocal + "@" + literal, relayTo));
        forms.add(new Form(RelayVariant.PERCENT_HACK, relayFrom, toLocal + "%" + toDomain + "@" + literal));
        forms.add(new Form(RelayVariant.QUOTED_LOCAL_PART, relayFrom, "\"" + toLocal + "@" + toDomain + "\"@" + literal));
        forms.add(new Form(RelayVariant.DOUBLE_AT, relayFrom, toLocal + "@" + toDomain + "@" + literal));
        forms.add(new Form(RelayVariant.SOURCE_ROUTE, relayFrom, "@" + literal + ":" + toLocal + "@" + toDomain));
        forms.add(new Form(RelayVariant.BANG_PATH, relayFrom, toDomain + "!" + toLocal));
        return List.copyOf(forms);
    }

    /**
     * The address literal of {@code address} as a mail domain (RFC 5321 §4.1.3): {@code [192.0.2.1]} or
     * {@code [IPv6:2001:db8::1]}.
     */
    public static String ipLiteral(InetAddress address) {
        String text = Subjects.addressText(address);
        return address instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }

    /** {@code local@domain} split at the last "@", both parts checked and non-empty. */
    private static String[] split(String what, String mailbox) {
        check(what, mailbox);
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            throw new IllegalArgumentException(what + " '" + mailbox + "' is not local@domain");
        }
        return new String[] {mailbox.substring(0, at), mailbox.substring(at + 1)};
    }

    private static void check(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\') {
                throw new IllegalArgumentException(String.format(
                        "%s contains character U+%04X at index %d: CR, LF, NUL, spaces, '<', '>', '\"' and '\\' are"
                                + " not allowed in relay-variant addresses", what, (int) c, i));
            }
        }
    }

    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.matches("[0-9.]+");
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
