package dev.smtpmxcheck.core.dns;

/** Validation and IDNA2008 / UTS #46 conversion of user-given domain names. */
public final class DomainNames {
    private DomainNames() {}

    /**
     * Converts a domain as a user typed it (Unicode or A-labels, any case, optional trailing dot) to
     * lower-case A-labels without trailing dot, per UTS #46 nontransitional processing (ICU4J).
     *
     * @throws IllegalArgumentException with a one-line reason for an empty name, a name over 253 octets,
     *     a label over 63, characters not allowed in host names, CR/LF/NUL, or an e-mail address
     */
    public static String toAscii(String input) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }

    /**
     * Like {@link #toAscii} but also accepts an IP literal (IPv4 dotted quad, IPv6 with or without brackets),
     * returned in canonical textual form without brackets. For check_smtp_mx -H.
     *
     * @throws IllegalArgumentException as {@link #toAscii}
     */
    public static String hostToAscii(String input) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }
}
