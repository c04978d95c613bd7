package dev.smtpmxcheck.core.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * An MX target and what its name resolved to (RFC 5321 §5.1); lower preference values are tried first.
 *
 * @param name the target host name in A-labels, lower case, without trailing dot
 * @param preference the MX preference (dnsjava: {@code getPriority()}); 0 for an implicit MX
 * @param addresses the A then AAAA addresses, in the order the DNS returned them
 * @param cnameChain the CNAME targets followed from {@code name}, in order, the last being the canonical name when
 *     resolution succeeded (e.g. {@code [alias2.example.net, real.example.net]}); empty if {@code name} is canonical
 * @param ipLiteral true when the MX record's target is an IP address written as a name (RFC 5321 §5.1 forbids it)
 * @param addressProblem why there is no address ("NXDOMAIN", "no A or AAAA records", "SERVFAIL", "timeout",
 *     "CNAME loop", "CNAME chain longer than 8", another RCODE such as "REFUSED", "network error"), or null
 * @param addressFailure the kind of the lookup failure behind {@code addressProblem}, or null when there is none (the
 *     name has addresses, or resolved to no A or AAAA records)
 */
public record MxHost(String name, int preference, List<InetAddress> addresses, List<String> cnameChain,
        boolean ipLiteral, String addressProblem, DnsFailure addressFailure) {
    public MxHost {
        addresses = List.copyOf(addresses);
        cnameChain = List.copyOf(cnameChain);
    }
}
