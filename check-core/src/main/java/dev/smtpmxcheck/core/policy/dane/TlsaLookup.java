package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.DnssecStatus;
import java.util.List;
import java.util.Objects;

/**
 * The TLSA records of one MX host and how far DNSSEC vouches for them (RFC 7672 §2.2).
 *
 * @param tlsaName the owner name the records came from (or, without records, the first one asked), without
 *     trailing dot: {@code _<port>._tcp.<host>}, or {@code _<port>._tcp.<canonical name>} after a secure CNAME chain
 * @param baseName the TLSA base domain: the host name in {@code tlsaName}, a reference identifier for DANE-TA
 * @param status the DNSSEC status; SECURE only when the host's address records and the TLSA answer both are;
 *     null when the host publishes no TLSA records (then nothing was validated)
 * @param detail the validator's or resolver's reason when not SECURE, else null
 * @param records the records found (also when not SECURE, to report them); empty when none exist
 */
public record TlsaLookup(String tlsaName, String baseName, DnssecStatus status, String detail,
        List<TlsaRecord> records) {
    public TlsaLookup {
        Objects.requireNonNull(tlsaName, "tlsaName");
        records = List.copyOf(records);
    }
}
