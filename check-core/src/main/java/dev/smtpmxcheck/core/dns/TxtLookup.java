package dev.smtpmxcheck.core.dns;

import java.util.List;

/**
 * The outcome of a TXT lookup (RFC 1035 §3.3.14), as the policy checks need it: MTA-STS at {@code _mta-sts}
 * (RFC 8461 §3.1) and TLS-RPT at {@code _smtp._tls} (RFC 8460 §3).
 */
public sealed interface TxtLookup {

    /**
     * TXT records were found.
     *
     * @param texts one entry per TXT record, its character-strings joined without separator (a long record split
     *     into several strings reads as one, as RFC 7208 §3.3 does for SPF)
     */
    record Records(List<String> texts) implements TxtLookup {
        public Records {
            texts = List.copyOf(texts);
        }
    }

    /**
     * The name does not exist or has no TXT records (NXDOMAIN or NOERROR without data).
     *
     * @param detail "NXDOMAIN" or "no TXT records"
     */
    record None(String detail) implements TxtLookup {}

    /**
     * The query failed.
     *
     * @param failure SERVFAIL, timeout or another failure (never NXDOMAIN: that is {@link None})
     * @param detail what the resolver said, for the finding's message
     */
    record Failed(DnsFailure failure, String detail) implements TxtLookup {}
}
