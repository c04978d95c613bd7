package dev.smtpmxcheck.core.report.json;

import java.util.List;

/**
 * One MX host in the JSON report ({@code MxReport} of {@code json.adoc}).
 *
 * @param host the MX target without trailing dot, in A-labels
 * @param preference the MX preference (RFC 5321 §5.1); 0 for an implicit MX or a host given with -H
 * @param cnameChain the aliases followed to reach the canonical name
 * @param addressProblem why the host has no usable address, or null
 * @param addresses one entry per address probed, IPv4 first
 * @param dane DANE for this host (RFC 7672), or null when not checked
 * @param parity how the host's IPv4 and IPv6 addresses compare, or null unless both families were probed
 * @param addressDnssec the DNSSEC status of the host's A and AAAA records (the worse of the two), or null when not
 *     validated or the report predates the field
 */
public record MxJson(String host, int preference, List<String> cnameChain, String addressProblem,
        List<AddressJson> addresses, Dane dane, Parity parity, ReportJson.Dnssec addressDnssec) {

    public MxJson {
        cnameChain = Lists.of(cnameChain);
        addresses = Lists.of(addresses);
    }

    /**
     * DANE for one MX host (RFC 7672): the TLSA records at {@code _<port>._tcp.<host>} and how each address's chain
     * compares with them.
     *
     * @param tlsaName the owner name asked (or, after a secure CNAME chain, where the records were found)
     * @param dnssec {@code SECURE}, {@code INSECURE}, {@code BOGUS} or {@code INDETERMINATE} (RFC 4035 §4.3), or
     *     null when the host publishes no TLSA records
     * @param detail what the lookup met, in words, or null
     * @param records the TLSA records in presentation form ("3 1 1 ab12...")
     * @param addresses one entry per address whose chain was compared
     */
    public record Dane(String tlsaName, String dnssec, String detail, List<String> records,
            List<DaneAddress> addresses) {
        public Dane {
            records = Lists.of(records);
            addresses = Lists.of(addresses);
        }
    }

    /**
     * How one address's chain compares with the host's TLSA records (RFC 7672 §3).
     *
     * @param address the IP address
     * @param matched the TLSA record that authenticated the chain, or null
     * @param chainPosition the chain position of the certificate the record matched, or null
     * @param detail why no record matched, in words, or null
     */
    public record DaneAddress(String address, String matched, Integer chainPosition, String detail) {}

    /**
     * How the IPv4 and IPv6 addresses of the host compare (RFC 6724, RFC 8305).
     *
     * @param ipv4Reachable true when an IPv4 address took an SMTP session
     * @param ipv6Reachable likewise for IPv6
     * @param ipv4Certificates SHA-256 fingerprints of the IPv4 addresses' leaf certificates, sorted
     * @param ipv6Certificates likewise for IPv6
     * @param ipv4GreetingHosts host names in the IPv4 addresses' greetings, lower case, sorted
     * @param ipv6GreetingHosts likewise for IPv6
     */
    public record Parity(boolean ipv4Reachable, boolean ipv6Reachable, List<String> ipv4Certificates,
            List<String> ipv6Certificates, List<String> ipv4GreetingHosts, List<String> ipv6GreetingHosts) {
        public Parity {
            ipv4Certificates = Lists.of(ipv4Certificates);
            ipv6Certificates = Lists.of(ipv6Certificates);
            ipv4GreetingHosts = Lists.of(ipv4GreetingHosts);
            ipv6GreetingHosts = Lists.of(ipv6GreetingHosts);
        }
    }
}
