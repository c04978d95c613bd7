package dev.smtpmxcheck.core.policy.dane;

/**
 * Looks up the TLSA records of an MX host with their DNSSEC status (RFC 7672 §2.2). The only DNS I/O of DANE;
 * tests use an in-memory one. Implementations never throw for DNS trouble: failures are
 * {@link dev.smtpmxcheck.core.report.DnssecStatus#INDETERMINATE} lookups.
 */
@FunctionalInterface
public interface TlsaResolver {

    /**
     * The TLSA records for port 25 of {@code host}.
     *
     * @param host the MX host name, lower-case A-labels without trailing dot
     */
    TlsaLookup lookup(String host);
}
