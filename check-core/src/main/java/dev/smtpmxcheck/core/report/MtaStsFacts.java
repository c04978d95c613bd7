package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What the check found of a domain's MTA-STS (RFC 8461): the TXT record, the policy fetched, and the MX hosts a
 * strict sender would refuse. Fields of steps that were not reached are null (lists empty).
 *
 * @param records the TXT records at {@code _mta-sts.<domain>} that begin with {@code v=STSv1}
 * @param id the {@code id} of the one valid record, or null
 * @param policyUrl the URL fetched, or null when no fetch was tried
 * @param httpStatus the HTTP status of the response, or null
 * @param contentType the response's Content-Type, or null
 * @param mode {@code enforce}, {@code testing} or {@code none} of a valid policy, or null
 * @param mx the {@code mx} patterns of a valid policy
 * @param maxAgeSeconds the policy's {@code max_age} in seconds, or null
 * @param mxNotCovered MX hosts no pattern matches (RFC 8461 §4.1)
 * @param mxNotSecure MX addresses ({@code host [address]:port}) without STARTTLS or a valid certificate for the MX name
 *     (RFC 8461 §4.2)
 * @param policySha256 the SHA-256 of the policy body fetched with status 200 (the body as UTF-8, lower-case hex), valid
 *     or not, or null when no body came: it tells a changed policy apart under an unchanged {@code id} (RFC 8461 §3.1)
 */
public record MtaStsFacts(
        List<String> records,
        String id,
        String policyUrl,
        Integer httpStatus,
        String contentType,
        String mode,
        List<String> mx,
        Long maxAgeSeconds,
        List<String> mxNotCovered,
        List<String> mxNotSecure,
        String policySha256) {

    public MtaStsFacts {
        records = records == null ? List.of() : List.copyOf(records);
        mx = mx == null ? List.of() : List.copyOf(mx);
        mxNotCovered = mxNotCovered == null ? List.of() : List.copyOf(mxNotCovered);
        mxNotSecure = mxNotSecure == null ? List.of() : List.copyOf(mxNotSecure);
    }

    /** Facts without a policy digest (no body was fetched). */
    public MtaStsFacts(List<String> records, String id, String policyUrl, Integer httpStatus, String contentType,
            String mode, List<String> mx, Long maxAgeSeconds, List<String> mxNotCovered, List<String> mxNotSecure) {
        this(records, id, policyUrl, httpStatus, contentType, mode, mx, maxAgeSeconds, mxNotCovered, mxNotSecure, null);
    }
}
