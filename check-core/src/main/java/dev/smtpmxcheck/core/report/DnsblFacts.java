package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * The blocklist lookups of one MX address (DNSBL, RFC 5782), one result per list in the order the lists were given.
 *
 * @param results what each list said
 */
public record DnsblFacts(List<DnsblResult> results) {
    public DnsblFacts {
        results = List.copyOf(results);
    }

    /** How many lists list the address. */
    public int listings() {
        return (int) results.stream().filter(r -> r instanceof DnsblResult.Listed).count();
    }

    /** How many lists could not say. */
    public int unchecked() {
        return (int) results.stream().filter(r -> r instanceof DnsblResult.Unchecked).count();
    }
}
