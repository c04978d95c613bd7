package dev.smtpmxcheck.core.report;

/** What the replies to the postmaster probe (RCPT TO:&lt;postmaster@domain&gt;, RFC 5321 §4.5.1) mean. */
public enum PostmasterVerdict {
    /** RCPT TO was accepted (2xx): the MX takes mail for the domain. */
    ACCEPTED,
    /** RCPT TO was refused for good (5xx): the MX does not take mail for the domain. */
    REFUSED,
    /**
     * Nothing can be said: MAIL FROM was refused (the probe's sender, not the recipient), or the reply was
     * temporary (4xx: greylisting, rate limits) or unexpected.
     */
    INCONCLUSIVE
}
