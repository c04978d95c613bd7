package dev.smtpmxcheck.core.report;

import java.util.Objects;

/**
 * How DNSSEC vouches for one DNS answer of the mail path, as a validating resolver classifies it (RFC 4035 §4.3,
 * §5.5): the domain's MX RRset (or the signed proof that it has none), or an MX host's A and AAAA records. A DANE
 * sender needs the host's addresses SECURE (RFC 7672 §2.2.2); an insecure MX lookup leaves it free to use the hosts'
 * TLSA records or not (§2.2.1); a validating resolver answers
 * SERVFAIL for BOGUS data, so senders behind it cannot use it at all.
 *
 * @param status the status; for an MX host's addresses the worse of its A and AAAA answers (BOGUS, INDETERMINATE,
 *     INSECURE, SECURE in that order)
 * @param detail the validator's or resolver's reason when not SECURE, else null
 */
public record DnssecFacts(DnssecStatus status, String detail) {
    public DnssecFacts {
        Objects.requireNonNull(status, "status");
    }

    /** The worse of two statuses, in the order BOGUS, INDETERMINATE, INSECURE, SECURE (the first one on a tie). */
    public static DnssecFacts worse(DnssecFacts a, DnssecFacts b) {
        return rank(b.status) > rank(a.status) ? b : a;
    }

    private static int rank(DnssecStatus s) {
        switch (s) {
            case BOGUS:
                return 3;
            case INDETERMINATE:
                return 2;
            case INSECURE:
                return 1;
            default:
                return 0;
        }
    }
}
