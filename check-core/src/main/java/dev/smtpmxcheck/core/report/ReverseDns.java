package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * The reverse DNS of one MX address: its PTR records (RFC 1035 §3.5, under {@code in-addr.arpa} or
 * {@code ip6.arpa}) and which of their names resolve back to the address (forward-confirmed reverse DNS, FCrDNS;
 * RFC 8601 §2.7.3 "iprev"). Receivers and blocklists weigh both when this host sends mail.
 *
 * @param ptrNames the names of the PTR records, lower case, without trailing dot; empty when there is none
 * @param confirmedNames those of {@code ptrNames} whose A (IPv4) or AAAA (IPv6) records contain the address
 * @param problem why the PTR lookup gave no answer (SERVFAIL, timeout), or null when it got one (also NXDOMAIN or
 *     no data, which mean "no PTR")
 */
public record ReverseDns(List<String> ptrNames, List<String> confirmedNames, String problem) {

    public ReverseDns {
        ptrNames = List.copyOf(ptrNames);
        confirmedNames = List.copyOf(confirmedNames);
    }

    /** True when a PTR name resolves back to the address. */
    public boolean forwardConfirmed() {
        return !confirmedNames.isEmpty();
    }
}
