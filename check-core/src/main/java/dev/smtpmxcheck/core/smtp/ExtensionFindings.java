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
     * The extensions of the last successful EHLO reply: inside TLS when {@code ehloAfterTls} is positive, else the
     * first one.
     *
     * @param ehlo the first EHLO (or HELO) reply, or null
     * @param ehloAfterTls the EHLO reply inside TLS, or null
     * @return the summary, or null when no EHLO succeeded (HELO has no extensions)
     */
    public static EsmtpExtensions extensions(Ehlo ehlo, Ehlo ehloAfterTls) {
        boolean afterTls = ehloAfterTls != null && ehloAfterTls.reply().positive();
        Ehlo source = afterTls ? ehloAfterTls : ehlo;
        if (source == null || !source.command().equals("EHLO") || !source.reply().positive()) {
            return null;
        }
        Optional<EhloKeyword> size = source.find("SIZE");
        Long limit = size.flatMap(ExtensionFindings::sizeLimit).orElse(null);
        return new EsmtpExtensions(afterTls, source.has("PIPELINING"), source.has("CHUNKING"), source.has("8BITMIME"),
                source.has("SMTPUTF8"), source.has("REQUIRETLS"), size.isPresent(), limit);
    }

    /**
     * The limit of a SIZE keyword (RFC 1870 §4: {@code SIZE [number]}); empty when there is no number, it is 0 (no
     * fixed maximum), or it is not a decimal number.
     */
    static Optional<Long> sizeLimit(EhloKeyword size) {
        if (size.params().isEmpty() || !size.params().get(0).matches("\\d{1,18}")) {
            return Optional.empty();
        }
        long n = Long.parseLong(size.params().get(0));
        return n == 0 ? Optional.empty() : Optional.of(n);
    }

    /**
     * {@code SIZE_LIMIT_SMALL} (WARNING) when the announced limit is below {@link #SMALL_SIZE_LIMIT};
     * {@code EIGHTBITMIME_NOT_OFFERED} (INFO) when a successful EHLO lacks 8BITMIME.
     *
     * @param subject the address subject
     * @param report what the probe saw
     */
    public static List<Finding> of(String subject, AddressReport report) {
        EsmtpExtensions ext = report.extensions();
        List<Finding> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
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
