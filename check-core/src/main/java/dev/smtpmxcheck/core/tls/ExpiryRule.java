package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate of the chain is judged to expire soon (CERT_EXPIRES_SOON): fewer whole days left than the
 * warning or critical days (the Nagios {@code -w 30 -c 7} convention), or less than a share of the certificate's
 * own lifetime ({@code notAfter - notBefore}, RFC 5280 §4.1.2.5) left ({@code -w 33% -c 10%}).
 *
 * <p>Each level is either days or a percentage. Two rules keep short-lived certificates from warning for ever:
 * <ul>
 *   <li>a level given in days judges a <em>short-lived</em> certificate, one whose whole lifetime is shorter than
 *       twice the warning days (a 6-day or a 47-day certificate under {@code -w 30}; a 90-day one is not), by the
 *       percentage defaults, {@value #DEFAULT_WARNING_PERCENT}% and {@value #DEFAULT_CRITICAL_PERCENT}%, instead:
 *       under the days rule it would be in the warning period for more than half of its life (a 6-day one from the
 *       moment it is issued), so the warning would no longer tell a renewal that failed from one that is not due;</li>
 *   <li>a level given as a percentage judges the server's own (leaf) certificate only; the CA certificates of the
 *       chain live for years, so a share of their lifetime would warn months ahead, and they are judged by the
 *       days ({@code warningDays}, {@code criticalDays}) as before.</li>
 * </ul>
 *
 * @param warningDays WARNING below this many whole days left, where days apply; 0 turns it off
 * @param criticalDays CRITICAL below this many whole days left, where days apply; 0 turns it off
 * @param warningPercent WARNING below this share (percent, 0 to 100) of the lifetime left, for the leaf; null to
 *     use days
 * @param criticalPercent CRITICAL below this share (percent, 0 to 100) of the lifetime left, for the leaf; null to
 *     use days
 */
public record ExpiryRule(int warningDays, int criticalDays, Integer warningPercent, Integer criticalPercent) {

    /** The share of its lifetime left, in percent, below which a short-lived certificate is WARNING: 33. */
    public static final int DEFAULT_WARNING_PERCENT = 33;

    /** The share of its lifetime left, in percent, below which a short-lived certificate is CRITICAL: 10. */
    public static final int DEFAULT_CRITICAL_PERCENT = 10;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /**
     * @throws IllegalArgumentException when a number of days is negative or a percentage is outside 0 to 100
     */
    public ExpiryRule {
        if (warningDays < 0 || criticalDays < 0) {
            throw new IllegalArgumentException("certificate day thresholds must not be negative: warning "
                    + warningDays + ", critical " + criticalDays);
        }
        if (!percent(warningPercent) || !percent(criticalPercent)) {
            throw new IllegalArgumentException("certificate lifetime thresholds must be 0 to 100 percent: warning "
                    + warningPercent + ", critical " + criticalPercent);
        }
    }

    /** Days only: {@code -w warningDays -c criticalDays}. */
    public static ExpiryRule days(int warningDays, int criticalDays) {
        return new ExpiryRule(warningDays, criticalDays, null, null);
    }

    /**
     * What this rule says of one certificate that is valid now.
     *
     * @param c the certificate
     * @param now the check's time; null to take {@code notAfter - daysLeft days}
     * @return the severity (null when the certificate is not close enough to expiry) and the rule that applied
     */
    public Judgement judge(CertificateFacts c, Instant now) {
        Instant at = now != null ? now : c.notAfter().minusMillis(c.daysLeft() * MILLIS_PER_DAY);
        Duration lifetime = Duration.between(c.notBefore(), c.notAfter());
        Duration left = Duration.between(at, c.notAfter());
        boolean leaf = c.position() == 0;
        // Under the days rule such a certificate would sit in the warning period for more than half of its life.
        boolean shortLived = !lifetime.isNegative() && lifetime.compareTo(Duration.ofDays(2L * warningDays)) < 0;
        Integer warnShare = leaf && warningPercent != null ? warningPercent
                : shortLived ? Integer.valueOf(DEFAULT_WARNING_PERCENT) : null;
        Integer critShare = leaf && criticalPercent != null ? criticalPercent
                : shortLived ? Integer.valueOf(DEFAULT_CRITICAL_PERCENT) : null;
        double leftPercent = lifetime.isZero() || lifetime.isNegative() ? 0
                : 100.0 * left.toMillis() / lifetime.toMillis();
        long days = c.daysLeft();
        Severity severity = null;
        String rule = null;
        if (critShare != null ? leftPercent < critShare : days < criticalDays) {
            severity = Severity.CRITICAL;
            rule = critShare != null ? shareRule(critShare, lifetime, leftPercent, shortLived && !(leaf && criticalPercent != null))
                    : "fewer than " + dayWord(criticalDays) + " left";
        } else if (warnShare != null ? leftPercent < warnShare : days < warningDays) {
            severity = Severity.WARNING;
            rule = warnShare != null ? shareRule(warnShare, lifetime, leftPercent, shortLived && !(leaf && warningPercent != null))
                    : "fewer than " + dayWord(warningDays) + " left";
        }
        return new Judgement(severity, rule);
    }

    private String shareRule(int share, Duration lifetime, double leftPercent, boolean fallback) {
        String text = "less than " + share + "% of its " + lifetimeText(lifetime) + " lifetime left ("
                + (int) Math.floor(leftPercent) + "%)";
        return fallback ? text + ", as the warning threshold of " + dayWord(warningDays)
                + " would cover more than half of that lifetime" : text;
    }

    /** "6-day", "47-day", "36-hour". */
    private static String lifetimeText(Duration lifetime) {
        long days = lifetime.toDays();
        return days >= 2 ? days + "-day" : lifetime.toHours() + "-hour";
    }

    private static String dayWord(long n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private static boolean percent(Integer p) {
        return p == null || (p >= 0 && p <= 100);
    }

    /**
     * The verdict on one certificate.
     *
     * @param severity WARNING or CRITICAL, or null when the certificate is not close enough to expiry
     * @param rule the rule that gave the severity, in words ("fewer than 30 days left", "less than 33% of its
     *     6-day lifetime left (25%)"); null with a null severity
     */
    public record Judgement(Severity severity, String rule) {}
}
