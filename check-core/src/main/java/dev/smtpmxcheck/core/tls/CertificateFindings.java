package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.TlsFacts;
import java.util.List;

/** Findings about a presented chain: CERT_* codes, for every element of the chain. */
public final class CertificateFindings {
    private CertificateFindings() {}

    /**
     * @param addressSubject the address subject ({@code Subjects.address(...)}); chain elements other
     *     than the leaf get {@code Subjects.chainElement(addressSubject, position)}
     * @param tls the facts from {@link TlsInspector}
     * @param warningDays fewer days left than this is WARNING (CERT_EXPIRES_SOON)
     * @param criticalDays fewer days left than this is CRITICAL (CERT_EXPIRES_SOON)
     */
    public static List<Finding> of(String addressSubject, TlsFacts tls, int warningDays, int criticalDays) {
        throw new UnsupportedOperationException("TODO: tls helper");
    }
}
