package dev.smtpmxcheck.core.dns;

import dev.smtpmxcheck.core.report.Subjects;
import com.ibm.icu.text.IDNA;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Validation and IDNA2008 / UTS #46 conversion of user-given domain names and hosts.
 *
 * <p>Names are converted once, on input, to lower-case A-labels without trailing dot (RFC 5890 §2.3.2.1,
 * UTS #46 §4 nontransitional processing, through ICU4J). {@code java.net.IDN} is deliberately not used:
 * it implements IDNA2003, which maps {@code ß} to {@code ss} and so names another domain.
 *
 * <p>Every rejection is an {@link IllegalArgumentException} with a one-line message; control characters
 * of the input are shown escaped ({@code \r}, {@code \n}, {@code \0}, {@code \}{@code u001b}), never raw,
 * so the message is safe for a terminal, a Nagios status line or a log.
 */
public final class DomainNames {

    /** Longest domain name in presentation form without trailing dot, in octets (RFC 1035 §2.3.4). */
    public static final int MAX_NAME_OCTETS = 253;

    /** Longest label, in octets (RFC 1035 §2.3.4). */
    public static final int MAX_LABEL_OCTETS = 63;

    /** ICU's UTS #46 processor, loaded (about 7 ms of CPU) only for a name that is not plain LDH ASCII. */
    private static final class Icu {
        static final IDNA UTS46 = IDNA.getUTS46Instance(
                IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

        private Icu() {}
    }

    /**
     * A name whose UTS #46 processing is only lower-casing: labels of ASCII letters, digits and inner hyphens
     * (RFC 1123 §2.1, STD3), 1 to 63 characters, none with hyphens in its third and fourth positions (so no A-label
     * {@code xn--}, which ICU must decode and check); at most 253 characters, without trailing dot.
     */
    private static final Pattern PLAIN_LDH = Pattern.compile(
            "(?=.{1,253}$)(?:(?![A-Za-z0-9]{2}--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*"
                    + "(?![A-Za-z0-9]{2}--)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** How much of a bad input a message repeats; the rest is elided. */
    private static final int ECHO_LIMIT = 80;

    private DomainNames() {}

    /**
     * Converts a domain as a user typed it (Unicode or A-labels, any case, optional trailing dot) to
     * lower-case A-labels without trailing dot, per UTS #46 nontransitional processing (IDNA2008,
     * RFC 5891 §4) with the STD3 host name rules (RFC 1123 §2.1), CheckBidi (RFC 5893) and CheckJoiners
     * (RFC 5892 Appendix A.1). Examples: {@code straße.de} → {@code xn--strae-oqa.de},
     * {@code BÜCHER.example.} → {@code xn--bcher-kva.example}.
     *
     * @param input the domain, e.g. from the command line
     * @return the A-label form, at most {@value #MAX_NAME_OCTETS} octets
     * @throws IllegalArgumentException with a one-line reason for a missing or empty name, a name over
     *     253 octets, a label over 63 octets, an empty label, characters not allowed in host names, CR, LF,
     *     NUL, other control characters or whitespace, an e-mail address ({@code user@domain}) or an IP
     *     address literal
     */
    public static String toAscii(String input) {
        checkCharacters(input, "domain");
        if (input.indexOf('@') >= 0) {
            throw new IllegalArgumentException("domain " + quote(input)
                    + " looks like an e-mail address; give the domain part (after the @)");
        }
        if (isIpLiteral(input)) {
            throw new IllegalArgumentException("domain " + quote(input)
                    + " is an IP address, not a domain name; check a single host by address instead");
        }
        return nameToAscii(input, "domain");
    }

    /**
     * Converts a mail host given directly (the plugin's {@code -H}) to the form the resolver takes: an IP
     * literal becomes its canonical text (IPv4 dotted quad; IPv6 compressed per RFC 5952 §4, without
     * brackets), a host name becomes lower-case A-labels as in {@link #toAscii(String)}.
     *
     * @param input an IPv4 dotted quad, an IPv6 address with or without [brackets], or a host name
     * @return the canonical address text or the A-label host name
     * @throws IllegalArgumentException with a one-line reason, as for {@link #toAscii(String)}, or for
     *     a bracketed value that is not an IP address
     */
    public static String hostToAscii(String input) {
        checkCharacters(input, "host");
        InetAddress address = parseIpLiteral(input);
        if (address != null) {
            return Subjects.addressText(address);
        }
        if (input.startsWith("[") || input.endsWith("]")) {
            throw new IllegalArgumentException("host " + quote(input) + " is in brackets but is not an IP address");
        }
        if (input.indexOf('@') >= 0) {
            throw new IllegalArgumentException("host " + quote(input)
                    + " looks like an e-mail address; give the host name or address");
        }
        return nameToAscii(input, "host");
    }

    /**
     * Tells whether {@code text} is an IP address literal: an IPv4 dotted quad ({@code 192.0.2.1}, four
     * decimal octets without leading zeros) or an IPv6 address (RFC 4291 §2.2), optionally in
     * [brackets] as in an SMTP address literal (RFC 5321 §4.1.3). Never queries DNS.
     *
     * @param text any string; null gives false
     * @return true for an IP literal
     */
    public static boolean isIpLiteral(String text) {
        return text != null && parseIpLiteral(text) != null;
    }

    /**
     * Parses an IP literal as {@link #isIpLiteral(String)} accepts it, without any DNS query.
     *
     * @param text any string; a trailing dot after an IPv4 dotted quad is accepted (as written in an MX record)
     * @return the address, or null when {@code text} is not an IP literal
     */
    static InetAddress parseIpLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
            s = s.substring(1, s.length() - 1);
        }
        String v4 = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        try {
            if (DOTTED_QUAD.matcher(v4).matches()) {
                return InetAddress.getByAddress(Address.toByteArray(v4, Address.IPv4));
            }
            if (s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches()) {
                byte[] bytes = Address.toByteArray(s, Address.IPv6);
                // getByAddress with a byte array never resolves; a 4-byte result would be an IPv4-mapped
                // address, which Java returns as Inet4Address: keep it as the address it denotes.
                return bytes == null ? null : InetAddress.getByAddress(bytes);
            }
        } catch (UnknownHostException e) {
            return null; // only thrown for an illegal array length, which Address never returns
        }
        return null;
    }

    /**
     * Quotes a user-given value for an error message: in double quotes, control, format and whitespace
     * characters other than the plain space escaped, and cut after {@value #ECHO_LIMIT} characters.
     */
    static String quote(String input) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            i += Character.charCount(cp);
            if (shown++ == ECHO_LIMIT) {
                out.append("...");
                break;
            }
            out.append(escape(cp));
        }
        return out.append('"').toString();
    }

    private static String escape(int cp) {
        switch (cp) {
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            case 0:
                return "\\0";
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        if (cp != ' ' && isUnsafe(cp)) {
            return cp > 0xffff ? String.format(Locale.ROOT, "\\U%08x", cp) : String.format(Locale.ROOT, "\\u%04x", cp);
        }
        return new String(Character.toChars(cp));
    }

    private static final Set<Integer> UNSAFE_TYPES = Set.of((int) Character.CONTROL, (int) Character.FORMAT,
            (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR, (int) Character.SPACE_SEPARATOR,
            (int) Character.SURROGATE, (int) Character.PRIVATE_USE, (int) Character.UNASSIGNED);

    private static boolean isUnsafe(int cp) {
        return UNSAFE_TYPES.contains(Character.getType(cp)) || Character.isWhitespace(cp);
    }

    /** Characters refused before IDNA processing: controls (CR, LF, NUL...), line breaks and whitespace. */
    private static boolean isForbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SPACE_SEPARATOR || Character.isWhitespace(cp);
    }

    private static void checkCharacters(String input, String what) {
        if (input == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (input.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < input.length(); ) {
            int cp = input.codePointAt(i);
            if (isForbidden(cp)) {
                String kind = cp == '\r' ? "a carriage return (CR)"
                        : cp == '\n' ? "a line feed (LF)"
                        : cp == 0 ? "a NUL character"
                        : Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? "whitespace"
                        : "a control character";
                throw new IllegalArgumentException(what + " " + quote(input) + " contains " + kind
                        + " at position " + (input.codePointCount(0, i) + 1));
            }
            i += Character.charCount(cp);
        }
    }

    private static String nameToAscii(String input, String what) {
        String name = input.endsWith(".") ? input.substring(0, input.length() - 1) : input;
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " " + quote(input) + " is empty (the root)");
        }
        String ascii;
        if (PLAIN_LDH.matcher(name).matches()) {
            ascii = name.toLowerCase(Locale.ROOT);  // what UTS #46 makes of it, without loading ICU
        } else {
            StringBuilder out = new StringBuilder();
            IDNA.Info info = new IDNA.Info();
            Icu.UTS46.nameToASCII(name, out, info);
            if (info.hasErrors()) {
                throw new IllegalArgumentException(what + " " + quote(input) + " is not a valid host name: "
                        + describe(info.getErrors()));
            }
            ascii = out.toString().toLowerCase(Locale.ROOT);
        }
        // ICU checks lengths too, but only reports them in some paths: check the final A-labels here.
        if (ascii.getBytes(StandardCharsets.US_ASCII).length > MAX_NAME_OCTETS) {
            throw new IllegalArgumentException(what + " " + quote(input) + " is longer than " + MAX_NAME_OCTETS
                    + " octets (" + ascii.length() + " in A-label form)");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException(what + " " + quote(input) + " has an empty label");
            }
            if (label.length() > MAX_LABEL_OCTETS) {
                throw new IllegalArgumentException(what + " " + quote(input) + " has a label longer than "
                        + MAX_LABEL_OCTETS + " octets (" + label.length() + " in A-label form)");
            }
        }
        // RFC 3696 §2: a top-level domain is never all-numeric, so "192.0.2.999" is a bad address, not a name.
        if (ascii.substring(ascii.lastIndexOf('.') + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " " + quote(input)
                    + " is neither a valid IP address nor a host name (its last label is all digits)");
        }
        return ascii;
    }

    /** The ICU errors as one short English phrase, the most telling first. */
    private static String describe(Set<IDNA.Error> errors) {
        StringBuilder out = new StringBuilder();
        for (IDNA.Error error : IDNA.Error.values()) {
            if (errors.contains(error)) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(describe(error));
            }
        }
        return out.toString();
    }

    private static String describe(IDNA.Error error) {
        switch (error) {
            case EMPTY_LABEL:
                return "empty label";
            case LABEL_TOO_LONG:
                return "a label is longer than " + MAX_LABEL_OCTETS + " octets";
            case DOMAIN_NAME_TOO_LONG:
                return "longer than " + MAX_NAME_OCTETS + " octets";
            case LEADING_HYPHEN:
                return "a label starts with a hyphen";
            case TRAILING_HYPHEN:
                return "a label ends with a hyphen";
            case HYPHEN_3_4:
                return "a label has \"--\" in positions 3 and 4 but is not a valid A-label";
            case LEADING_COMBINING_MARK:
                return "a label starts with a combining mark";
            case DISALLOWED:
                return "characters not allowed in host names (letters, digits and hyphens only)";
            case PUNYCODE:
            case INVALID_ACE_LABEL:
                return "an xn-- label is not valid Punycode";
            case LABEL_HAS_DOT:
                return "a label contains a dot";
            case BIDI:
                return "mixes right-to-left and left-to-right text in a way RFC 5893 forbids";
            case CONTEXTJ:
            case CONTEXTO_PUNCTUATION:
            case CONTEXTO_DIGITS:
                return "a joiner or contextual character is used out of context (RFC 5892)";
            default:
                return error.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

}
