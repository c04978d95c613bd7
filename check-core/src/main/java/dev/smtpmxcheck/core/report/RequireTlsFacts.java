package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * Whether a sender could deliver a REQUIRETLS message to the domain (RFC 8689): every MX address must advertise
 * REQUIRETLS in its EHLO reply after STARTTLS (§4.2.2), and the sender must be able to authenticate the MX hosts
 * through a DNSSEC-secure MX lookup with DANE (RFC 7672) or an MTA-STS policy in enforce mode (RFC 8461), §4.2.1.
 *
 * @param advertisedBy the addresses ({@code host [address]:port}) whose EHLO after STARTTLS lists REQUIRETLS
 * @param notAdvertisedBy the addresses that took a session but did not advertise it after STARTTLS (or negotiated
 *     no TLS)
 * @param authenticatedBy {@code DANE} or {@code MTA-STS} when a sender can authenticate every MX host that way
 *     (DANE first), else null
 * @param honourable true when both conditions hold
 * @param reason why a sender could not honour REQUIRETLS, in words, or null when it could
 */
public record RequireTlsFacts(List<String> advertisedBy, List<String> notAdvertisedBy, String authenticatedBy,
        boolean honourable, String reason) {
    public RequireTlsFacts {
        advertisedBy = List.copyOf(advertisedBy);
        notAdvertisedBy = List.copyOf(notAdvertisedBy);
    }
}
