package dev.smtpmxcheck.core.policy.dane;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the reason dnsjava's validator gives for a failed DNSSEC validation (RFC 4035 §5) into one short
 * sentence in mail-admin terms, and tells a failure at the check's own trust anchor from one in the checked
 * domain. Pure.
 */
public final class ValidationReasons {
    /** Upper bound of {@link #explain}'s result, in characters. */
    static final int MAX_LENGTH = 200;

    private static final Pattern BAD_KEY = Pattern.compile("Could not establish a chain of trust to keys for \\[([^]]*)]");

    /** dnsjava's reason when the DNSKEY query for a zone brought no DNSKEY records (its text ends "for zone."). */
    private static final Pattern NO_DNSKEY = Pattern.compile("Missing DNSKEY RRset in response to DNSKEY query for (\\S+)\\.");

    /** Where dnsjava's own text starts in a detail such as "_25._tcp.mx1.example.test TLSA: Positive response ...". */
    private static final Pattern VALIDATOR_TEXT = Pattern.compile("(Could not |Positive response|CNAME_NODATA|NODATA"
            + " response|NameError response|CNAME_NAMEERROR|Missing DNSKEY|No key for|Key |Did not match|DS rrset|NSEC|No"
            + " signed|Ran out|Synthesized)");

    private ValidationReasons() {}

    /**
     * {@code detail} with the validator's text replaced by {@link #explain}: the part before it (which query)
     * stays.
     *
     * @param detail a lookup detail ("_25._tcp.mx1.example.test TLSA: Positive response has failed ANSWER rrset:
     *     { ... }"), or null
     * @return e.g. "_25._tcp.mx1.example.test TLSA: its DNSSEC signatures do not verify (...)"
     */
    public static String summarize(String detail) {
        if (detail == null) {
            return explain(null);
        }
        Matcher m = VALIDATOR_TEXT.matcher(detail);
        if (!m.find()) {
            return explain(detail);
        }
        return detail.substring(0, m.start()) + explain(detail.substring(m.start()));
    }

    /**
     * The zone whose keys could not be validated when the reason is dnsjava's "Could not establish a chain of
     * trust to keys for [zone]" or "Missing DNSKEY RRset in response to DNSKEY query for zone." (also inside "Could not
     * establish validation of INSECURE status of unsigned response", when an unsigned answer cannot be proved
     * unsigned) and that zone is one of {@code anchorZones}: then the check could not validate
     * from its own trust anchor at all (its resolver returns no DNSSEC records for that zone, or the anchor does
     * not match them), which says nothing about the checked domain.
     *
     * @param reason dnsjava's reason text, or null
     * @param anchorZones the owner names of the trust anchors, absolute, lower case ("." for the root)
     * @return the anchor zone, or null when the failure lies below the anchor (or the reason is not of that kind)
     */
    public static String anchorZone(String reason, Collection<String> anchorZones) {
        if (reason == null) {
            return null;
        }
        Matcher m = BAD_KEY.matcher(reason);
        if (!m.find()) {
            m = NO_DNSKEY.matcher(reason);
            if (!m.find()) {
                return null;
            }
        }
        String zone = absolute(m.group(1));
        return anchorZones.contains(zone) ? zone : null;
    }

    /**
     * One sentence for a bogus answer, at most {@value #MAX_LENGTH} characters, without dnsjava's RRset dump.
     *
     * @param reason dnsjava's reason text ("Positive response has failed ANSWER rrset: { ... }"), or null
     * @return e.g. "its DNSSEC signatures do not verify (expired, not yet valid, or made with a key the zone does
     *     not publish)"
     */
    public static String explain(String reason) {
        if (reason == null || reason.isBlank()) {
            return "DNSSEC validation failed";
        }
        Matcher bad = BAD_KEY.matcher(reason);
        if (bad.find()) {
            return "no DNSSEC chain of trust to the keys of " + absolute(bad.group(1))
                    + " (the DS in its parent matches no DNSKEY, or the DNSKEY set is not validly signed)";
        }
        if (reason.startsWith("Positive response has failed") || reason.startsWith("CNAME_NODATA response has failed")
                || reason.contains("Key does not verify") || reason.contains("Key expired")
                || reason.contains("Key is not yet valid")) {
            return "its DNSSEC signatures do not verify (expired, not yet valid, or made with a key the zone does not"
                    + " publish)";
        }
        if (reason.contains("missing signature")) {
            return "the answer carries no DNSSEC signature (RRSIG) although its zone is signed";
        }
        if (reason.startsWith("NODATA") || reason.startsWith("NameError") || reason.contains("NSEC")) {
            return "the DNSSEC proof that the records do not exist (NSEC/NSEC3) does not verify";
        }
        String plain = reason.replaceAll("\\{[^}]*}?", "").replaceAll("\\s+", " ").trim();
        return plain.length() <= MAX_LENGTH ? plain : plain.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static String absolute(String zone) {
        String z = zone.toLowerCase(Locale.ROOT);
        return z.endsWith(".") ? z : z + ".";
    }
}
