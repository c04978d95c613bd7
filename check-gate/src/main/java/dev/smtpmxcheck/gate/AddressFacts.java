package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.TlsFacts;

/** The few facts of one MX address that the pipeline Map and the build page show. */
final class AddressFacts {
    private AddressFacts() {}

    /**
     * Days until the first certificate that senders rely on expires: the minimum of
     * {@link CertificateFacts#daysLeft()} over the validated path (the whole chain when it is not trusted);
     * null without TLS or certificates. Negative once expired.
     */
    static Integer certDaysLeft(AddressReport a) {
        TlsFacts tls = a.tlsSession().orElse(null);
        if (tls == null) {
            return null;
        }
        Long min = null;
        for (CertificateFacts c : tls.chain()) {
            if (tls.judged(c.position()) && (min == null || c.daysLeft() < min)) {
                min = c.daysLeft();
            }
        }
        return min == null ? null : clamp(min);
    }

    /** The negotiated TLS protocol ("TLSv1.3"), or null when no TLS session was made. */
    static String tlsVersion(AddressReport a) {
        return a.tlsSession().map(TlsFacts::protocol).orElse(null);
    }

    /** The relay probe's verdict ("REFUSED", "OPEN", "INCONCLUSIVE"), or null when it did not run. */
    static String relay(AddressReport a) {
        return a.relay().seen().filter(r -> r.verdict() != null).map(r -> r.verdict().name()).orElse(null);
    }

    /** {@code value} as an int, saturated at the int range. */
    static int clamp(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
