package dev.smtpmxcheck.core.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold range in the syntax of the Monitoring Plugins Development Guidelines
 * ("Threshold and ranges", https://www.monitoring-plugins.org/doc/guidelines.html#THRESHOLDFORMAT).
 * An alert is raised when a value is outside the range, or inside it (end points included) with a leading
 * {@code @}:
 *
 * <table>
 * <caption>Range forms</caption>
 * <tr><th>Text</th><th>Alert when</th></tr>
 * <tr><td>{@code 10}</td><td>&lt; 0 or &gt; 10 (a missing start means 0)</td></tr>
 * <tr><td>{@code 10:}</td><td>&lt; 10 (a missing end means +∞)</td></tr>
 * <tr><td>{@code ~:10}</td><td>&gt; 10 ({@code ~} means −∞)</td></tr>
 * <tr><td>{@code 10:20}</td><td>&lt; 10 or &gt; 20</td></tr>
 * <tr><td>{@code @10:20}</td><td>≥ 10 and ≤ 20</td></tr>
 * </table>
 *
 * <p>Numbers are plain decimals with an optional sign and a {@code '.'} decimal point, whatever the locale
 * ({@code 0.5}, {@code -1}, {@code .25}); exponents, {@code NaN} and {@code Infinity} are refused. The unit
 * is whatever the option measures (the greeting-time thresholds are in seconds).
 *
 * @param start the lowest value that does not alert; {@link Double#NEGATIVE_INFINITY} for {@code ~}
 * @param end the highest value that does not alert; {@link Double#POSITIVE_INFINITY} when omitted
 * @param inside true for a leading {@code @}: alert inside {@code start..end} instead of outside
 * @param text the range as given (trimmed), used in perfdata; derived from the other fields when null
 */
public record Range(double start, double end, boolean inside, String text) {

    private static final String NUMBER = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)";
    private static final Pattern SYNTAX = Pattern.compile(
            "(@)?(?:(~|" + NUMBER + ")?:)?(" + NUMBER + ")?");

    /**
     * Validates the end points and fills in {@code text} when it is null.
     *
     * @throws IllegalArgumentException when an end point is NaN, {@code start > end}, or the start is
     *     +∞ or the end −∞
     */
    public Range {
        if (Double.isNaN(start) || Double.isNaN(end)) {
            throw new IllegalArgumentException("range end point is not a number");
        }
        if (start > end || start == Double.POSITIVE_INFINITY || end == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("range start " + format(start) + " is greater than its end " + format(end));
        }
        if (text == null) {
            text = canonical(start, end, inside);
        }
    }

    /**
     * Parses a range such as {@code 10}, {@code 10:}, {@code ~:10}, {@code 10:20} or {@code @10:20}.
     * Surrounding white space is ignored; {@code :10} means {@code 0:10}.
     *
     * @param text the range as the user typed it
     * @return the range, whose {@link #toString()} is {@code text} trimmed
     * @throws IllegalArgumentException with a one-line message quoting {@code text} when it is null, empty,
     *     not in the syntax above, or its start is greater than its end
     */
    public static Range parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid range '" + (text == null ? "" : quote(text)) + "': empty");
        }
        String t = text.trim();
        Matcher m = SYNTAX.matcher(t);
        if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
            throw new IllegalArgumentException("invalid range '" + quote(t)
                    + "': expected N, N:, ~:N, N:M or @N:M with decimal numbers");
        }
        boolean inside = m.group(1) != null;
        String s = m.group(2);
        String e = m.group(3);
        double start = s == null ? 0 : "~".equals(s) ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
        double end = e == null ? Double.POSITIVE_INFINITY : Double.parseDouble(e);
        if (start > end) {
            throw new IllegalArgumentException("invalid range '" + quote(t) + "': start " + format(start)
                    + " is greater than end " + format(end));
        }
        return new Range(start, end, inside, t);
    }

    /**
     * The user's text for a one-line message: control characters (C0, DEL, C1; a line feed would split the
     * message) shown as {@code \xNN}, at most 80 characters.
     */
    private static String quote(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i == 80) {
                return sb.append("...").toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * True when {@code value} should raise an alert: outside {@code start..end}, or inside it (end points
     * included) for an {@code @} range. NaN never alerts.
     *
     * @param value the measured value, in the unit of the option (seconds for the greeting time)
     */
    public boolean alerts(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean within = value >= start && value <= end;
        return inside == within;
    }

    /** The range as given, for the warn and crit fields of perfdata. */
    @Override
    public String toString() {
        return text;
    }

    private static String canonical(double start, double end, boolean inside) {
        StringBuilder sb = new StringBuilder();
        if (inside) {
            sb.append('@');
        }
        if (start == Double.NEGATIVE_INFINITY) {
            sb.append("~:");
        } else if (start != 0 || end == Double.POSITIVE_INFINITY) {
            sb.append(format(start)).append(':');
        }
        if (end != Double.POSITIVE_INFINITY) {
            sb.append(format(end));
        }
        return sb.toString();
    }

    private static String format(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "~";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%s", d);
    }
}
