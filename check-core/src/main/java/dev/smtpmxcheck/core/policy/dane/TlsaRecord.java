package dev.smtpmxcheck.core.policy.dane;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One TLSA record (RFC 6698 §2.1): which certificate of the chain it names (usage), which part of it (selector)
 * and how that part is compared (matching type), with the certificate association data.
 *
 * @param usage certificate usage: {@link #PKIX_TA} 0, {@link #PKIX_EE} 1, {@link #DANE_TA} 2, {@link #DANE_EE} 3
 *     (RFC 7218 mnemonics); only 2 and 3 are usable for SMTP (RFC 7672 §3.1.3)
 * @param selector {@link #CERT} 0 (the whole certificate, DER) or {@link #SPKI} 1 (its SubjectPublicKeyInfo, DER)
 * @param matchingType {@link #FULL} 0 (the bytes themselves), {@link #SHA2_256} 1 or {@link #SHA2_512} 2
 * @param data the certificate association data in lower-case hexadecimal, without spaces
 */
public record TlsaRecord(int usage, int selector, int matchingType, String data) {

    /** PKIX-TA(0): a CA of the PKIX path; unusable for SMTP (RFC 7672 §3.1.3). */
    public static final int PKIX_TA = 0;
    /** PKIX-EE(1): the server certificate, PKIX-validated as well; unusable for SMTP (RFC 7672 §3.1.3). */
    public static final int PKIX_EE = 1;
    /** DANE-TA(2): a trust anchor the server presents in its chain (RFC 7672 §3.1.2). */
    public static final int DANE_TA = 2;
    /** DANE-EE(3): the server certificate itself; expiry and names are not checked (RFC 7672 §3.1.1). */
    public static final int DANE_EE = 3;
    /** Selector Cert(0): the whole certificate. */
    public static final int CERT = 0;
    /** Selector SPKI(1): the SubjectPublicKeyInfo, so that a re-issued certificate for the same key still matches. */
    public static final int SPKI = 1;
    /** Matching type Full(0): the selected bytes themselves. */
    public static final int FULL = 0;
    /** Matching type SHA2-256(1). */
    public static final int SHA2_256 = 1;
    /** Matching type SHA2-512(2). */
    public static final int SHA2_512 = 2;

    public TlsaRecord {
        Objects.requireNonNull(data, "data");
        if (usage < 0 || usage > 255 || selector < 0 || selector > 255 || matchingType < 0 || matchingType > 255) {
            throw new IllegalArgumentException("TLSA fields are 8-bit numbers, got " + usage + " " + selector + " "
                    + matchingType);
        }
        data = data.replace(" ", "").toLowerCase(Locale.ROOT);
        if (!data.matches("[0-9a-f]*") || data.length() % 2 != 0) {
            throw new IllegalArgumentException("TLSA data is not hexadecimal: " + data);
        }
    }

    /** A record from its binary association data. */
    public static TlsaRecord of(int usage, int selector, int matchingType, byte[] data) {
        return new TlsaRecord(usage, selector, matchingType, HexFormat.of().formatHex(data));
    }

    /**
     * Parses the presentation form "3 1 1 ab12..." (RFC 6698 §2.2; the data may be split by spaces).
     *
     * @throws IllegalArgumentException with a one-line reason when the text is not a TLSA record's RDATA
     */
    public static TlsaRecord parse(String text) {
        String[] parts = text.trim().split("\\s+", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("TLSA record needs usage, selector, matching type and data: " + text);
        }
        try {
            return new TlsaRecord(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    parts[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TLSA usage, selector and matching type are numbers: " + text);
        }
    }

    /** The association data as bytes. */
    public byte[] dataBytes() {
        return HexFormat.of().parseHex(data);
    }

    /** True for DANE-TA(2) and DANE-EE(3), the usages an SMTP client uses (RFC 7672 §3.1). */
    public boolean usableUsage() {
        return usage == DANE_TA || usage == DANE_EE;
    }

    /**
     * True when an SMTP client can use this record: usage 2 or 3, selector 0 or 1, matching type 0, 1 or 2,
     * and, for a digest, data of the digest's length (RFC 7672 §3.1, RFC 6698 §2.1; RFC 7671 §4 says
     * records with unknown parameters are ignored).
     */
    public boolean usable() {
        if (!usableUsage() || (selector != CERT && selector != SPKI)) {
            return false;
        }
        int bytes = data.length() / 2;
        switch (matchingType) {
            case FULL:
                return bytes > 0;
            case SHA2_256:
                return bytes == 32;
            case SHA2_512:
                return bytes == 64;
            default:
                return false;
        }
    }

    /** The presentation form, "3 1 1 ab12..." (RFC 6698 §2.2). */
    public String text() {
        return usage + " " + selector + " " + matchingType + " " + data;
    }

    /** The usage as RFC 7218 names it: "DANE-EE(3)", "PKIX-TA(0)"; "usage 7" when unassigned. */
    public String usageName() {
        switch (usage) {
            case PKIX_TA:
                return "PKIX-TA(0)";
            case PKIX_EE:
                return "PKIX-EE(1)";
            case DANE_TA:
                return "DANE-TA(2)";
            case DANE_EE:
                return "DANE-EE(3)";
            default:
                return "usage " + usage;
        }
    }
}
