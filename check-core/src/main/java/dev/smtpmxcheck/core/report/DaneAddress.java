package dev.smtpmxcheck.core.report;

/**
 * How the chain one address of an MX host presented compares with the host's TLSA records (RFC 7672 §3).
 *
 * @param address the IP address in its textual form, as in {@link AddressReport#address()}
 * @param matched the TLSA record that authenticated the chain, in presentation form ("3 1 1 ab12..."), or null
 *     when none did (or no chain was presented)
 * @param chainPosition the position in the presented chain of the certificate the record matched (0 for the
 *     server's own, as for DANE-EE; the trust anchor's position for DANE-TA), or null without a match
 * @param detail why no record matched, in words (e.g. "no TLSA record matches the presented chain"), or null
 */
public record DaneAddress(String address, String matched, Integer chainPosition, String detail) {}
