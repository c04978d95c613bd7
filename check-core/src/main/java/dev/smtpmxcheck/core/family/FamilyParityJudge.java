package dev.smtpmxcheck.core.family;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.FamilyParity;
import dev.smtpmxcheck.core.report.MxReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Compares the IPv4 and IPv6 addresses of MX hosts. Pure: judges the per-address reports, no I/O.
 *
 * <p>A sender with both families usually tries IPv6 first (RFC 6724 §10.3, RFC 8305), one with IPv4 only the
 * IPv4 addresses, so the two families should lead to the same service: reachable alike, with the same
 * certificate and the same greeting host name.
 */
public final class FamilyParityJudge {
    private FamilyParityJudge() {}

    /**
     * The parity facts of one host's address reports.
     *
     * @param addresses the reports of one MX host
     * @return the facts, or null when the reports do not cover both families
     */
    public static FamilyParity compare(List<AddressReport> addresses) {
        List<AddressReport> v4 = addresses.stream().filter(a -> !isIpv6(a)).toList();
        List<AddressReport> v6 = addresses.stream().filter(FamilyParityJudge::isIpv6).toList();
        if (v4.isEmpty() || v6.isEmpty()) {
            return null;
        }
        return new FamilyParity(reachable(v4), reachable(v6), certificates(v4), certificates(v6), greetingHosts(v4),
                greetingHosts(v6));
    }

    /**
     * The findings of one host's parity: MX_FAMILY_REACHABILITY_DIFFERS, MX_FAMILY_CERTIFICATE_DIFFERS,
     * MX_FAMILY_GREETING_DIFFERS, with the MX host name as subject.
     *
     * @param mx the host, with {@link MxReport#parity()} set or null (no findings then)
     */
    public static List<Finding> findings(MxReport mx) {
        List<Finding> out = new ArrayList<>();
        FamilyParity p = mx.parity();
        if (p == null) {
            return out;
        }
        if (p.ipv4Reachable() != p.ipv6Reachable()) {
            out.add(Finding.of(FindingCode.MX_FAMILY_REACHABILITY_DIFFERS, mx.host(),
                    (p.ipv4Reachable() ? "IPv4" : "IPv6") + " takes mail, "
                            + (p.ipv4Reachable() ? "IPv6" : "IPv4") + " does not: "
                            + failures(mx.addresses(), !p.ipv4Reachable())));
        }
        if (p.certificatesDiffer()) {
            out.add(Finding.of(FindingCode.MX_FAMILY_CERTIFICATE_DIFFERS, mx.host(),
                    "IPv4 presents " + shortPrints(p.ipv4Certificates()) + ", IPv6 " + shortPrints(p.ipv6Certificates())
                            + " (SHA-256 fingerprints)"));
        }
        if (p.greetingHostsDiffer()) {
            out.add(Finding.of(FindingCode.MX_FAMILY_GREETING_DIFFERS, mx.host(),
                    "IPv4 greets as " + String.join(", ", p.ipv4GreetingHosts()) + ", IPv6 as "
                            + String.join(", ", p.ipv6GreetingHosts())));
        }
        return out;
    }

    /**
     * NO_IPV6_MX (INFO, the domain as subject) when some MX host took mail but none did over IPv6. Only meaningful
     * when IPv6 addresses were allowed (no {@code -4}); the caller decides.
     *
     * @param domain the checked domain
     * @param reports every MX host of the domain
     * @return the finding, or nothing
     */
    public static List<Finding> noIpv6(String domain, List<MxReport> reports) {
        List<AddressReport> all = reports.stream().flatMap(m -> m.addresses().stream()).toList();
        boolean anyWorks = all.stream().anyMatch(AddressReport::acceptsSessions);
        boolean ipv6Works = all.stream().anyMatch(a -> isIpv6(a) && a.acceptsSessions());
        if (!anyWorks || ipv6Works) {
            return List.of();
        }
        long ipv6Addresses = all.stream().filter(FamilyParityJudge::isIpv6).count();
        return List.of(Finding.of(FindingCode.NO_IPV6_MX, domain, ipv6Addresses == 0
                ? "no MX host has an IPv6 (AAAA) address"
                : "none of the " + ipv6Addresses + " IPv6 address" + (ipv6Addresses == 1 ? "" : "es")
                        + " of the MX hosts takes mail"));
    }

    /** True for an IPv6 address report (IPv4-mapped addresses print as ::ffff:a.b.c.d and count as IPv6). */
    static boolean isIpv6(AddressReport a) {
        return a.address().indexOf(':') >= 0;
    }

    private static boolean reachable(List<AddressReport> reports) {
        return reports.stream().anyMatch(AddressReport::acceptsSessions);
    }

    private static List<String> certificates(List<AddressReport> reports) {
        TreeSet<String> prints = new TreeSet<>();
        for (AddressReport a : reports) {
            a.tlsSession().filter(tls -> !tls.chain().isEmpty() && tls.chain().get(0).sha256Fingerprint() != null)
                    .ifPresent(tls -> prints.add(tls.chain().get(0).sha256Fingerprint()));
        }
        return List.copyOf(prints);
    }

    private static List<String> greetingHosts(List<AddressReport> reports) {
        TreeSet<String> hosts = new TreeSet<>();
        for (AddressReport a : reports) {
            a.greeting().seen().map(g -> g.announcedHost())
                    .ifPresent(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(hosts);
    }

    /** "[::1]: connection refused" for the failing addresses of one family. */
    private static String failures(List<AddressReport> addresses, boolean ipv4) {
        List<String> parts = new ArrayList<>();
        for (AddressReport a : addresses) {
            if (isIpv6(a) != ipv4 && !a.acceptsSessions()) {
                parts.add("[" + a.address() + "]: " + a.failure().map(Failure::detail).orElse("no session"));
            }
        }
        return String.join("; ", parts);
    }

    private static String shortPrints(List<String> prints) {
        return String.join(", ", prints.stream().map(p -> p.length() > 16 ? p.substring(0, 16) + "…" : p).toList());
    }

    /** Each host report with its {@link #compare parity facts}. */
    public static List<MxReport> withParity(List<MxReport> reports) {
        return reports.stream().map(m -> m.withParity(compare(m.addresses()))).toList();
    }

    /**
     * The parity findings of every host, then NO_IPV6_MX when IPv6 was probed too.
     *
     * @param domain the checked domain
     * @param reports the host reports, with parity facts
     * @param bothFamilies true when the options allowed both address families (no -4 or -6)
     */
    public static List<Finding> hostFindings(String domain, List<MxReport> reports, boolean bothFamilies) {
        List<Finding> out = new ArrayList<>();
        for (MxReport m : reports) {
            out.addAll(findings(m));
        }
        if (bothFamilies) {
            out.addAll(noIpv6(domain, reports));
        }
        return out;
    }
}
