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
 * @param probesNotTriedBecause why the DHE and weak-suite probes were never tried, or null when they were
 * @param keyExchangeGroup the named group of the key exchange (RFC 8446 §4.2.7, RFC 8422 §5.1.1, RFC 7919) that
 *     the handshake of the newest accepted version agreed on, by its IANA name ("X25519", "secp256r1",
 *     "X25519MLKEM768", "ffdhe2048"), or null when no handshake was accepted or the group could not be told (a
 *     TLS 1.2 DHE suite with an explicit, unnamed group)
 * @param postQuantum what the server did when offered TLS 1.3 with only the hybrid post-quantum group
 *     X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem), or null when that probe was not part of the scan
 */
public record TlsVersionScan(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite,
        String weakSuiteDetail, String probesNotTriedBecause, String keyExchangeGroup, PostQuantum postQuantum) {

    public TlsVersionScan {
        versions = List.copyOf(versions);
    }

    /** A scan without the key exchange facts. */
    public TlsVersionScan(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite, String weakSuiteDetail,
            String probesNotTriedBecause) {
        this(versions, dhPrimeBits, weakSuite, weakSuiteDetail, probesNotTriedBecause, null, null);
    }

    /** A scan whose DHE and weak-suite probes were tried, without the key exchange facts. */
    public TlsVersionScan(List<VersionResult> versions, Integer dhPrimeBits, String weakSuite, String weakSuiteDetail) {
        this(versions, dhPrimeBits, weakSuite, weakSuiteDetail, null);
    }

    /**
     * The post-quantum probe: one TLS 1.3 handshake offering a hybrid group as the only supported group and key share.
     *
     * @param group the hybrid group offered, by its IANA name ("X25519MLKEM768")
     * @param outcome ACCEPTED when the server completed the handshake with it, REFUSED when it answered with an
     *     alert or closed, UNKNOWN when the handshake could not be tried
     * @param detail why it was refused or unknown, in words, else null
     */
    public record PostQuantum(String group, Outcome outcome, String detail) {}

    /** Why a scan asked for was not tried when too little time was left, in words. */
    public static final String NO_TIME_LEFT = "too little time left before the deadline";

    /** A scan none of whose handshakes was tried, each version UNKNOWN "not tried: {@code reason}". */
    public static TlsVersionScan notTried(String reason) {
        List<VersionResult> versions = new java.util.ArrayList<>();
        for (String v : List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
            versions.add(VersionResult.notTried(v, reason));
        }
        return new TlsVersionScan(versions, null, null, "unknown: not tried: " + reason, reason, null,
                new PostQuantum("X25519MLKEM768", Outcome.UNKNOWN, "not tried: " + reason));
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
