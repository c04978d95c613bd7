package dev.smtpmxcheck.core.policy.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field list that MTA-STS and TLS-RPT TXT records share after their version tag: fields
 * {@code name=value} separated by {@code ;} with optional blanks around it, and an optional separator at the end
 * (RFC 8461 §3.1 {@code sts-sep}, RFC 8460 §3 {@code field-delim}). The callers check the version tag and the
 * meaning of each field; this class only splits and checks the grammar common to both.
 */
public final class TxtFields {

    /** One {@code name=value} field, as written (no case folding). */
    public record Field(String name, String value) {
    }

    /** The outcome of {@link #split}: the fields, or why the list is malformed. */
    public sealed interface Split {
        /** The fields in order. */
        record Fields(List<Field> fields) implements Split {
            public Fields {
                fields = List.copyOf(fields);
            }
        }

        /** Malformed: {@code reason} is one line, e.g. {@code empty field (";;")}. */
        record Invalid(String reason) implements Split {
        }
    }

    /** {@code ;} with optional spaces and tabs around it (RFC 8461 §3.1, RFC 8460 §3: {@code *WSP ";" *WSP}). */
    private static final Pattern SEPARATOR = Pattern.compile("[ \\t]*;[ \\t]*");
    /** An extension name: RFC 8461 {@code sts-ext-name}, RFC 8460 {@code tlsrpt-ext-name}. */
    private static final Pattern EXT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
    /** An extension value: visible characters but {@code ;} and {@code =} (both RFCs' {@code ext-value}). */
    private static final Pattern EXT_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C\\x3E-\\x7E]+");

    private TxtFields() {
    }

    /**
     * True if {@code rest}, the text after the version tag, starts with a separator, as both grammars require
     * before the first field.
     */
    public static boolean startsWithSeparator(String rest) {
        return SEPARATOR.matcher(rest).lookingAt();
    }

    /**
     * Splits the text after the version tag into its fields.
     *
     * @param rest the record after {@code v=STSv1} or {@code v=TLSRPTv1}; must {@link #startsWithSeparator start
     *     with a separator}
     * @return the fields, or invalid with a one-line reason (an empty field, a field without {@code =}); never null
     * @throws IllegalArgumentException if {@code rest} does not start with a separator
     */
    public static Split split(String rest) {
        Matcher sep = SEPARATOR.matcher(rest);
        if (!sep.lookingAt()) {
            throw new IllegalArgumentException("the field list must start with \";\"");
        }
        List<Field> fields = new ArrayList<>();
        int pos = sep.end();
        while (pos < rest.length()) {
            int next = rest.indexOf(';', pos);
            // White space may stand only around the separators: strip what precedes the next ";".
            String field = next < 0 ? rest.substring(pos) : rest.substring(pos, next).replaceAll("[ \\t]+$", "");
            if (field.isEmpty()) {
                return new Split.Invalid("empty field (\";;\")");
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                return new Split.Invalid("field \"" + field + "\" is not name=value");
            }
            fields.add(new Field(field.substring(0, eq), field.substring(eq + 1)));
            if (next < 0) {
                break;
            }
            sep = SEPARATOR.matcher(rest);
            sep.region(next, rest.length());
            sep.lookingAt();
            pos = sep.end();
        }
        return new Split.Fields(fields);
    }

    /**
     * Why {@code field} is not a valid extension field (a field neither record defines), or null when it is:
     * RFC 8461 §3.1 {@code sts-extension}, RFC 8460 §3 {@code tlsrpt-extension}. The version tag {@code v} may
     * stand only first, so a later {@code v=} is no extension either.
     */
    public static String extensionProblem(Field field) {
        if (field.name().equals("v")) {
            return "v= appears again after the first field";
        }
        if (!EXT_NAME.matcher(field.name()).matches()) {
            return "field name \"" + field.name() + "\" is not valid";
        }
        if (!EXT_VALUE.matcher(field.value()).matches()) {
            return "value of " + field.name() + " is empty or holds a space, \";\" or \"=\"";
        }
        return null;
    }
}
