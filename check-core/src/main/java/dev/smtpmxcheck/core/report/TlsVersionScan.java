package dev.smtpmxcheck.core.report;

import java.util.List;

/**
 * What the opt-in TLS version scan saw at one address: one short handshake after STARTTLS per protocol version
 * (each on its own connection), then one offering only finite-field DHE suites and one offering only weak suites
 * (export, NULL, RC4, 3DES). RFC 8996 deprecates TLS 1.0 and 1.1; RFC 9325 §3.1.1 asks for TLS 1.2 and
 * recommends TLS 1.3; RFC 7465 forbids RC4; RFC 9325 §4.1 forbids NULL, export and 3DES suites.
 *
 * @param versions one result per version tried, oldest first ({@code TLSv1}, {@code TLSv1.1}, {@code TLSv1.2},
 *     {@code TLSv1.3})
 * @param dhPrimeBits the size in bits of the finite-field Diffie-Hellman group the server chose when offered only
 *     DHE suites (TLS 1.2 and older), or null when it chose none or the probe could not tell
 * @param weakSuite the IANA name of the suite the server chose when offered only export, NULL, RC4 and 3DES
 *     suites, or null when it refused them all (or the probe could not tell; see {@code weakSuiteDetail})
 * @param weakSuiteDetail what the weak-suite probe saw, in words ("refused: handshake_failure")
 */
public record TlsVersionScan(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite,
        String weakSuiteDetail, String probesNotTriedBecause) {

    public TlsVersionScan {
        versions = List.copyOf(versions);
    }

    /** A scan whose DHE and weak-suite probes were tried. */
    public TlsVersionScan(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite, String weakSuiteDetail) {
        this(versions, dhPrimeBits, weakSuite, weakSuiteDetail, null);
    }

    /** Why a scan asked for was not tried when too little time was left, in words. */
    public static final String NO_TIME_LEFT = "too little time left before the deadline";

    /** A scan none of whose handshakes was tried, each version UNKNOWN "not tried: {@code reason}". */
    public static TlsVersionScan notTried(String reason) {
        List<VersionResult> versions = new java.util.ArrayList<>();
        for (String v : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            versions.add(VersionResult.notTried(v, reason));
        }
        return new TlsVersionScan(versions, null, null, "unknown: not tried: " + reason, reason);
    }

    /** The versions with outcome {@link Outcome#ACCEPTED}, oldest first. */
    public List<String> accepted() {
        return versions.stream().filter(v -> v.outcome() == Outcome.ACCEPTED).map(VersionResult::version).toList();
    }

    /** The outcome for {@code version} ("TLSv1.2"), or null when it was not tried. */
    public Outcome outcome(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).map(VersionResult::outcome).findFirst()
                .orElse(null);
    }

    /** How one handshake ended. */
    public enum Outcome {
        /** The server completed the handshake (or at least chose this version in its ServerHello). */
        ACCEPTED,
        /** The server refused the version: an alert such as protocol_version or handshake_failure, or a close. */
        REFUSED,
        /** No verdict: the connection, greeting, EHLO or STARTTLS failed before the handshake, or time ran out. */
        UNKNOWN
    }

    /**
     * One version tried.
     *
     * @param version the protocol as the JDK names it ({@code TLSv1}, {@code TLSv1.1}, {@code TLSv1.2},
     *     {@code TLSv1.3})
     * @param outcome how it ended
     * @param cipherSuite the suite the server chose (IANA name) when accepted, else null
     * @param detail why it was refused or unknown, in words, else null
     * @param notTriedBecause why the handshake was never tried (outcome UNKNOWN), in words, or null when it was
     */
    public record VersionResult(String version, Outcome outcome, String cipherSuite, String detail,
            String notTriedBecause) {

        /** A version that was tried. */
        public VersionResult(String version, Outcome outcome, String cipherSuite, String detail) {
            this(version, outcome, cipherSuite, detail, null);
        }

        /** A version never tried, for {@code because}: UNKNOWN "not tried: {@code because}". */
        public static VersionResult notTried(String version, String because) {
            return new VersionResult(version, Outcome.UNKNOWN, null, "not tried: " + because, because);
        }
    }
}
