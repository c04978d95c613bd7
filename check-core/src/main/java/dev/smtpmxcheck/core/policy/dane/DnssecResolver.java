package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.DnssecFacts;

/**
 * Asks how DNSSEC vouches for the answers of the mail path: the MX RRset of a domain and the address records of its
 * MX hosts (RFC 4035 §4.3, RFC 7672 §2.2.1). The plain lookup ({@link dev.smtpmxcheck.core.dns.MxResolver}) stays the source of the records;
 * this only classifies them. Tests use an in-memory one. Implementations never throw for DNS trouble: failures are
 * {@link dev.smtpmxcheck.core.report.DnssecStatus#INDETERMINATE}.
 */
public interface DnssecResolver {

    /**
     * The DNSSEC status of the MX answer of {@code domain} (its MX RRset, or the signed proof that it has none).
     *
     * @param domain A-label domain name without trailing dot
     */
    DnssecFacts validateMx(String domain);

    /**
     * The DNSSEC status of the A and AAAA answers of {@code host}, the worse of the two.
     *
     * @param host A-label host name without trailing dot
     */
    DnssecFacts validateAddresses(String host);
}
