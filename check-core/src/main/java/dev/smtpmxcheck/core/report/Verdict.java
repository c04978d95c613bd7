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
 * code are CRITICAL only when no address of the domain accepts sessions; while one does, senders
 * fall back to it (RFC 5321 §5.1) and they are WARNING. A domain with a null MX (RFC 7505) and no
 * other finding is OK: it accepts no mail by design.
 *
 * @param state the verdict
 * @param summary one line for the status line, at most {@link #MAX_SUMMARY} characters
 * @param findings the findings with adjusted severities, worst first (stable within a severity)
 */
public record Verdict(State state, String summary, List<Finding> findings) {

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
        boolean anyUsable = mx.stream().flatMap(m -> m.addresses().stream()).anyMatch(AddressReport::acceptsSessions);
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
        return new Verdict(state, summarize(domain, source, mx, adjusted), adjusted);
    }

    private static String summarize(String domain, MxSource source, List<MxReport> mx, List<Finding> findings) {
        List<String> parts = new ArrayList<>();
        if (source == MxSource.NULL_MX) {
            parts.add(domain + " accepts no mail (null MX)");
        }
        if (source == MxSource.FAILED) {
            findings.stream().filter(f -> f.code().name().startsWith("DNS_")).findFirst()
                    .ifPresent(f -> parts.add(f.code().name() + ": " + f.message()));
        }
        List<MxReport> down = mx.stream()
                .filter(m -> m.addresses().stream().noneMatch(AddressReport::acceptsSessions))
                .collect(Collectors.toList());
        Set<String> downHosts = down.stream().map(MxReport::host).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!down.isEmpty()) {
            // "unreachable" only when nothing answered at all; a server that answered and refused is "not accepting mail".
            boolean silent = down.stream().allMatch(m -> m.addresses().stream()
                    .allMatch(a -> a.failureCode().filter(c -> c == FindingCode.MX_UNREACHABLE).isPresent()));
            String noun = source == MxSource.HOST ? "host" : "MX";
            parts.add(down.size() + " of " + mx.size() + " " + noun + (silent ? " unreachable (" : " not accepting mail (")
                    + String.join(", ", downHosts) + ")");
        }
        Map<FindingCode, Set<String>> problems = new LinkedHashMap<>();
        for (Finding f : findings) {
            boolean counted = f.severity() == Severity.WARNING || f.severity() == Severity.CRITICAL
                    || f.severity() == Severity.UNKNOWN;
            boolean alreadySaid = (source == MxSource.FAILED && f.code().name().startsWith("DNS_"))
                    || (f.code() == FindingCode.MX_UNREACHABLE || f.code() == FindingCode.MX_HOST_NO_ADDRESS)
                            && downHosts.contains(hostOf(f.subject()));
            if (counted && !alreadySaid) {
                problems.computeIfAbsent(f.code(), c -> new LinkedHashSet<>()).add(hostOf(f.subject()));
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

    /** "mx1.example.com [192.0.2.1]:25 chain[1]" → "mx1.example.com". */
    static String hostOf(String subject) {
        int space = subject.indexOf(' ');
        return space < 0 ? subject : subject.substring(0, space);
    }
}
