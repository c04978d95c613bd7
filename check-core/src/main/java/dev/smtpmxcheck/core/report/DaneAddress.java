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
 * @param result what the comparison came to; renderers choose their words from it, never from {@code detail}
 */
public record DaneAddress(String address, String matched, Integer chainPosition, String detail,
        Result result) {

    /** What the comparison of one address came to. */
    public enum Result {
        /** A usable TLSA record authenticated the presented chain. */
        MATCHED,
        /** The chain was compared and no record matched it. */
        NO_MATCH,
        /** The address took sessions but negotiated no TLS (STARTTLS not offered or failed). */
        NO_TLS,
        /** No comparison was possible: no session, or a chain that could not be read. */
        NOT_COMPARED
    }

    /** The chain matched {@code record} at {@code position}. */
    public static DaneAddress matched(String address, String record, int position) {
        return new DaneAddress(address, record, position, null, Result.MATCHED);
    }

    /** An address without a match, for {@code result}, with {@code detail} in words. */
    public static DaneAddress unmatched(String address, Result result, String detail) {
        return new DaneAddress(address, null, null, detail, result);
    }
}
