package dev.smtpmxcheck.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The DNS blocklists (DNSBL, RFC 5782) every MX address is looked up in, and how a listing counts. Opt-in: no
 * list is ever queried unless named ({@code check_smtp_mx --dnsbl ZONE}) or the documented default list is asked
 * for ({@code --dnsbl-default}, {@link #DEFAULT_ZONES}).
 *
 * <p>Cost: one A query per address and list, plus one TXT query per listing, through the check's resolvers
 * ({@code -s}), all in parallel; no SMTP connection. Many lists refuse queries that come through large public
 * resolvers; use a resolver of your own.
 *
 * @param zones the list zones, lower-case A-labels without trailing dot, in the order given, without duplicates
 * @param listedCritical true when a listing is CRITICAL instead of WARNING ({@code --dnsbl-critical})
 */
public record DnsblOptions(List<String> zones, boolean listedCritical) {

    /**
     * The default list of {@code --dnsbl-default}: widely used lists of IP addresses that answer queries without
     * registration from a resolver of one's own (Spamhaus ZEN only for low-volume, non-commercial use, and not
     * through public resolvers; Barracuda asks for a free registration of the resolver's address). Their return
     * codes are in the documentation of {@code DNSBL_LISTED}.
     */
    public static final List<String> DEFAULT_ZONES = List.of(
            "zen.spamhaus.org",
            "b.barracudacentral.org",
            "bl.spamcop.net",
            "dnsbl-1.uceprotect.net",
            "psbl.surriel.com",
            "bl.mailspike.net");

    /** No blocklist lookups. */
    public static final DnsblOptions NONE = new DnsblOptions(List.of(), false);

    public DnsblOptions {
        zones = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(zones, "zones")));
    }

    /** True when at least one list is to be queried. */
    public boolean enabled() {
        return !zones.isEmpty();
    }
}
