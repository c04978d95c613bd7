package dev.smtpmxcheck.core.diagnostics;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.SessionSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compares the sessions to one address ({@code --probes N}). Pure: no I/O. Behind one address several servers may
 * answer (a load balancer's pool, anycast nodes); a sender meets whichever does, so they must agree. PROBES_DISAGREE
 * (WARNING) names each difference and in how many of the sessions it was seen:
 *
 * <ul>
 *   <li>some sessions failed (refused, timed out, rejected) while others went through;</li>
 *   <li>among the sessions that went through, STARTTLS offered in some only (RFC 3207);</li>
 *   <li>different leaf certificates (SHA-256 fingerprints) after STARTTLS;</li>
 *   <li>different host names in the greeting (RFC 5321 §4.3.1).</li>
 * </ul>
 */
public final class SessionComparison {
    private SessionComparison() {}

    /**
     * @param subject the address subject ({@code host [address]:port})
     * @param samples one per session run, the main probe's first
     * @return the finding, or empty when every session answered alike or fewer than two ran
     */
    public static Optional<Finding> of(String subject, List<SessionSample> samples) {
        if (samples.size() < 2) {
            return Optional.empty();
        }
        int n = samples.size();
        List<String> differences = new ArrayList<>();
        List<SessionSample> answered = samples.stream().filter(SessionSample::answered).toList();
        if (!answered.isEmpty() && answered.size() < n) {
            differences.add("failed in " + (n - answered.size()) + " of " + n + " (" + counts(samples.stream()
                    .filter(s -> !s.answered()).toList(), s -> s.failureCode().name(), n) + ")");
        }
        long offered = answered.stream().filter(SessionSample::starttlsOffered).count();
        if (offered > 0 && offered < answered.size()) {
            differences.add("STARTTLS offered in " + offered + " of " + n);
        }
        List<SessionSample> withTls = answered.stream().filter(s -> s.leafSha256() != null).toList();
        if (withTls.stream().map(SessionSample::leafSha256).distinct().count() > 1) {
            differences.add(withTls.stream().map(SessionSample::leafSha256).distinct().count() + " certificates ("
                    + counts(withTls, s -> "sha256 " + abbreviated(s.leafSha256()), n) + ")");
        }
        List<SessionSample> greeted = answered.stream().filter(s -> s.greetingHost() != null).toList();
        if (greeted.stream().map(SessionSample::greetingHost).distinct().count() > 1) {
            differences.add("greeting host names " + counts(greeted, SessionSample::greetingHost, n));
        }
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.PROBES_DISAGREE, subject,
                n + " sessions answered differently: " + String.join("; ", differences)));
    }

    /** "a in 2 of 4, b in 2 of 4", in the order first seen. */
    private static String counts(List<SessionSample> samples, Function<SessionSample, String> key, int n) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (SessionSample s : samples) {
            seen.merge(Objects.toString(key.apply(s)), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        seen.forEach((k, count) -> parts.add(k + " in " + count + " of " + n));
        return String.join(", ", parts);
    }

    private static String abbreviated(String hex) {
        return hex.length() <= 8 ? hex : hex.substring(0, 8) + "…";
    }
}
