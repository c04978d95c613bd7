package dev.smtpmxcheck.core.report;

/** The outcome of PKIX path validation of a presented chain (RFC 5280 §6). */
public enum TrustStatus {
    /** The chain leads to a trust anchor (JDK trust store or the configured CA file). */
    TRUSTED,
    /** The leaf is self-signed and not itself a trust anchor. */
    SELF_SIGNED,
    /** The chain lacks an intermediate: a trusted path exists only if the missing certificates are supplied. */
    INCOMPLETE,
    /** No path to any trust anchor (unknown CA, bad signature, wrong usage...). */
    UNTRUSTED
}
