package dev.smtpmxcheck.core.policy.mtasts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed MTA-STS policy (RFC 8461 §3.2), the file at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
 * In {@link Mode#ENFORCE} a sender delivers only to MX hosts matching {@code mx} that present a valid certificate;
 * in {@link Mode#TESTING} a mismatch is reported but never stops delivery.
 *
 * @param version always {@code STSv1}
 * @param mode enforce, testing or none
 * @param mx the allowed MX patterns, in order
 * @param maxAge how long senders cache the policy, in seconds (0 to {@value #MAX_AGE_LIMIT})
 * @param extensions other keys with their first value (senders ignore them)
 */
public record StsPolicy(String version, Mode mode, List<MxPattern> mx, long maxAge, Map<String, String> extensions) {

    /** The largest {@code max_age}, in seconds (one year, RFC 8461 §3.2). */
    public static final long MAX_AGE_LIMIT = 31_557_600L;

    /** A key, a colon, optional white space, the value (RFC 8461 §3.2 {@code field-delim = ":" *WSP}). */
    private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]{0,31}):[ \\t]*(.*?)[ \\t]*");
    /** sts-policy-ext-value: visible characters, with single spaces or tabs inside. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E]+(?:[ \\t]+[\\x21-\\x7E]+)*");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");

    public StsPolicy {
        mx = List.copyOf(mx);
        extensions = Map.copyOf(extensions);
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parse {
        /** A valid policy. */
        record Valid(StsPolicy policy) implements Parse {}

        /** @param reason why the text is not a valid policy, one line naming the line or key at fault */
        record Invalid(String reason) implements Parse {}
    }

    /** True when some pattern of {@link #mx()} matches {@code mxHost} (RFC 8461 §4.1). */
    public boolean allows(String mxHost) {
        return mx.stream().anyMatch(p -> p.matches(mxHost));
    }

    /**
     * Parses a policy file against RFC 8461 §3.2. Lines end with CRLF or LF, the last one optionally; blank lines
     * are skipped. Each line is {@code key: value} (no white space before the colon). Keys are case-sensitive.
     * {@code version} must be {@code STSv1}; {@code mode} one of {@code enforce}, {@code testing}, {@code none};
     * {@code max_age} 1 to 10 digits, at most {@value #MAX_AGE_LIMIT}; {@code mx} {@code ["*."] Domain} and may
     * repeat. All four are required ("If any field is not specified, the policy SHALL be treated as invalid").
     * When another key repeats, its first value counts; unknown keys are ignored.
     *
     * @param text the body, decoded as UTF-8
     * @return valid, or invalid with a one-line reason; never null
     */
    public static Parse parse(String text) {
        String version = null;
        String modeText = null;
        String maxAgeText = null;
        List<MxPattern> mx = new ArrayList<>();
        Map<String, String> extensions = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                return new Parse.Invalid("line " + number + " is not \"key: value\": " + shorten(line));
            }
            String key = m.group(1);
            String value = m.group(2);
            if (!VALUE.matcher(value).matches()) {
                return new Parse.Invalid("line " + number + ": the value of " + key + " is empty or holds control characters");
            }
            switch (key) {
                case "version":
                    version = version == null ? value : version;
                    break;
                case "mode":
                    modeText = modeText == null ? value : modeText;
                    break;
                case "max_age":
                    maxAgeText = maxAgeText == null ? value : maxAgeText;
                    break;
                case "mx":
                    if (!MxPattern.valid(value)) {
                        return new Parse.Invalid("line " + number + ": mx \"" + shorten(value)
                                + "\" is not a host name or *.host name (the wildcard may only be the whole left-most label)");
                    }
                    mx.add(new MxPattern(value));
                    break;
                default:
                    extensions.putIfAbsent(key, value);
            }
        }
        if (version == null) {
            return new Parse.Invalid("no version field");
        }
        if (!StsRecord.VERSION.equals(version)) {
            return new Parse.Invalid("version is \"" + shorten(version) + "\", not STSv1");
        }
        if (modeText == null) {
            return new Parse.Invalid("no mode field");
        }
        Mode mode = Mode.ofToken(modeText);
        if (mode == null) {
            return new Parse.Invalid("mode is \"" + shorten(modeText) + "\", not enforce, testing or none");
        }
        if (maxAgeText == null) {
            return new Parse.Invalid("no max_age field");
        }
        if (!MAX_AGE.matcher(maxAgeText).matches()) {
            return new Parse.Invalid("max_age \"" + shorten(maxAgeText) + "\" is not 1 to 10 digits");
        }
        long maxAge = Long.parseLong(maxAgeText);
        if (maxAge > MAX_AGE_LIMIT) {
            return new Parse.Invalid("max_age " + maxAge + " exceeds the limit of " + MAX_AGE_LIMIT + " s (one year, RFC 8461 §3.2)");
        }
        if (mx.isEmpty()) {
            return new Parse.Invalid("no mx field");
        }
        return new Parse.Valid(new StsPolicy(version, mode, mx, maxAge, extensions));
    }

    private static String shorten(String s) {
        String t = s.length() <= 60 ? s : s.substring(0, 57) + "...";
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
