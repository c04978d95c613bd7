package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.EsmtpExtensions;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The service extensions that matter to senders, and their findings. Pure. */
public final class ExtensionFindings {
    /**
     * A SIZE limit below this many octets (1 MiB) refuses ordinary mail: one photo or office document, grown by a
     * third by base64 (RFC 2045 §6.8), is larger.
     */
    public static final long SMALL_SIZE_LIMIT = 1024 * 1024;

    private ExtensionFindings() {}

    /**
     * {@code SIZE_LIMIT_SMALL} (WARNING) when the announced limit is below {@link #SMALL_SIZE_LIMIT};
     * {@code EIGHTBITMIME_NOT_OFFERED} (INFO) when a successful EHLO lacks 8BITMIME.
     *
     * @param subject the address subject
     * @param report what the probe saw
     */
    public static List<Finding> of(String subject, AddressReport report) {
        List<Finding> out = new ArrayList<>();
        if (report.extensions().seen().isEmpty()) {
            return out;
        }
        EsmtpExtensions ext = report.extensions().seen().get();
        if (ext.sizeLimit() != null && ext.sizeLimit() < SMALL_SIZE_LIMIT) {
            out.add(Finding.of(FindingCode.SIZE_LIMIT_SMALL, subject, "the EHLO reply" + (ext.afterTls()
                    ? " inside TLS" : "") + " announces SIZE " + ext.sizeLimit() + ": messages above "
                    + kilobytes(ext.sizeLimit()) + " are refused (under " + kilobytes(SMALL_SIZE_LIMIT)
                    + " refuses ordinary mail)"));
        }
        if (!ext.eightBitMime()) {
            out.add(Finding.of(FindingCode.EIGHTBITMIME_NOT_OFFERED, subject, "the EHLO reply" + (ext.afterTls()
                    ? " inside TLS" : "") + " does not offer 8BITMIME"));
        }
        return out;
    }

    private static String kilobytes(long octets) {
        return octets >= 1024 * 1024 && octets % (1024 * 1024) == 0 ? octets / (1024 * 1024) + " MiB"
                : Math.round(octets / 1024.0) + " KiB";
    }
}
