package dev.smtpmxcheck.core.delivery;

import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.SenderClass;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which classes of sender act on a finding, and how its severity is earned: the one table the findings' documentation
 * pages ({@code src-docs/src/docs/asciidoc/findings/}) and their index are written from, and tested against.
 *
 * <p>A class <em>acts on</em> a finding when what the finding reports can make a sender of that class refuse or defer
 * delivery to the address, the MX host or the domain (RFC 5321 §5.1, RFC 8461 §4, RFC 7672 §2.2 and §3). Codes that
 * only inform (a version in the banner, no IPv6 MX, no TLS-RPT record, a malformed MTA-STS record that senders then
 * ignore) name no class: every sender delivers as it would without them.
 *
 * @param senders the classes that act on it; all three for what stops every sender, empty for none
 * @param requireTls true when, under {@code --require-tls}, opportunistic senders (then verifying) act on it too
 * @param grading how the finding's severity is earned
 */
public record SenderImpact(Set<SenderClass> senders, boolean requireTls, Grading grading) {

    /** How a finding's severity is earned. */
    public enum Grading {
        /** The code's default severity, whoever sends ({@link FindingCode#defaultSeverity()}). */
        FIXED("fixed", "fixed"),
        /**
         * From the delivery matrix ({@link DeliveryGrading}): CRITICAL when a class the domain invites (or, under
         * {@code --require-tls}, every sender) can deliver to no MX because of it, WARNING while it still can, INFO
         * where no class acts on it.
         */
        DELIVERY("by delivery", "graded by delivery"),
        /** From a threshold the administrator sets: certificate days ({@code -w/-c}), time ranges, DNSBL. */
        THRESHOLD("threshold", "set by an admin threshold"),
        /**
         * A {@linkplain FindingCode#reachability() reachability} code: the verdict makes it CRITICAL when no address
         * of the domain takes mail, WARNING while one does (RFC 5321 §5.1).
         */
        REACHABILITY("reachability", "reachability: CRITICAL when no address of the domain takes mail, else WARNING"),
        /** CRITICAL when no other MX host's addresses validate, WARNING while one does (RFC 4035 §5.5). */
        OTHER_MX("other MX", "CRITICAL when no other MX host validates, else WARNING");

        private final String label;
        private final String text;

        Grading(String label, String text) {
            this.label = label;
            this.text = text;
        }

        /** A few words for an index column: "by delivery", "reachability". */
        public String label() {
            return label;
        }

        /** The sentence a finding's page states as its severity: "graded by delivery". */
        public String text() {
            return text;
        }
    }

    private static final Set<SenderClass> ALL = EnumSet.allOf(SenderClass.class);
    private static final Set<SenderClass> NONE = EnumSet.noneOf(SenderClass.class);
    private static final Set<SenderClass> STS = EnumSet.of(SenderClass.MTA_STS);
    private static final Set<SenderClass> DANE = EnumSet.of(SenderClass.DANE);
    private static final Set<SenderClass> VERIFYING = EnumSet.of(SenderClass.MTA_STS, SenderClass.DANE);

    public SenderImpact {
        Objects.requireNonNull(grading, "grading");
        senders = Set.copyOf(senders);
    }

    /** True when every class of sender acts on it. */
    public boolean allSenders() {
        return senders.containsAll(ALL);
    }

    /**
     * The classes in a few words, for an index column: "all", "none", "MTA-STS, DANE", "MTA-STS, DANE; opportunistic
     * with --require-tls".
     */
    public String label() {
        if (allSenders()) {
            return "all";
        }
        StringBuilder out = new StringBuilder();
        for (SenderClass c : SenderClass.values()) {
            if (senders.contains(c)) {
                out.append(out.length() == 0 ? "" : ", ").append(c.label());
            }
        }
        if (requireTls) {
            out.append(out.length() == 0 ? "" : "; ").append("opportunistic with --require-tls");
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    /**
     * The impact of {@code code}. A code added to {@link FindingCode} without an entry here does not compile.
     *
     * @param code the finding code
     * @return its impact; never null
     */
    public static SenderImpact of(FindingCode code) {
        return switch (code) {
            // The domain cannot be found, takes no mail, or its MX records do not validate: nobody delivers.
            case DNS_NXDOMAIN, DNS_SERVFAIL, DNS_TIMEOUT, DNS_FAILURE, NULL_MX, NULL_MX_WITH_OTHER_MX, NO_MAIL_HOST,
                    MX_DNSSEC_BOGUS, SIZE_LIMIT_SMALL, PROBES_DISAGREE, MX_FAMILY_REACHABILITY_DIFFERS ->
                    fixed(ALL, false);
            case MX_HOST_DNSSEC_BOGUS -> new SenderImpact(ALL, false, Grading.OTHER_MX);
            // An address that takes no mail for the domain: every sender moves on to the next one.
            case MX_HOST_NO_ADDRESS, MX_IS_IP_LITERAL, MX_UNREACHABLE, SMTP_TIMEOUT, SMTP_CONNECTION_LOST,
                    SMTP_PROTOCOL_ERROR, GREETING_TEMPORARY_FAILURE, SESSION_TEMPORARY_FAILURE, GREETING_REJECTED,
                    GREETING_UNEXPECTED, HELO_REJECTED, MAIL_FROM_REJECTED, POSTMASTER_REJECTED ->
                    new SenderImpact(ALL, false, Grading.REACHABILITY);
            // No TLS at the address: senders that demand TLS refuse it, opportunistic ones deliver in plain text.
            case STARTTLS_NOT_OFFERED, STARTTLS_REJECTED, TLS_HANDSHAKE_FAILED ->
                    new SenderImpact(VERIFYING, true, Grading.DELIVERY);
            case EHLO_REJECTED, TLS_1_2_NOT_ACCEPTED, MX_FAMILY_CERTIFICATE_DIFFERS -> fixed(VERIFYING, true);
            // PKIX trust and names: MTA-STS senders verify them (RFC 8461 §4.2), DANE senders match TLSA instead.
            case CERT_SELF_SIGNED, CERT_UNTRUSTED, CERT_CHAIN_INCOMPLETE, CERT_NAME_MISMATCH ->
                    new SenderImpact(STS, true, Grading.DELIVERY);
            case CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_NO_SAN, CERT_WEAK_KEY, CERT_SHA1_SIGNATURE -> fixed(STS, true);
            case MTA_STS_MX_NOT_COVERED, MTA_STS_MX_NOT_SECURE -> new SenderImpact(STS, false, Grading.DELIVERY);
            case DANE_TLSA_MISMATCH, DANE_STARTTLS_MISSING, DANE_TLSA_BOGUS ->
                    new SenderImpact(DANE, false, Grading.DELIVERY);
            case DANE_LOOKUP_FAILED -> fixed(DANE, false);
            case CERT_EXPIRES_SOON, SLOW_RESPONSE, DNSBL_LISTED -> new SenderImpact(NONE, false, Grading.THRESHOLD);
            // Only informs, or is about abuse of the server or about the check: nobody's delivery depends on it.
            case IMPLICIT_MX, MX_IS_CNAME, OUTBOUND_PORT25_BLOCKED_SUSPECTED, BANNER_VERSION_LEAK,
                    AUTH_OFFERED_WITHOUT_TLS, OPEN_RELAY, RELAY_TEST_INCONCLUSIVE, POSTMASTER_TEST_INCONCLUSIVE,
                    MTA_STS_ABSENT, MTA_STS_LOOKUP_FAILED, MTA_STS_RECORD_INVALID, MTA_STS_RECORD_MULTIPLE,
                    MTA_STS_POLICY_UNREACHABLE, MTA_STS_POLICY_HOST_CERT_INVALID, MTA_STS_POLICY_INVALID,
                    MTA_STS_MODE_TESTING, MTA_STS_MODE_NONE, MTA_STS_MAX_AGE_SHORT, TLSRPT_ABSENT,
                    TLSRPT_LOOKUP_FAILED, TLSRPT_INVALID, TLSRPT_RECORD_MULTIPLE, DANE_NO_USABLE_TLSA,
                    DANE_UNUSABLE_USAGE, DANE_TLSA_UNSIGNED, DANE_NO_ROLLOVER, RELAY_VARIANT_ACCEPTED,
                    STARTTLS_COMMAND_INJECTION, EIGHTBITMIME_NOT_OFFERED, DIAGNOSTIC_INCOMPLETE,
                    TLS_LEGACY_VERSION_ACCEPTED, TLS_1_3_NOT_ACCEPTED, TLS_WEAK_DH_GROUP, TLS_WEAK_CIPHER_ACCEPTED,
                    REQUIRETLS_UNAVAILABLE, TLS_PQ_HYBRID_NOT_ACCEPTED, RDNS_MISSING, RDNS_NOT_FORWARD_CONFIRMED,
                    RDNS_MX_NAME_MISMATCH, RDNS_GREETING_MISMATCH, RDNS_LOOKUP_FAILED, MX_FAMILY_GREETING_DIFFERS,
                    DNSBL_UNCHECKED, NO_IPV6_MX, INTERNAL_ERROR -> fixed(NONE, false);
        };
    }

    private static SenderImpact fixed(Set<SenderClass> senders, boolean requireTls) {
        return new SenderImpact(senders, requireTls, Grading.FIXED);
    }
}
