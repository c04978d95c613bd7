package dev.smtpmxcheck.core.testing;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.MxReport;
import java.util.List;

/**
 * Factories of {@link MxReport}s for tests: a canonical host name (no CNAME chain), every address probed, and no
 * DANE, address-family parity or DNSSEC facts; add those with {@link MxReport#withDane}, {@link MxReport#withParity}
 * and {@link MxReport#withAddressDnssec}.
 */
public final class MxReports {
    private MxReports() {}

    /** The host {@code host} at MX preference {@code preference} with the reports of its addresses, IPv4 first. */
    public static MxReport mx(String host, int preference, AddressReport... addresses) {
        return mx(host, preference, List.of(addresses));
    }

    /** The host {@code host} at MX preference {@code preference} with the reports of its addresses, IPv4 first. */
    public static MxReport mx(String host, int preference, List<AddressReport> addresses) {
        return new MxReport(host, preference, List.of(), null, addresses, null, null, null, List.of());
    }

    /** The host {@code host} at MX preference {@code preference} without a usable address, for {@code problem}. */
    public static MxReport withoutAddress(String host, int preference, String problem) {
        return new MxReport(host, preference, List.of(), problem, List.of(), null, null, null, List.of());
    }
}
