package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * One MX host of the domain and the result at each of its addresses.
 *
 * @param host the MX target (exchange) without trailing dot, in A-label form
 * @param preference the MX preference (RFC 5321 §5.1), lower is tried first; 0 for an implicit MX or a host checked with -H
 * @param cnameChain the aliases followed to reach the canonical name, empty when the target is canonical
 * @param addressProblem why the host has no usable address (NXDOMAIN, no A/AAAA, lookup failure), or null
 * @param addresses one report per address probed, IPv4 first
 * @param dane DANE for this host (TLSA records, DNSSEC status, match per address), or null when DANE was not
 *     checked (switched off, or the host is an IP address)
 * @param parity how the host's IPv4 and IPv6 addresses compare, or null unless both families were probed
 * @param addressDnssec the DNSSEC status of the host's A and AAAA records (RFC 4035 §4.3, RFC 7672 §2.2.2), or null
 *     when not validated (DNSSEC validation off with DANE, the host is an IP address, or it has no address)
 * @param notProbed the host's addresses left out by the address-family option (-4 keeps IPv4, -6 IPv6), in their
 *     textual form; empty when every address was probed
 */
public record MxReport(String host, int preference, List<String> cnameChain, String addressProblem,
        List<AddressReport> addresses, DaneReport dane, FamilyParity parity, DnssecFacts addressDnssec,
        List<String> notProbed) {
    public MxReport {
        cnameChain = List.copyOf(cnameChain);
        addresses = List.copyOf(addresses);
        notProbed = notProbed == null ? List.of() : List.copyOf(notProbed);
    }

    /** This report with {@code dane}. */
    public MxReport withDane(DaneReport dane) {
        return new MxReport(host, preference, cnameChain, addressProblem, addresses, dane, parity, addressDnssec, notProbed);
    }

    /** This report with {@code parity}. */
    public MxReport withParity(FamilyParity parity) {
        return new MxReport(host, preference, cnameChain, addressProblem, addresses, dane, parity, addressDnssec, notProbed);
    }

    /**
     * True when the host has addresses, but none of the family the options asked for: every one of them was left out
     * by -4 or -6, so none was probed.
     */
    public boolean onlyOtherFamily() {
        return addresses.isEmpty() && !notProbed.isEmpty();
    }

    /** This report with {@code addressDnssec}. */
    public MxReport withAddressDnssec(DnssecFacts addressDnssec) {
        return new MxReport(host, preference, cnameChain, addressProblem, addresses, dane, parity, addressDnssec, notProbed);
    }
}
