package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * How the IPv4 and the IPv6 addresses of one MX host compare, for a host probed over both families. Senders with
 * both families usually prefer IPv6 (RFC 6724, RFC 8305), so a difference means some of them meet another server.
 *
 * @param ipv4Reachable true when some IPv4 address of the host took an SMTP session (220 and EHLO/HELO)
 * @param ipv6Reachable likewise for IPv6
 * @param ipv4Certificates SHA-256 fingerprints of the leaf certificates the IPv4 addresses presented, sorted
 * @param ipv6Certificates likewise for IPv6
 * @param ipv4GreetingHosts host names announced in the greetings of the IPv4 addresses, lower case, sorted
 * @param ipv6GreetingHosts likewise for IPv6
 */
public record FamilyParity(boolean ipv4Reachable, boolean ipv6Reachable, List<String> ipv4Certificates,
        List<String> ipv6Certificates, List<String> ipv4GreetingHosts, List<String> ipv6GreetingHosts) {

    public FamilyParity {
        ipv4Certificates = List.copyOf(ipv4Certificates);
        ipv6Certificates = List.copyOf(ipv6Certificates);
        ipv4GreetingHosts = List.copyOf(ipv4GreetingHosts);
        ipv6GreetingHosts = List.copyOf(ipv6GreetingHosts);
    }

    /** True when both families presented certificates and the sets differ. */
    public boolean certificatesDiffer() {
        return !ipv4Certificates.isEmpty() && !ipv6Certificates.isEmpty() && !ipv4Certificates.equals(ipv6Certificates);
    }

    /** True when both families greeted with a host name and the sets differ. */
    public boolean greetingHostsDiffer() {
        return !ipv4GreetingHosts.isEmpty() && !ipv6GreetingHosts.isEmpty()
                && !ipv4GreetingHosts.equals(ipv6GreetingHosts);
    }
}
