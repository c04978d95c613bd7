package dev.smtpmxcheck.core.report;

import java.util.Objects;

/**
 * One problem (or notable fact) found by the check.
 *
 * @param code stable identifier, documented in {@code src-docs/src/docs/asciidoc/findings/CODE.adoc}
 * @param severity how bad it is; may differ from {@link FindingCode#defaultSeverity()}
 * @param subject what it is about: a domain ({@code example.com}), an MX host ({@code mx1.example.com})
 *     or an address ({@code mx1.example.com [192.0.2.1]:25}); for a chain element the host name
 *     followed by the element, e.g. {@code mx1.example.com [192.0.2.1]:25 chain[1]}
 * @param message what was observed, with the values (e.g. "expired 5 days ago, on 2026-11-24")
 * @param remediation the corrective action, in imperative mood
 */
public record Finding(FindingCode code, Severity severity, String subject, String message, String remediation) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
    }

    /** A finding with the code's default severity and remediation. */
    public static Finding of(FindingCode code, String subject, String message) {
        return new Finding(code, code.defaultSeverity(), subject, message, code.remediation(subject));
    }

    /** A finding with the code's remediation and the given severity. */
    public static Finding of(FindingCode code, Severity severity, String subject, String message) {
        return new Finding(code, severity, subject, message, code.remediation(subject));
    }

    /** This finding with another severity (the verdict uses it to rank reachability findings). */
    public Finding withSeverity(Severity other) {
        return new Finding(code, other, subject, message, remediation);
    }
}
