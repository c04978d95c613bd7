package dev.smtpmxcheck.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The domain's state and summary, derived from its findings and MX reports.
 *
 * <p>Rules: the state is the worst severity of the findings (CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK,
 * INFO counts as OK). Findings whose code is a {@linkplain FindingCode#reachability() reachability}
 * code are CRITICAL only when no address of the domain {@linkplain AddressReport#takesMail() takes mail}; while one does, senders
 * fall back to it (RFC 5321 §5.1) and they are WARNING. A domain with a null MX (RFC 7505) and no
 * other finding is OK: it accepts no mail by design.
 *
 * @param state the verdict
 * @param summary one line for the status line, at most {@link #MAX_SUMMARY} characters
 * @param findings the findings with adjusted severities, worst first (stable within a severity)
 */
public record Verdict(State state, String summary, List<Finding> findings) {

    /** The findings of a failed DNS lookup of the domain or host itself. */
    private static final Set<FindingCode> DNS_LOOKUP = java.util.EnumSet.of(FindingCode.DNS_NXDOMAIN,
            FindingCode.DNS_SERVFAIL, FindingCode.DNS_TIMEOUT, FindingCode.DNS_FAILURE);

    /** Longest summary, in characters; longer ones end with "...". */
    public static final int MAX_SUMMARY = 200;

    public Verdict {
        findings = List.copyOf(findings);
    }

    /**
     * Judges a domain.
     *
     * @param domain the domain (or host) checked, for the summary
     * @param source where the mail hosts came from
     * @param mx the MX reports
     * @param findings all findings of all probes, with their producers' severities
     */
    public static Verdict of(String domain, MxSource source, List<MxReport> mx, List<Finding> findings) {
        return of(domain, source, mx, findings, null);
    }

    /**
     * Judges a domain whose findings were graded by delivery; the summary begins with each class of sender the
     * domain invites that can deliver to no MX ({@link #senderSummary}).
     *
     * @param domain the domain (or host) checked, for the summary
     * @param source where the mail hosts came from
     * @param mx the MX reports
     * @param findings all findings, graded by delivery
     * @param delivery the delivery matrix, or null for none
     */
    public static Verdict of(String domain, MxSource source, List<MxReport> mx, List<Finding> findings,
            DomainDelivery delivery) {
        boolean anyUsable = mx.stream().flatMap(m -> m.addresses().stream()).anyMatch(AddressReport::takesMail);
        List<Finding> adjusted = new ArrayList<>();
        for (Finding f : findings) {
            if (f.code().reachability() && f.severity() == Severity.CRITICAL && anyUsable) {
                adjusted.add(f.withSeverity(Severity.WARNING));
            } else {
                adjusted.add(f);
            }
        }
        adjusted.sort(Comparator.comparingInt((Finding f) -> -State.rank(f.severity().state()))
                .thenComparing(f -> f.severity() == Severity.INFO ? 1 : 0));
        State state = State.OK;
        for (Finding f : adjusted) {
            state = state.worse(f.severity().state());
        }
        String summary = summarize(domain, source, mx, adjusted);
        String senders = senderSummary(delivery);
        if (!senders.isEmpty()) {
            summary = senders + "; " + summary;
            summary = summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 3) + "...";
        }
        return new Verdict(state, summary, adjusted);
    }

    /**
     * One part per class of sender that the domain invites, that refuses where it fails, and that can deliver to no
     * MX while some address takes sessions (else the MX part of the summary says it for every sender): "MTA-STS
     * senders cannot deliver to mx2.example.com: certificate expired or not yet valid", or with several hosts "DANE
     * senders cannot deliver to mx1.example.com (no TLSA record matches the certificate), mx2.example.com (no
     * STARTTLS)". Each host with the reason of its first address. Opportunistic senders appear only under
     * {@code --require-tls}, as "senders requiring verified TLS (--require-tls)": the partners that option stands for.
     *
     * @param delivery the delivery matrix, or null
     * @return the parts joined with "; ", or "" when every class the domain invites can deliver
     */
    static String senderSummary(DomainDelivery delivery) {
        if (delivery == null || delivery.addresses().stream()
                .noneMatch(a -> a.of(SenderClass.OPPORTUNISTIC).reason() != DeliveryReason.NO_SESSION
                        && a.of(SenderClass.OPPORTUNISTIC).reason() != DeliveryReason.MAIL_REFUSED)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (DomainDelivery.Domain d : delivery.classes()) {
            if (!d.blocked() || d.sender() == SenderClass.OPPORTUNISTIC && !delivery.requireTls()) {
                continue;
            }
            Map<String, DeliveryReason> hosts = new LinkedHashMap<>();
            for (AddressDelivery a : delivery.addresses()) {
                ClassDelivery c = a.of(d.sender());
                if (c.delivers() == Delivers.NO) {
                    hosts.putIfAbsent(a.host(), c.reason());
                }
            }
            if (hosts.isEmpty()) {
                continue;
            }
            String where = hosts.size() == 1
                    ? hosts.keySet().iterator().next() + ": " + hosts.values().iterator().next().text()
                    : hosts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().text() + ")")
                            .collect(Collectors.joining(", "));
            // Under --require-tls the opportunistic class stands for the partners that demand verified TLS: named so.
            String who = d.sender() == SenderClass.OPPORTUNISTIC ? "senders requiring verified TLS (--require-tls)"
                    : d.sender().label() + " senders";
            parts.add(who + " cannot deliver to " + where);
        }
        return String.join("; ", parts);
    }

    private static String summarize(String domain, MxSource source, List<MxReport> mx, List<Finding> findings) {
        List<String> parts = new ArrayList<>();
        if (source == MxSource.NULL_MX) {
            parts.add(domain + " accepts no mail (null MX)");
        }
        if (source == MxSource.FAILED) {
            findings.stream().filter(f -> DNS_LOOKUP.contains(f.code())).findFirst()
                    .ifPresent(f -> parts.add(f.code().name() + ": " + f.message()));
        }
        List<MxReport> down = mx.stream()
                .filter(m -> m.addresses().stream().noneMatch(AddressReport::takesMail))
                .collect(Collectors.toList());
        Set<String> downHosts = down.stream().map(MxReport::host).collect(Collectors.toCollection(LinkedHashSet::new));
        // A host whose every address is of the family -4/-6 left out was not probed: it is not "unreachable".
        List<MxReport> otherFamily = down.stream().filter(MxReport::onlyOtherFamily).toList();
        if (!otherFamily.isEmpty()) {
            String noun = source == MxSource.HOST ? "host" : "MX";
            boolean v6Only = otherFamily.stream().flatMap(m -> m.notProbed().stream()).allMatch(a -> a.contains(":"));
            parts.add(otherFamily.size() + " of " + mx.size() + " " + noun + (otherFamily.size() == 1 ? " has" : " have")
                    + " no " + (v6Only ? "IPv4" : "IPv6") + " address ("
                    + otherFamily.stream().map(MxReport::host).collect(Collectors.joining(", ")) + ")");
            down = down.stream().filter(m -> !m.onlyOtherFamily()).toList();
        }
        if (!down.isEmpty()) {
            // "unreachable" only when nothing answered at all; a server that answered and refused is "not accepting mail".
            boolean silent = down.stream().allMatch(m -> m.addresses().stream()
                    .allMatch(a -> a.failureCode().filter(c -> c == FindingCode.MX_UNREACHABLE).isPresent()));
            String noun = source == MxSource.HOST ? "host" : "MX";
            parts.add(down.size() + " of " + mx.size() + " " + noun + (silent ? " unreachable (" : " not accepting mail (")
                    + down.stream().map(MxReport::host).collect(Collectors.joining(", ")) + ")");
        }
        Map<String, String> hostOfSubject = hostsBySubject(mx);
        Map<FindingCode, Set<String>> problems = new LinkedHashMap<>();
        for (Finding f : findings) {
            boolean counted = f.severity() == Severity.WARNING || f.severity() == Severity.CRITICAL
                    || f.severity() == Severity.UNKNOWN;
            String host = hostOfSubject.getOrDefault(f.subject(), f.subject());
            boolean alreadySaid = (source == MxSource.FAILED && DNS_LOOKUP.contains(f.code()))
                    || (f.code() == FindingCode.MX_UNREACHABLE || f.code() == FindingCode.MX_HOST_NO_ADDRESS)
                            && downHosts.contains(host);
            if (counted && !alreadySaid) {
                problems.computeIfAbsent(f.code(), c -> new LinkedHashSet<>()).add(host);
            }
        }
        problems.forEach((code, hosts) -> parts.add(code.name() + " on " + String.join(", ", hosts)));
        if (parts.isEmpty()) {
            long addresses = mx.stream().mapToLong(m -> m.addresses().size()).sum();
            String noun = source == MxSource.HOST ? "host" : "MX";
            parts.add(mx.size() + " " + noun + ", " + addresses
                    + (addresses == 1 ? " address accepts mail" : " addresses accept mail"));
        }
        String summary = String.join("; ", parts);
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 3) + "...";
    }

    /**
     * The MX host of every subject a finding about a host can have: the host itself, each of its addresses
     * ({@link Subjects#address}) and each element of the chain an address presented ({@link Subjects#chainElement}).
     * Built from the reports with the functions that build the subjects, so that no subject is parsed.
     */
    static Map<String, String> hostsBySubject(List<MxReport> mx) {
        Map<String, String> hosts = new java.util.HashMap<>();
        for (MxReport m : mx) {
            hosts.put(m.host(), m.host());
            for (AddressReport a : m.addresses()) {
                String subject = Subjects.address(m.host(), a.address(), a.port());
                hosts.put(subject, m.host());
                int chain = a.tlsSession().map(t -> t.chain().size()).orElse(0);
                for (int i = 1; i < chain; i++) {
                    hosts.put(Subjects.chainElement(subject, i), m.host());
                }
            }
        }
        return hosts;
    }
}
