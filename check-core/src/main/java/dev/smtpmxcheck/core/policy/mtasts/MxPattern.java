package dev.smtpmxcheck.core.policy.mtasts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code mx} pattern of an MTA-STS policy (RFC 8461 §3.2 {@code ["*."] Domain}, matched per §4.1): a host
 * name, or a host name whose left-most label is {@code *}, which stands for exactly one label.
 * {@code *.example.com} matches {@code mail.example.com} but neither {@code example.com} nor
 * {@code a.b.example.com}. Matching ignores case and a trailing dot.
 *
 * @param text the pattern as written in the policy
 */
public record MxPattern(String text) {

    /** RFC 5321 §4.1.2 Domain: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /**
     * Checks the syntax.
     *
     * @throws IllegalArgumentException when {@code text} is not {@code ["*."] Domain}: a wildcard other than as the
     *     whole left-most label ({@code mx*.example.com}, {@code *.*.example.com}, {@code a.*.example.com}), empty
     *     labels, or characters outside letters, digits, hyphens and dots
     */
    public MxPattern {
        if (text == null || !valid(text)) {
            throw new IllegalArgumentException("not an MX pattern (RFC 8461 §3.2: [\"*.\"] Domain): "
                    + (text == null ? "null" : "\"" + text + "\""));
        }
    }

    /** True when {@code text} is {@code ["*."] Domain} (RFC 8461 §3.2). */
    public static boolean valid(String text) {
        String domain = text.startsWith("*.") ? text.substring(2) : text;
        return domain.length() <= 253 && DOMAIN.matcher(domain).matches();
    }

    /** True when the pattern starts with the wildcard label {@code *.}. */
    public boolean wildcard() {
        return text.startsWith("*.");
    }

    /**
     * Whether the MX host {@code mxHost} is allowed by this pattern (RFC 8461 §4.1).
     *
     * @param mxHost the MX target name (A-labels, with or without trailing dot)
     */
    public boolean matches(String mxHost) {
        String host = normalize(mxHost);
        String pattern = normalize(text);
        if (!wildcard()) {
            return host.equals(pattern);
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (!host.endsWith(suffix)) {
            return false;
        }
        String first = host.substring(0, host.length() - suffix.length());
        return !first.isEmpty() && first.indexOf('.') < 0;
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
