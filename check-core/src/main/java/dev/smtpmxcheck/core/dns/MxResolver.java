package dev.smtpmxcheck.core.dns;

/**
 * Looks up where mail for a domain goes. The only DNS I/O of the check; tests use an in-memory one.
 * Implementations never throw for DNS trouble: failures are values.
 */
public interface MxResolver {

    /**
     * Resolves the MX records of {@code domain} and each target's A and AAAA records.
     *
     * @param domain A-label domain name without trailing dot
     */
    MxLookup lookup(String domain);

    /**
     * Resolves one host given directly (no MX lookup) to a single {@link MxHost} of preference 0.
     * An IP literal yields that address.
     *
     * @param host A-label host name or IP literal
     */
    MxHost resolveHost(String host);

    /**
     * Looks up the reverse DNS of an MX address: its PTR records and, for each PTR name, whether its A or AAAA
     * records contain the address again (forward-confirmed reverse DNS). Never throws for DNS trouble.
     *
     * @param address the MX address
     * @return the facts, or null when this resolver does not look up PTR records (the default, e.g. in-memory
     *     resolvers of tests)
     */
    default dev.smtpmxcheck.core.report.ReverseDns reverse(java.net.InetAddress address) {
        return null;
    }
}
