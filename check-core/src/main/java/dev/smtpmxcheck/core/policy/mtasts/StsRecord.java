package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.policy.fields.TxtFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An MTA-STS TXT record at {@code _mta-sts.<domain>} (RFC 8461 §3.1), for example
 * {@code v=STSv1; id=20260101T000000;}. Its {@code id} changes whenever the policy file changes, so that senders
 * fetch it again.
 *
 * @param version always {@code STSv1}
 * @param id the policy's identifier: 1 to 32 letters or digits
 * @param extensions other {@code name=value} fields, in order (senders ignore them)
 */
public record StsRecord(String version, String id, Map<String, String> extensions) {

    /** The version tag a record begins with. */
    public static final String VERSION = "STSv1";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** What a candidate record begins with: {@code v=STSv1}, then the end, a separator or white space. */
    private static final Pattern CANDIDATE = Pattern.compile("^v=STSv1(?:$|[ \\t;])");

    public StsRecord {
        extensions = Map.copyOf(extensions);
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parse {
        /** A valid record. */
        record Valid(StsRecord record) implements Parse {}

        /** @param reason why the text is not a valid record, one line */
        record Invalid(String reason) implements Parse {}
    }

    /**
     * The outcome of {@link #select}: what a sender makes of all TXT records at {@code _mta-sts} (RFC 8461 §3.1:
     * records not beginning with {@code v=STSv1} are discarded; if not exactly one remains, or it is invalid, the
     * domain has no MTA-STS).
     */
    public sealed interface Selection {
        /** No record begins with {@code v=STSv1}. */
        record Absent() implements Selection {}

        /** @param texts the several candidate records */
        record Multiple(List<String> texts) implements Selection {
            public Multiple {
                texts = List.copyOf(texts);
            }
        }

        /**
         * @param text the one candidate record
         * @param reason why it is invalid
         */
        record Invalid(String text, String reason) implements Selection {}

        /**
         * @param text the one candidate record
         * @param record it parsed
         */
        record Valid(String text, StsRecord record) implements Selection {}
    }

    /** True when {@code text} begins with {@code v=STSv1} and is thus meant as an MTA-STS record (RFC 8461 §3.1). */
    public static boolean isCandidate(String text) {
        return CANDIDATE.matcher(text).find();
    }

    /**
     * Picks the MTA-STS record out of the TXT records at {@code _mta-sts.<domain>} (RFC 8461 §3.1).
     *
     * @param texts every TXT record there, character-strings joined
     */
    public static Selection select(List<String> texts) {
        List<String> candidates = new ArrayList<>();
        for (String t : texts) {
            if (isCandidate(t)) {
                candidates.add(t);
            }
        }
        if (candidates.isEmpty()) {
            return new Selection.Absent();
        }
        if (candidates.size() > 1) {
            return new Selection.Multiple(candidates);
        }
        String text = candidates.get(0);
        Parse parse = parse(text);
        if (parse instanceof Parse.Invalid invalid) {
            return new Selection.Invalid(text, invalid.reason());
        }
        if (parse instanceof Parse.Valid valid) {
            return new Selection.Valid(text, valid.record());
        }
        throw new IllegalStateException("unknown parse outcome " + parse);
    }

    /**
     * Parses one record against RFC 8461 §3.1:
     * {@code sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]}, where {@code sts-version} is exactly
     * {@code v=STSv1}, {@code sts-id} is {@code id=} and 1 to 32 letters or digits, and extensions are
     * {@code name=value} (name 1 to 32 of letters, digits, {@code _ - .}, starting with a letter or digit; value
     * visible characters but {@code ;} and {@code =}). Exactly one {@code id} is required.
     *
     * @param text the record, character-strings joined
     * @return valid, or invalid with a one-line reason; never null
     */
    public static Parse parse(String text) {
        if (!text.startsWith("v=" + VERSION)) {
            return new Parse.Invalid("does not begin with v=" + VERSION);
        }
        String rest = text.substring(("v=" + VERSION).length());
        if (!TxtFields.startsWithSeparator(rest)) {
            return new Parse.Invalid(rest.isEmpty() ? "no id field after v=" + VERSION
                    : "v=" + VERSION + " must be followed by \";\", not \"" + rest + "\"");
        }
        TxtFields.Split split = TxtFields.split(rest);
        if (split instanceof TxtFields.Split.Invalid) {
            return new Parse.Invalid(((TxtFields.Split.Invalid) split).reason());
        }
        String id = null;
        Map<String, String> extensions = new LinkedHashMap<>();
        for (TxtFields.Field field : ((TxtFields.Split.Fields) split).fields()) {
            String name = field.name();
            String value = field.value();
            if (name.equals("id")) {
                if (id != null) {
                    return new Parse.Invalid("more than one id field");
                }
                if (!ID.matcher(value).matches()) {
                    return new Parse.Invalid("id \"" + value + "\" is not 1 to 32 letters or digits");
                }
                id = value;
            } else {
                String problem = TxtFields.extensionProblem(field);
                if (problem != null) {
                    return new Parse.Invalid(problem);
                }
                extensions.put(name, value);
            }
        }
        if (id == null) {
            return new Parse.Invalid("no id field");
        }
        return new Parse.Valid(new StsRecord(VERSION, id, extensions));
    }
}
