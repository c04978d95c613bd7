package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.CertificateFacts;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks whether a server certificate names the host the check connected to (RFC 6125 §6, as updated
 * by RFC 9525 §6.3). Pure: it works on the names already read from the certificate.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li>The reference identifier is the MX host name as lower-case A-labels (IDNA2008), without a
 *       trailing dot. Case and one trailing dot are tolerated on both sides; any non-ASCII character
 *       (a U-label) never matches, because certificates carry A-labels only (RFC 5280 §7.2) and the
 *       caller converts the MX name once, on input.</li>
 *   <li>DNS-IDs (the SAN dNSName entries) are compared first. The subject CN (CN-ID) is consulted only
 *       when the certificate has no dNSName at all (RFC 6125 §6.4.4; RFC 9525 drops CN-IDs, and we keep
 *       them only for that legacy case).</li>
 *   <li>A wildcard is accepted only as the complete left-most label, {@code *.example.com}; it stands
 *       for exactly one non-empty label (RFC 9525 §6.3, RFC 6125 §6.4.3). It does not match
 *       {@code example.com} itself nor {@code a.b.example.com}. Partial wildcards such as
 *       {@code m*.example.com} or {@code *mx.example.com}, and a {@code *} anywhere else, never match:
 *       RFC 6125 leaves them to the client and RFC 9525 forbids them.</li>
 *   <li>A wildcard followed by fewer than two labels ({@code *.com}, {@code *.}) never matches. There
 *       is no public-suffix list here, so {@code *.co.uk} is still accepted; a CA must not issue it.</li>
 *   <li>A reference that is an IP address literal matches only an iPAddress SAN of the same address
 *       (RFC 6125 §1.7.2, IP-ID); a dNSName or CN never matches an IP address.</li>
 * </ul>
 */
public final class HostnameMatcher {
    private HostnameMatcher() {}

    /**
     * Whether the leaf certificate {@code leaf} names {@code referenceName}.
     *
     * @param referenceName the MX host name (lower-case A-labels, no trailing dot) or an IP address literal
     * @param leaf the facts of the server's own certificate (position 0)
     * @return true when a DNS-ID matches, or, without any DNS-ID, the CN-ID matches (or the IP-ID for an IP reference)
     */
    public static boolean matches(String referenceName, CertificateFacts leaf) {
        return matches(referenceName, leaf.dnsNames(), leaf.ipAddresses(), leaf.subjectCommonName());
    }

    /**
     * Whether a certificate with these names names {@code referenceName}.
     *
     * @param referenceName the MX host name (lower-case A-labels, no trailing dot) or an IP address literal
     * @param dnsNames the SAN dNSName entries, possibly empty
     * @param ipAddresses the SAN iPAddress entries in textual form, possibly empty
     * @param subjectCommonName the subject CN, or null; used only when {@code dnsNames} is empty
     * @return true on a match per the rules in the class description
     */
    public static boolean matches(String referenceName, List<String> dnsNames, List<String> ipAddresses,
            String subjectCommonName) {
        if (referenceName == null || referenceName.isEmpty()) {
            return false;
        }
        byte[] referenceAddress = IpLiterals.parse(referenceName);
        if (referenceAddress != null) {
            return ipAddresses.stream()
                    .map(IpLiterals::parse)
                    .anyMatch(a -> a != null && Arrays.equals(a, referenceAddress));
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.stream().anyMatch(id -> matchesDnsId(referenceName, id));
        }
        return subjectCommonName != null && matchesDnsId(referenceName, subjectCommonName);
    }

    /**
     * Whether one presented identifier (a dNSName or a CN used as one) matches the reference identifier
     * (RFC 6125 §6.4.1 and §6.4.3, RFC 9525 §6.3).
     *
     * @param referenceName the host name, A-labels
     * @param presentedId the name from the certificate, possibly {@code *.}-prefixed
     * @return true on an exact (case-insensitive) match or a match of a complete left-most wildcard label
     */
    public static boolean matchesDnsId(String referenceName, String presentedId) {
        String reference = normalise(referenceName);
        String presented = normalise(presentedId);
        if (reference == null || presented == null || reference.indexOf('*') >= 0) {
            return false;
        }
        if (!presented.startsWith("*.")) {
            return presented.indexOf('*') < 0 && presented.equals(reference);
        }
        String parent = presented.substring(2);
        if (parent.indexOf('*') >= 0 || parent.indexOf('.') < 0) {
            return false; // a second wildcard, or "*.com": fewer than two labels after the wildcard
        }
        int firstDot = reference.indexOf('.');
        return firstDot > 0 && reference.substring(firstDot + 1).equals(parent);
    }

    /**
     * Lower-cases (ASCII only, so no locale can turn "I" into a dotless i) and drops one trailing dot;
     * null for anything that cannot be a host name: empty, non-ASCII, or with an empty label.
     */
    private static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty() || n.startsWith(".") || n.contains("..")) {
            return null;
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c > 0x7e || c <= 0x20) {
                return null;
            }
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
