package dev.smtpmxcheck.core.dns;

/** Why a DNS lookup gave no answer; each is a finding of its own. */
public enum DnsFailure {
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The resolver could not answer (RCODE 2), often broken delegation or DNSSEC. */
    SERVFAIL,
    /** No answer within the stage timeout. */
    TIMEOUT,
    /** Any other failure: REFUSED, malformed answer, network error. */
    OTHER
}
