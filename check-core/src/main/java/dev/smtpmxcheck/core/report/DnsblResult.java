package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What one DNS blocklist (DNSBL, RFC 5782) said of one MX address: listed, not listed, or could not be checked.
 * Only an answer that is a listing by RFC 5782 §2.1 (A records in 127.0.0.0/8) and not one of the answers lists use
 * to refuse a query reads as listed.
 */
public sealed interface DnsblResult {

    /** The list's zone, lower-case A-labels without trailing dot ("zen.spamhaus.org"). */
    String zone();

    /** The name queried: the address's reversed octets or nibbles under the zone (RFC 5782 §2.1, §2.4). */
    String query();

    /**
     * The address is listed: the A records of the query (RFC 5782 §2.1).
     *
     * @param zone the list's zone
     * @param query the name queried
     * @param codes the A records of the answer, in 127.0.0.0/8, in the order received
     * @param meanings what each code means for this list where the list documents it, else "listed"; as many as
     *     {@code codes}
     * @param reason the TXT record of the same name (the list's reason, often a URL), joined, or null when there was
     *     none or it could not be read
     */
    record Listed(String zone, String query, List<String> codes, List<String> meanings, String reason)
            implements DnsblResult {
        public Listed {
            codes = List.copyOf(codes);
            meanings = List.copyOf(meanings);
        }
    }

    /**
     * The address is not listed: NXDOMAIN, or a name without A records (RFC 5782 §2.1).
     *
     * @param zone the list's zone
     * @param query the name queried
     */
    record NotListed(String zone, String query) implements DnsblResult {}

    /**
     * The list could not say: an answer that is not a listing, or no answer.
     *
     * @param zone the list's zone
     * @param query the name queried
     * @param why the kind of failure, which the findings judge
     * @param codes the A records of the answer when there was one, else empty
     * @param detail what happened, in words, for people
     */
    record Unchecked(String zone, String query, Why why, List<String> codes, String detail) implements DnsblResult {
        public Unchecked {
            codes = List.copyOf(codes);
        }
    }

    /** Why a blocklist could not say whether the address is listed. */
    enum Why {
        /**
         * The list answered with one of its error codes instead of a listing: 127.255.255.0/24 (Spamhaus: query
         * through a public or open resolver, rate limited, typing error in the zone name) or 127.0.0.1, which
         * RFC 5782 §5 forbids as a listing and which DNS filters answer.
         */
        REFUSED_BY_LIST,
        /** An A record outside 127.0.0.0/8: a resolver that rewrites NXDOMAIN, or a zone that is no DNSBL. */
        NOT_A_LISTING,
        /** No answer before the deadline. */
        TIMEOUT,
        /** SERVFAIL, REFUSED or another DNS error, or a network error. */
        DNS_ERROR
    }
}
