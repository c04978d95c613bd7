package dev.smtpmxcheck.core.report;

/**
 * The DNSSEC security status of a DNS answer as a validating resolver classifies it (RFC 4033 §5, RFC 4035 §4.3).
 * DANE relies only on SECURE answers (RFC 7672 §2.1).
 */
public enum DnssecStatus {
    /** Signed, and the chain of trust from the trust anchor verifies (also a signed proof that no record exists). */
    SECURE,
    /** Provably unsigned: an insecure delegation (no DS in the signed parent) or a zone outside every trust anchor. */
    INSECURE,
    /** Should be signed but does not verify: bad or expired signatures, missing DNSKEY or RRSIG, a broken DS. */
    BOGUS,
    /** No usable answer to judge: timeout, SERVFAIL from a plain resolver, network error. */
    INDETERMINATE
}
