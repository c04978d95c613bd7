package dev.smtpmxcheck.core.dns;

import dev.smtpmxcheck.core.report.Finding;
import java.util.List;

/** Turns an {@link MxLookup} into findings (DNS_*, NULL_MX*, IMPLICIT_MX, NO_MAIL_HOST, MX_*). */
public final class DnsFindings {
    private DnsFindings() {}

    /**
     * The findings of one lookup: failure codes, null MX, implicit MX, and per host MX_IS_IP_LITERAL,
     * MX_IS_CNAME and MX_HOST_NO_ADDRESS (subject: the host name).
     */
    public static List<Finding> of(String domain, MxLookup lookup) {
        throw new UnsupportedOperationException("TODO: dns helper");
    }
}
