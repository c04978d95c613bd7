package dev.smtpmxcheck.core.report;

/** Where the list of mail hosts came from. */
public enum MxSource {
    /** MX records (RFC 5321 §5.1). */
    MX,
    /** No MX records: the domain's own A/AAAA records act as an MX of preference 0 (RFC 5321 §5.1). */
    IMPLICIT,
    /** A null MX "0 ." (RFC 7505): the domain accepts no mail. */
    NULL_MX,
    /** One host given directly (check_smtp_mx -H), no MX lookup. */
    HOST,
    /** The lookup failed (NXDOMAIN, SERVFAIL, timeout). */
    FAILED
}
