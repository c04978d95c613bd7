package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.json.AddressJson;
import dev.smtpmxcheck.core.report.json.TlsJson;
import java.util.Set;

/**
 * The few facts of one MX address that the pipeline Map and the build page show, read from the JSON report (so
 * that they come out the same for a report of this build and for a stored one of an earlier build).
 */
final class AddressFacts {
    private AddressFacts() {}

    /** The probe stages up to EHLO: a failure there means no session was held. */
    private static final Set<String> STAGES_UP_TO_EHLO = Set.of("CONNECT", "GREETING", "EHLO");

    /**
     * True when the address would take a message: it greeted with 220 and answered EHLO or HELO with 2xx
     * (RFC 5321 §4.3.2, §4.1.1.1), and the probe did not stop at or before EHLO. A 421 at any stage
     * ({@link FindingCode#GREETING_TEMPORARY_FAILURE}, {@link FindingCode#SESSION_TEMPORARY_FAILURE}; reports
     * written before the latter existed use the former) means the server closes the channel (RFC 5321 §3.8), so it
     * takes no message now.
     */
    static boolean acceptsSessions(AddressJson a) {
        return a.greeting() != null && a.greeting().reply() != null && a.greeting().reply().code() == 220
                && a.ehlo() != null && a.ehlo().reply() != null && a.ehlo().reply().code() / 100 == 2
                && (a.failedStage() == null || !STAGES_UP_TO_EHLO.contains(a.failedStage()))
                && a.failureCode() != FindingCode.GREETING_TEMPORARY_FAILURE
                && a.failureCode() != FindingCode.SESSION_TEMPORARY_FAILURE;
    }

    /**
     * Days until the first certificate that senders rely on expires: the minimum of
     * {@link TlsJson.Certificate#daysLeft()} over the validated path (the whole chain when it is not trusted);
     * null without TLS or certificates. Negative once expired.
     */
    static Integer certDaysLeft(AddressJson a) {
        TlsJson tls = a.tls();
        if (tls == null) {
            return null;
        }
        boolean trusted = "TRUSTED".equals(tls.trust());
        Long min = null;
        for (TlsJson.Certificate c : tls.chain()) {
            boolean judged = !trusted || tls.trustedPath().contains(c.position());
            if (judged && (min == null || c.daysLeft() < min)) {
                min = c.daysLeft();
            }
        }
        return min == null ? null : clamp(min);
    }

    /** The negotiated TLS protocol ("TLSv1.3"), or null when no TLS session was made. */
    static String tlsVersion(AddressJson a) {
        return a.tls() == null ? null : a.tls().protocol();
    }

    /** The relay probe's verdict ("REFUSED", "OPEN", "INCONCLUSIVE"), or null when it did not run. */
    static String relay(AddressJson a) {
        return a.relay() == null ? null : a.relay().verdict();
    }

    /** {@code value} as an int, saturated at the int range. */
    static int clamp(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
