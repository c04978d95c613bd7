package dev.smtpmxcheck.core.policy.dane;

/**
 * Looks up the TLSA records of an MX host with their DNSSEC status (RFC 7672 §2.2). The only DNS I/O of DANE;
 * tests use an in-memory one. Implementations never throw for DNS trouble: failures are
 * {@link dev.smtpmxcheck.core.report.DnssecStatus#INDETERMINATE} lookups.
 */
@FunctionalInterface
public interface TlsaResolver {

    /**
     * The TLSA records of {@code host} for TCP port {@code port}, at {@code _<port>._tcp.<host>} (RFC 6698 §3; RFC 7672
     * §2.2.3 for SMTP, where the port is 25 unless the check probes another).
     *
     * @param host the MX host name, lower-case A-labels without trailing dot
     * @param port the TCP port the SMTP probe connects to (1 to 65535)
     */
    TlsaLookup lookup(String host, int port);
}
