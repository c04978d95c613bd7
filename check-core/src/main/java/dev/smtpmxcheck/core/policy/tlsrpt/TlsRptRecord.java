package dev.smtpmxcheck.core.policy.tlsrpt;

import dev.smtpmxcheck.core.policy.fields.TxtFields;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A TLS-RPT record at {@code _smtp._tls.<domain>} (RFC 8460 §3), for example
 * {@code v=TLSRPTv1; rua=mailto:tlsrpt@example.com}: where senders send their daily reports on TLS failures.
 *
 * @param rua the report URIs, {@code mailto:} or {@code https:}, in order
 * @param extensions other {@code name=value} fields (senders ignore them)
 */
public record TlsRptRecord(List<String> rua, Map<String, String> extensions) {

    /** The version field a record begins with. */
    public static final String VERSION = "v=TLSRPTv1";

    private static final Pattern CANDIDATE = Pattern.compile("^v=TLSRPTv1(?:$|[ \\t;])");
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$&'*+/=?^_`{|}~.%-]+");

    public TlsRptRecord {
        rua = List.copyOf(rua);
        extensions = Map.copyOf(extensions);
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parse {
        /** A valid record. */
        record Valid(TlsRptRecord record) implements Parse {}

        /** @param reason why the text is not a valid record, one line */
        record Invalid(String reason) implements Parse {}
    }

    /** True when {@code text} begins with {@code v=TLSRPTv1} (RFC 8460 §3: other TXT records are discarded). */
    public static boolean isCandidate(String text) {
        return CANDIDATE.matcher(text).find();
    }

    /**
     * Parses one record against RFC 8460 §3:
     * {@code tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]} with
     * {@code field-delim = *WSP ";" *WSP}; exactly one {@code rua=} field, whose value is one or more URIs
     * separated by commas (white space around them allowed). Each URI is {@code mailto:local@domain} (optional
     * {@code ?} headers) or {@code https://host/...}; other schemes are not defined and make the record invalid.
     * Extension fields are {@code name=value} and ignored.
     *
     * @param text the record, character-strings joined
     * @return valid, or invalid with a one-line reason; never null
     */
    public static Parse parse(String text) {
        if (!text.startsWith(VERSION)) {
            return new Parse.Invalid("does not begin with " + VERSION);
        }
        String rest = text.substring(VERSION.length());
        if (rest.isEmpty()) {
            return new Parse.Invalid("no rua field after " + VERSION);
        }
        if (!TxtFields.startsWithSeparator(rest)) {
            return new Parse.Invalid(VERSION + " must be followed by \";\"");
        }
        TxtFields.Split split = TxtFields.split(rest);
        if (split instanceof TxtFields.Split.Invalid) {
            return new Parse.Invalid(((TxtFields.Split.Invalid) split).reason());
        }
        List<String> rua = null;
        Map<String, String> extensions = new LinkedHashMap<>();
        for (TxtFields.Field field : ((TxtFields.Split.Fields) split).fields()) {
            String name = field.name();
            String value = field.value();
            if (name.equals("rua")) {
                if (rua != null) {
                    return new Parse.Invalid("more than one rua field");
                }
                rua = new ArrayList<>();
                for (String uri : value.split("[ \\t]*,[ \\t]*", -1)) {
                    String problem = uriProblem(uri);
                    if (problem != null) {
                        return new Parse.Invalid(problem);
                    }
                    rua.add(uri);
                }
            } else {
                String problem = TxtFields.extensionProblem(field);
                if (problem != null) {
                    return new Parse.Invalid(problem);
                }
                extensions.put(name, value);
            }
        }
        if (rua == null) {
            return new Parse.Invalid("no rua field");
        }
        return new Parse.Valid(new TlsRptRecord(rua, extensions));
    }

    /** Why {@code uri} is not a usable report URI (RFC 8460 §3: mailto or https), or null when it is. */
    static String uriProblem(String uri) {
        if (uri.isEmpty()) {
            return "empty rua URI";
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            String address = uri.substring("mailto:".length());
            int query = address.indexOf('?');
            if (query >= 0) {
                address = address.substring(0, query);
            }
            int at = address.lastIndexOf('@');
            if (at <= 0 || !LOCAL_PART.matcher(address.substring(0, at)).matches()
                    || !DOMAIN.matcher(address.substring(at + 1)).matches()) {
                return "rua \"" + uri + "\" is not mailto:local@domain";
            }
            return null;
        }
        if (lower.startsWith("https:")) {
            try {
                URI parsed = new URI(uri);
                if (parsed.getHost() == null || !DOMAIN.matcher(parsed.getHost()).matches()) {
                    return "rua \"" + uri + "\" has no valid host name";
                }
                return null;
            } catch (URISyntaxException e) {
                return "rua \"" + uri + "\" is not a valid URI: " + e.getReason();
            }
        }
        int colon = uri.indexOf(':');
        return "rua \"" + uri + "\" uses " + (colon > 0 ? "the scheme " + uri.substring(0, colon) : "no scheme")
                + "; only mailto: and https: are defined";
    }
}
