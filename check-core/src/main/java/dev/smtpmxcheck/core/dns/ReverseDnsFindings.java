package dev.smtpmxcheck.core.dns;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.ReverseDns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges the reverse DNS of one MX address. Pure: no I/O.
 *
 * <ul>
 *   <li>RDNS_LOOKUP_FAILED (INFO) when the PTR query got no answer; nothing else is judged then.</li>
 *   <li>RDNS_MISSING when the address has no PTR record (RFC 1912 §2.1: every address should have one).</li>
 *   <li>RDNS_NOT_FORWARD_CONFIRMED when no PTR name resolves back to the address (FCrDNS, RFC 8601 §2.7.3).</li>
 *   <li>RDNS_MX_NAME_MISMATCH (INFO) when no PTR name is the MX host name (not for a host given as an IP
 *       address).</li>
 *   <li>RDNS_GREETING_MISMATCH when the host name in the greeting (RFC 5321 §4.3.1) is none of the PTR names.</li>
 * </ul>
 * Names are compared case-insensitively, without trailing dots.
 */
public final class ReverseDnsFindings {
    private ReverseDnsFindings() {}

    /**
     * @param subject the address subject ({@code host [address]:port})
     * @param mxName the MX host name (A-labels, no trailing dot)
     * @param greetingHost the host name announced in the greeting, or null when there was no greeting (or no name)
     * @param reverse the reverse DNS facts, or null when not looked up (no findings then)
     * @return the findings in the order listed above; never null
     */
    public static List<Finding> of(String subject, String mxName, String greetingHost, ReverseDns reverse) {
        List<Finding> out = new ArrayList<>();
        if (reverse == null) {
            return out;
        }
        if (reverse.problem() != null) {
            out.add(Finding.of(FindingCode.RDNS_LOOKUP_FAILED, subject, "PTR lookup: " + reverse.problem()));
            return out;
        }
        if (reverse.ptrNames().isEmpty()) {
            out.add(Finding.of(FindingCode.RDNS_MISSING, subject, "no PTR record"));
            return out;
        }
        String names = String.join(", ", reverse.ptrNames());
        if (!reverse.forwardConfirmed()) {
            out.add(Finding.of(FindingCode.RDNS_NOT_FORWARD_CONFIRMED, subject,
                    "PTR " + names + " does not resolve back to the address"));
        }
        // A host given as an IP address (-H 192.0.2.1) has no name to compare.
        if (!DomainNames.isIpLiteral(mxName) && !contains(reverse.ptrNames(), mxName)) {
            out.add(Finding.of(FindingCode.RDNS_MX_NAME_MISMATCH, subject,
                    "PTR " + names + " is not the MX name " + normal(mxName)));
        }
        if (greetingHost != null && !contains(reverse.ptrNames(), greetingHost)) {
            out.add(Finding.of(FindingCode.RDNS_GREETING_MISMATCH, subject,
                    "the greeting names " + normal(greetingHost) + ", the PTR record " + names));
        }
        return out;
    }

    private static boolean contains(List<String> names, String name) {
        String wanted = normal(name);
        return names.stream().anyMatch(n -> normal(n).equals(wanted));
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
