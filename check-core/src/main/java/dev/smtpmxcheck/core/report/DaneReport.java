package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * DANE for one MX host (RFC 7672): the TLSA records at {@code _<port>._tcp.<host>} for the SMTP port probed (25 unless
 * {@code -p} says otherwise; RFC 6698 §3, RFC 7672 §2.2.3), their DNSSEC status, and how the
 * chain of each address compares with them.
 *
 * @param tlsaName the owner name asked, without trailing dot ({@code _25._tcp.mx1.example.com}, {@code _2525._tcp.mx1.example.com} with {@code -p 2525}); after a secure
 *     CNAME chain the expanded name where the records were found (RFC 7672 §2.2.3)
 * @param dnssec the DNSSEC status of the TLSA answer (and of the host's address records, RFC 7672 §2.2.2);
 *     DANE applies only when SECURE; null when the host publishes no TLSA records (nothing was validated)
 * @param detail what the lookup met in words (the validator's reason for BOGUS, the failure), or null
 * @param records the TLSA records in presentation form ("3 1 1 ab12..."), hex in lower case; empty when the
 *     host publishes none
 * @param addresses one entry per address whose chain was compared; empty when DANE does not apply (no TLSA
 *     records, or not SECURE)
 */
public record DaneReport(String tlsaName, DnssecStatus dnssec, String detail, List<String> records,
        List<DaneAddress> addresses) {
    public DaneReport {
        records = List.copyOf(records);
        addresses = List.copyOf(addresses);
    }
}
