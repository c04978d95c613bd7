package dev.smtpmxcheck.core.dns;

import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an {@link MxLookup} into findings (DNS_*, NULL_MX*, IMPLICIT_MX, NO_MAIL_HOST, MX_*). Pure: no I/O.
 *
 * <p>Subjects: the domain for the domain-wide codes, the MX host name (A-labels, no trailing dot) for the
 * per-host codes. Messages carry the observed values (targets, preferences, addresses, the resolver's
 * answer).
 */
public final class DnsFindings {
    private DnsFindings() {}

    /**
     * The findings of one lookup, in this order: the domain-wide finding, then per MX host (in preference
     * order) MX_IS_IP_LITERAL, MX_IS_CNAME and MX_HOST_NO_ADDRESS.
     *
     * <ul>
     *   <li>{@link MxLookup.Failed}: DNS_NXDOMAIN, DNS_SERVFAIL, DNS_TIMEOUT or, for REFUSED and other
     *       errors, DNS_FAILURE (RFC 1035 §4.1.1).</li>
     *   <li>{@link MxLookup.NullMx}: NULL_MX (INFO, RFC 7505).</li>
     *   <li>{@link MxLookup.Hosts} with {@code alsoNullMx}: NULL_MX_WITH_OTHER_MX (RFC 7505 §3).</li>
     *   <li>{@link MxLookup.Implicit}: IMPLICIT_MX when the domain has addresses, NO_MAIL_HOST when not
     *       (RFC 5321 §5.1).</li>
     *   <li>per MX host: MX_IS_IP_LITERAL (RFC 5321 §5.1), MX_IS_CNAME (RFC 2181 §10.3) naming the chain,
     *       MX_HOST_NO_ADDRESS with the reason.</li>
     * </ul>
     *
     * @param domain the checked domain in A-labels, the subject of the domain-wide findings
     * @param lookup the outcome of {@link MxResolver#lookup(String)}
     * @return the findings, possibly empty (MX hosts that all resolved cleanly); never null
     */
    public static List<Finding> of(String domain, MxLookup lookup) {
        List<Finding> findings = new ArrayList<>();
        if (lookup instanceof MxLookup.Failed) {
            findings.add(failed(domain, (MxLookup.Failed) lookup));
        } else if (lookup instanceof MxLookup.NullMx) {
            findings.add(Finding.of(FindingCode.NULL_MX, domain,
                    domain + " publishes the null MX \"0 .\" (RFC 7505): it accepts no mail"));
        } else if (lookup instanceof MxLookup.Implicit implicit) {
            findings.add(implicit(domain, implicit.domainItself()));
        } else if (lookup instanceof MxLookup.Hosts) {
            MxLookup.Hosts hosts = (MxLookup.Hosts) lookup;
            if (hosts.alsoNullMx()) {
                findings.add(Finding.of(FindingCode.NULL_MX_WITH_OTHER_MX, domain,
                        domain + " publishes the null MX \"0 .\" beside " + describe(hosts.hosts())));
            }
            for (MxHost host : hosts.hosts()) {
                findings.addAll(ofHost(host));
            }
        } else {
            throw new IllegalArgumentException("unknown MxLookup " + lookup);
        }
        return findings;
    }

    private static Finding failed(String domain, MxLookup.Failed failed) {
        switch (failed.failure()) {
            case NXDOMAIN:
                return Finding.of(FindingCode.DNS_NXDOMAIN, domain, failed.detail());
            case SERVFAIL:
                return Finding.of(FindingCode.DNS_SERVFAIL, domain, failed.detail());
            case TIMEOUT:
                return Finding.of(FindingCode.DNS_TIMEOUT, domain, failed.detail());
            default:
                return Finding.of(FindingCode.DNS_FAILURE, domain, failed.detail());
        }
    }

    private static Finding implicit(String domain, MxHost self) {
        if (self.addresses().isEmpty()) {
            return Finding.of(FindingCode.NO_MAIL_HOST, domain, domain + " has no MX records and no address ("
                    + (self.addressProblem() == null ? "no A or AAAA records" : self.addressProblem()) + ")");
        }
        return Finding.of(FindingCode.IMPLICIT_MX, domain, domain + " has no MX records; mail goes to its own "
                + "address" + (self.addresses().size() == 1 ? " " : "es ") + addresses(self.addresses()));
    }

    /** MX_IS_IP_LITERAL, MX_IS_CNAME and MX_HOST_NO_ADDRESS for one MX host, in that order. */
    static List<Finding> ofHost(MxHost host) {
        List<Finding> findings = new ArrayList<>();
        if (host.ipLiteral()) {
            findings.add(Finding.of(FindingCode.MX_IS_IP_LITERAL, host.name(), "MX " + host.preference() + " "
                    + host.name() + " is an IP address, not a host name: senders look it up as a host name, find no"
                    + " address and cannot deliver there, so the check does not connect to it"));
        }
        if (!host.cnameChain().isEmpty()) {
            findings.add(Finding.of(FindingCode.MX_IS_CNAME, host.name(), "MX " + host.preference() + " "
                    + host.name() + " is an alias: " + host.name() + " -> " + String.join(" -> ", host.cnameChain())));
        }
        if (host.addresses().isEmpty() && !host.ipLiteral()) {
            findings.add(Finding.of(FindingCode.MX_HOST_NO_ADDRESS, host.name(), "MX " + host.preference() + " "
                    + host.name() + " has no address: "
                    + (host.addressProblem() == null ? "no A or AAAA records" : host.addressProblem())));
        }
        return findings;
    }

    private static String describe(List<MxHost> hosts) {
        return hosts.stream().map(h -> "MX " + h.preference() + " " + h.name()).collect(Collectors.joining(", "));
    }

    private static String addresses(List<InetAddress> addresses) {
        return addresses.stream().map(Subjects::addressText).collect(Collectors.joining(", "));
    }
}
