package dev.smtpmxcheck.core.dnsbl;

import dev.smtpmxcheck.core.report.DnsblResult;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the A records of a blocklist's answer mean (RFC 5782 §2.1): a listing, with the list's own meaning of the
 * code where it documents one, or one of the answers that are no listing.
 *
 * <p>Never a listing: an answer outside 127.0.0.0/8 (a resolver that rewrites NXDOMAIN to an advertising page, or a
 * zone that is no DNSBL); 127.255.255.0/24, which Spamhaus and others use to refuse a query (through a public or
 * open resolver, over the rate limit, unknown zone); and 127.0.0.1, which RFC 5782 §5 keeps out of every list and DNS
 * filters return for names they block. One such record in an answer makes the whole answer "could not check".
 *
 * <p>The meanings are the ones the lists publish; the table is in the documentation page of DNSBL_LISTED.
 */
public final class DnsblCodes {

    /** Spamhaus ZEN, SBL, XBL, PBL (spamhaus.org and the Data Query Service under spamhaus.net). */
    private static final Map<String, String> SPAMHAUS = Map.ofEntries(
            Map.entry("127.0.0.2", "SBL: Spamhaus Block List, a spam source or spam operation"),
            Map.entry("127.0.0.3", "SBL CSS: snowshoe spam or a compromised host sending spam"),
            Map.entry("127.0.0.4", "XBL: exploited host (malware, open proxy, botnet)"),
            Map.entry("127.0.0.9", "SBL DROP: hijacked or criminal address block"),
            Map.entry("127.0.0.10", "PBL: the ISP says this address should not send mail directly"),
            Map.entry("127.0.0.11", "PBL: Spamhaus says this address should not send mail directly"),
            Map.entry("127.0.0.20", "AuthBL: sends mail with stolen SMTP credentials"),
            Map.entry("127.0.0.30", "BCL: botnet controller"));

    /** Spamhaus' codes for a refused query (127.255.255.0/24). */
    private static final Map<String, String> SPAMHAUS_REFUSED = Map.of(
            "127.255.255.252", "typing error in the zone name",
            "127.255.255.254", "query through a public or open resolver, which Spamhaus refuses",
            "127.255.255.255", "too many queries from this resolver");

    /** Lists with a single documented listing code, 127.0.0.2, and what it means. */
    private static final Map<String, String> SINGLE_CODE = Map.of(
            "bl.spamcop.net", "SpamCop: reported as a spam source by SpamCop users",
            "b.barracudacentral.org", "Barracuda Reputation Block List: poor sending reputation",
            "dnsbl-1.uceprotect.net", "UCEPROTECT level 1: this address sent spam to its traps",
            "dnsbl-2.uceprotect.net", "UCEPROTECT level 2: the address block has too many level-1 listings",
            "dnsbl-3.uceprotect.net", "UCEPROTECT level 3: the network (AS) has too many level-1 listings",
            "psbl.surriel.com", "PSBL: sent mail to the Passive Spam Block List's traps",
            "bl.mailspike.net", "Mailspike: sent spam to Mailspike's traps");

    private DnsblCodes() {}

    /**
     * Judges the A records of a blocklist's answer.
     *
     * @param zone the list's zone, lower case
     * @param query the name that was queried
     * @param records the A records of the answer; empty for NXDOMAIN or no data
     * @param reason the list's TXT record for the name, or null
     * @return {@link DnsblResult.NotListed} for no records, {@link DnsblResult.Unchecked} when a record is not a
     *     listing (see the class comment), else {@link DnsblResult.Listed} with a meaning per code
     */
    public static DnsblResult judge(String zone, String query, List<InetAddress> records, String reason) {
        if (records.isEmpty()) {
            return new DnsblResult.NotListed(zone, query);
        }
        List<String> codes = records.stream().map(InetAddress::getHostAddress).toList();
        for (InetAddress record : records) {
            byte[] b = record.getAddress();
            String code = record.getHostAddress();
            if (!(record instanceof Inet4Address) || (b[0] & 0xff) != 127) {
                return new DnsblResult.Unchecked(zone, query, DnsblResult.Why.NOT_A_LISTING, codes, zone + " answered "
                        + String.join(", ", codes) + ", outside 127.0.0.0/8: not a blocklist answer (a resolver that"
                        + " rewrites NXDOMAIN, or the zone is no DNSBL)");
            }
            if (((b[1] & 0xff) == 255 && (b[2] & 0xff) == 255) || code.equals("127.0.0.1")) {
                return new DnsblResult.Unchecked(zone, query, DnsblResult.Why.REFUSED_BY_LIST, codes, zone
                        + " answered " + code + ": " + refusal(zone, code));
            }
        }
        List<String> meanings = new ArrayList<>();
        for (String code : codes) {
            meanings.add(meaning(zone, code));
        }
        return new DnsblResult.Listed(zone, query, codes, meanings, reason);
    }

    /** What {@code code} means as a listing of {@code zone}; "listed" when the list documents nothing for it. */
    static String meaning(String zone, String code) {
        if (isSpamhaus(zone)) {
            return SPAMHAUS.getOrDefault(code, "listed");
        }
        String single = SINGLE_CODE.get(zone);
        return single != null && code.equals("127.0.0.2") ? single : "listed";
    }

    private static String refusal(String zone, String code) {
        if (code.equals("127.0.0.1")) {
            return "never a listing (RFC 5782 §5); a DNS filter or the list refuses the query";
        }
        String known = isSpamhaus(zone) ? SPAMHAUS_REFUSED.get(code) : null;
        return known != null ? "the query was refused, " + known
                : "an error code of the list (127.255.255.0/24), not a listing: the query was refused or rate limited";
    }

    private static boolean isSpamhaus(String zone) {
        return zone.endsWith(".spamhaus.org") || zone.endsWith(".spamhaus.net");
    }
}
