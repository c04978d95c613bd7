package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.report.Range;
import java.util.regex.Pattern;

/**
 * Performance data in the format of the Monitoring Plugins Development Guidelines
 * ({@code 'label'=value[UOM];[warn];[crit];[min];[max]}): labels quoted when they hold anything but letters,
 * digits and underscores, single quotes doubled, no {@code '='}; numbers always with {@code '.'} as decimal
 * point whatever the default locale; {@code U} when a value could not be measured.
 */
public final class Perfdata {

    /** The value of a measurement that could not be taken (guidelines: "U"). */
    public static final String UNKNOWN_VALUE = "U";

    private static final Pattern PLAIN_LABEL = Pattern.compile("[A-Za-z0-9_]+");

    private Perfdata() {}

    /**
     * A label as perfdata wants it: {@code '='}, {@code '|'} and control characters become {@code '_'},
     * single quotes are doubled, and the label is put in single quotes unless it is only letters, digits and
     * underscores.
     *
     * @param raw the label, e.g. {@code mx1.example.test_192.0.2.1_time_connect}
     */
    public static String label(String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 2);
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '=' || ch == '|' || Character.isISOControl(ch)) {
                sb.append('_');
            } else if (ch == '\'') {
                sb.append("''");
            } else {
                sb.append(ch);
            }
        }
        String s = sb.toString();
        return PLAIN_LABEL.matcher(s).matches() ? s : "'" + s + "'";
    }

    /**
     * Milliseconds as seconds with three decimals and the unit {@code s}, e.g. 12 → {@code 0.012s};
     * null → {@code U}. Locale-independent.
     *
     * @param millis a duration in milliseconds, or null when not measured
     */
    public static String seconds(Long millis) {
        if (millis == null) {
            return UNKNOWN_VALUE;
        }
        return secondsNumber(millis) + "s";
    }

    /**
     * Milliseconds as a decimal number of seconds with exactly three decimals ({@code 1234 → 1.234},
     * {@code -5 → -0.005}), computed without {@link String#format} so no locale can change the decimal point.
     */
    public static String secondsNumber(long millis) {
        long abs = Math.abs(millis);
        String frac = Long.toString(abs % 1000);
        return (millis < 0 ? "-" : "") + abs / 1000 + "." + "000".substring(frac.length()) + frac;
    }

    /**
     * One perfdata entry; trailing empty fields are dropped.
     *
     * @param label the raw label (escaped here)
     * @param value the value with its unit ({@code 0.012s}, {@code 45}) or {@code U}
     * @param warn the warning range, or null
     * @param crit the critical range, or null
     * @param min the minimum, or null
     * @param max the maximum, or null
     */
    public static String entry(String label, String value, Range warn, Range crit, String min, String max) {
        String[] fields = {value, warn == null ? "" : warn.toString(), crit == null ? "" : crit.toString(),
            min == null ? "" : min, max == null ? "" : max};
        int last = fields.length - 1;
        while (last > 0 && fields[last].isEmpty()) {
            last--;
        }
        StringBuilder sb = new StringBuilder(label(label)).append('=');
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                sb.append(';');
            }
            sb.append(fields[i]);
        }
        return sb.toString();
    }
}
