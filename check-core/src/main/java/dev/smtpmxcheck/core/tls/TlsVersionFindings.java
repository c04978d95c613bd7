package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a {@link TlsVersionScan}. Pure: no I/O.
 *
 * <ul>
 *   <li>TLS_LEGACY_VERSION_ACCEPTED when TLS 1.0 or 1.1 was accepted (RFC 8996 §2, §3: MUST NOT be used).</li>
 *   <li>TLS_1_2_NOT_ACCEPTED when TLS 1.2 was refused (RFC 9325 §3.1.1: MUST be supported); not when the probe
 *       could not tell.</li>
 *   <li>TLS_1_3_NOT_ACCEPTED (INFO) when TLS 1.3 was refused (RFC 9325 §3.1.1: SHOULD be supported).</li>
 *   <li>TLS_WEAK_DH_GROUP when the server chose a finite-field DH group under {@value #MIN_DH_BITS} bits
 *       (RFC 9325 §4.5, RFC 7919).</li>
 *   <li>TLS_WEAK_CIPHER_ACCEPTED when the server chose an export, NULL, RC4 or 3DES suite (RFC 7465, RFC 9325 §4.1).</li>
 *   <li>TLS_PQ_HYBRID_NOT_ACCEPTED (INFO) when the server refused a TLS 1.3 handshake offering only the hybrid
 *       post-quantum group X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem); not when the probe could not tell.</li>
 * </ul>
 */
public final class TlsVersionFindings {
    /** The smallest finite-field DH group not reported, in bits (RFC 9325 §4.5). */
    public static final int MIN_DH_BITS = 2048;

    private TlsVersionFindings() {}

    /**
     * @param subject the address subject ({@code host [address]:port})
     * @param scan the scan, or null when it did not run (no findings then)
     * @return the findings in the order listed above; never null
     */
    public static List<Finding> of(String subject, TlsVersionScan scan) {
        List<Finding> out = new ArrayList<>();
        if (scan == null) {
            return out;
        }
        List<String> legacy = new ArrayList<>();
        for (String v : List.of("TLSv1", "TLSv1.1")) {
            if (scan.outcome(v) == Outcome.ACCEPTED) {
                legacy.add(display(v));
            }
        }
        if (!legacy.isEmpty()) {
            out.add(Finding.of(FindingCode.TLS_LEGACY_VERSION_ACCEPTED, subject,
                    String.join(" and ", legacy) + " accepted (deprecated by RFC 8996); accepted versions: "
                            + accepted(scan)));
        }
        if (scan.outcome("TLSv1.2") == Outcome.REFUSED) {
            out.add(Finding.of(FindingCode.TLS_1_2_NOT_ACCEPTED, subject,
                    "TLS 1.2 refused" + detail(scan, "TLSv1.2") + "; accepted versions: " + accepted(scan)));
        }
        if (scan.outcome("TLSv1.3") == Outcome.REFUSED) {
            out.add(Finding.of(FindingCode.TLS_1_3_NOT_ACCEPTED, subject,
                    "TLS 1.3 refused" + detail(scan, "TLSv1.3") + "; accepted versions: " + accepted(scan)));
        }
        if (scan.dhPrimeBits() != null && scan.dhPrimeBits() < MIN_DH_BITS) {
            out.add(Finding.of(FindingCode.TLS_WEAK_DH_GROUP, subject, "offered only DHE suites, the server chose a "
                    + scan.dhPrimeBits() + "-bit Diffie-Hellman group (at least " + MIN_DH_BITS + " expected)"));
        }
        if (scan.weakSuite() != null) {
            out.add(Finding.of(FindingCode.TLS_WEAK_CIPHER_ACCEPTED, subject,
                    "offered only export, NULL, RC4 and 3DES suites, the server chose " + scan.weakSuite()));
        }
        if (scan.postQuantum() != null && scan.postQuantum().outcome() == Outcome.REFUSED) {
            out.add(Finding.of(FindingCode.TLS_PQ_HYBRID_NOT_ACCEPTED, subject, "no post-quantum hybrid accepted: offered"
                    + " TLS 1.3 with only " + scan.postQuantum().group() + ", the server refused it ("
                    + scan.postQuantum().detail() + "); key exchange agreed otherwise: "
                    + (scan.keyExchangeGroup() == null ? "unknown" : scan.keyExchangeGroup())));
        }
        return out;
    }

    /** "TLSv1" as "TLS 1.0", "TLSv1.3" as "TLS 1.3". */
    public static String display(String version) {
        return version.equals("TLSv1") ? "TLS 1.0" : version.replace("TLSv", "TLS ");
    }

    /** The accepted versions, and those without a verdict (not tried before the deadline, or failed early). */
    private static String accepted(TlsVersionScan scan) {
        List<String> names = scan.accepted().stream().map(TlsVersionFindings::display).toList();
        List<String> open = scan.versions().stream().filter(v -> v.outcome() == Outcome.UNKNOWN)
                .map(v -> display(v.version())).toList();
        return (names.isEmpty() ? "none" : String.join(", ", names))
                + (open.isEmpty() ? "" : " (no verdict for " + String.join(", ", open) + ")");
    }

    private static String detail(TlsVersionScan scan, String version) {
        return scan.versions().stream().filter(v -> v.version().equals(version) && v.detail() != null)
                .map(v -> " (" + v.detail() + ")").findFirst().orElse("");
    }
}
