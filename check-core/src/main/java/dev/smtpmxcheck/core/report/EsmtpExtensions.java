package dev.smtpmxcheck.core.report;

/**
 * The service extensions that matter to senders, as the server announced them in its last successful EHLO reply
 * (inside TLS when STARTTLS was negotiated: RFC 3207 §4.2 makes the earlier list obsolete).
 *
 * @param afterTls true when read from the EHLO reply inside TLS
 * @param pipelining PIPELINING (RFC 2920): commands may be sent in groups
 * @param chunking CHUNKING (RFC 3030): BDAT instead of DATA
 * @param eightBitMime 8BITMIME (RFC 6152): 8-bit message bodies without re-encoding
 * @param smtpUtf8 SMTPUTF8 (RFC 6531): internationalized addresses and headers
 * @param requireTls REQUIRETLS (RFC 8689): senders may demand TLS on every hop
 * @param size SIZE (RFC 1870) announced
 * @param sizeLimit the SIZE limit in octets, or null when SIZE is absent or announces no fixed maximum (no number, or 0)
 */
public record EsmtpExtensions(
        boolean afterTls,
        boolean pipelining,
        boolean chunking,
        boolean eightBitMime,
        boolean smtpUtf8,
        boolean requireTls,
        boolean size,
        Long sizeLimit) {

    /** The extensions in words for the long output: "PIPELINING, no CHUNKING, ..., SIZE 10240000". */
    public String summary() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add((pipelining ? "" : "no ") + "PIPELINING");
        parts.add((chunking ? "" : "no ") + "CHUNKING");
        parts.add((eightBitMime ? "" : "no ") + "8BITMIME");
        parts.add((smtpUtf8 ? "" : "no ") + "SMTPUTF8");
        parts.add((requireTls ? "" : "no ") + "REQUIRETLS");
        parts.add(!size ? "no SIZE" : sizeLimit == null ? "SIZE (no fixed limit)" : "SIZE " + sizeLimit);
        return String.join(", ", parts);
    }
}
