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

    /**
     * The extensions of the last successful EHLO reply: the one inside TLS when it succeeded, else the plain-text
     * one (RFC 3207 §4.2: the server may announce others after STARTTLS).
     *
     * @return the summary, or null when no EHLO succeeded (HELO only, or refused)
     */
    public static EsmtpExtensions of(Ehlo ehlo, Ehlo ehloAfterTls) {
        boolean afterTls = ehloAfterTls != null && ehloAfterTls.reply().positive();
        Ehlo source = afterTls ? ehloAfterTls : ehlo;
        if (source == null || !source.command().equals("EHLO") || !source.reply().positive()) {
            return null;
        }
        java.util.Optional<EhloKeyword> size = source.find("SIZE");
        Long limit = size.flatMap(EsmtpExtensions::sizeLimit).orElse(null);
        return new EsmtpExtensions(afterTls, source.has("PIPELINING"), source.has("CHUNKING"), source.has("8BITMIME"),
                source.has("SMTPUTF8"), source.has("REQUIRETLS"), size.isPresent(), limit);
    }

    /** The fixed limit in octets of a SIZE keyword (RFC 1870 §4), empty for none or 0 (no fixed maximum). */
    static java.util.Optional<Long> sizeLimit(EhloKeyword size) {
        if (size.params().isEmpty() || !size.params().get(0).matches("\\d{1,18}")) {
            return java.util.Optional.empty();
        }
        long n = Long.parseLong(size.params().get(0));
        return n == 0 ? java.util.Optional.empty() : java.util.Optional.of(n);
    }

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
