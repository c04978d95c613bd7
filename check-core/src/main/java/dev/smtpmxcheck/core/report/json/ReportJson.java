package dev.smtpmxcheck.core.report.json;

import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The JSON report, schema version {@link #SCHEMA_VERSION}: the top-level object of
 * {@code src-docs/src/docs/asciidoc/json.adoc}, field for field and in the order written. It is the report as
 * users, the Jenkins build page and the gate see it; the internal records of {@code report/} reach it only through
 * {@link ReportJsonMapper}, so that changing them cannot change the schema by accident.
 *
 * <p>Enumerations of the public vocabulary (state, severity, finding code, MX source) are the enums of
 * {@code report/}; every other enumerated value is the constant's name as a string. Lists absent from a read
 * report are empty; other absent fields are null (or 0 and false for numbers and flags).
 *
 * @param schemaVersion the schema version of the document ({@link #SCHEMA_VERSION} when written by this version)
 * @param domain the domain checked (A-labels, no trailing dot), or the host given with -H; never null
 * @param startedAt when the check started (UTC)
 * @param durationMillis wall time of the whole check in milliseconds
 * @param state the verdict; never null
 * @param summary the one-line summary of the status line
 * @param mxSource where the mail hosts came from; null in reports written before the field existed
 * @param mx the mail hosts in preference order
 * @param findings every finding, worst first
 * @param mtaSts the domain's MTA-STS (RFC 8461), or null when not checked
 * @param tlsRpt the domain's TLS-RPT record (RFC 8460), or null when not checked
 * @param mxDnssec the DNSSEC status of the MX lookup (RFC 7672 §2.2.1), or null when not validated or the report
 *     predates the field
 * @param delivery which class of sender would deliver to each MX address and to the domain, or null when the report
 *     predates the field (or was built without it)
 * @param requireTls whether a sender could deliver a REQUIRETLS message (RFC 8689), or null (omitted) when not
 *     judged or the report predates the field
 */
public record ReportJson(
        int schemaVersion,
        String domain,
        Instant startedAt,
        long durationMillis,
        State state,
        String summary,
        MxSource mxSource,
        List<MxJson> mx,
        List<Finding> findings,
        MtaSts mtaSts,
        TlsRpt tlsRpt,
        Dnssec mxDnssec,
        Delivery delivery,
        RequireTls requireTls) {

    /** The schema version this code writes and the newest it reads; raised on every incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public ReportJson {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(state, "state");
        mx = Lists.of(mx);
        findings = Lists.of(findings);
    }

    /** A report without the delivery matrix. */
    public ReportJson(int schemaVersion, String domain, Instant startedAt, long durationMillis, State state,
            String summary, MxSource mxSource, List<MxJson> mx, List<Finding> findings, MtaSts mtaSts, TlsRpt tlsRpt,
            Dnssec mxDnssec) {
        this(schemaVersion, domain, startedAt, durationMillis, state, summary, mxSource, mx, findings, mtaSts, tlsRpt,
                mxDnssec, null, null);
    }

    /** A report without the REQUIRETLS judgement. */
    public ReportJson(int schemaVersion, String domain, Instant startedAt, long durationMillis, State state,
            String summary, MxSource mxSource, List<MxJson> mx, List<Finding> findings, MtaSts mtaSts, TlsRpt tlsRpt,
            Dnssec mxDnssec, Delivery delivery) {
        this(schemaVersion, domain, startedAt, durationMillis, state, summary, mxSource, mx, findings, mtaSts, tlsRpt,
                mxDnssec, delivery, null);
    }

    /**
     * Whether a sender could deliver a REQUIRETLS message to the domain (RFC 8689 §4.2.1, §4.2.2).
     *
     * @param advertisedBy the addresses whose EHLO after STARTTLS lists REQUIRETLS
     * @param notAdvertisedBy the addresses that took a session but did not advertise it after STARTTLS
     * @param authenticatedBy {@code DANE} or {@code MTA-STS} when a sender can authenticate every MX host so, else
     *     null
     * @param honourable true when a REQUIRETLS message would be delivered
     * @param reason why not, in words, or null
     */
    public record RequireTls(List<String> advertisedBy, List<String> notAdvertisedBy, String authenticatedBy,
            boolean honourable, String reason) {
        public RequireTls {
            advertisedBy = Lists.of(advertisedBy);
            notAdvertisedBy = Lists.of(notAdvertisedBy);
        }
    }

    /**
     * Who can deliver to the domain (RFC 3207, RFC 8461 §4, RFC 7672 §3): per class of sender, and per MX address.
     *
     * @param requireTls true when the check held opportunistic senders to verified TLS ({@code --require-tls})
     * @param classes one entry per class of sender: {@code OPPORTUNISTIC}, {@code MTA_STS}, {@code DANE}
     * @param addresses one entry per MX address probed, in the order of {@code mx}
     */
    public record Delivery(boolean requireTls, List<DeliveryClass> classes, List<DeliveryAddress> addresses) {
        public Delivery {
            classes = Lists.of(classes);
            addresses = Lists.of(addresses);
        }
    }

    /**
     * One class of sender for the whole domain.
     *
     * @param sender {@code OPPORTUNISTIC}, {@code MTA_STS} or {@code DANE}
     * @param applies true when the domain invites the class (always for opportunistic senders; an enforce or testing
     *     MTA-STS policy; DNSSEC-secure TLSA records at one MX host at least)
     * @param enforced false for an MTA-STS policy in testing mode, whose senders deliver anyway
     * @param canDeliver true when the class delivers to at least one MX address
     */
    public record DeliveryClass(String sender, boolean applies, boolean enforced, boolean canDeliver) {}

    /**
     * Who would deliver to one MX address.
     *
     * @param host the MX host
     * @param preference the MX preference
     * @param address the IP address
     * @param port the TCP port
     * @param classes one entry per class of sender
     */
    public record DeliveryAddress(String host, int preference, String address, int port, List<AddressClass> classes) {
        public DeliveryAddress {
            classes = Lists.of(classes);
        }
    }

    /**
     * Whether one class of sender would deliver to one address.
     *
     * @param sender {@code OPPORTUNISTIC}, {@code MTA_STS} or {@code DANE}
     * @param delivers {@code YES}, {@code NO} or {@code NOT_APPLICABLE}
     * @param reason why not, only with {@code NO}: {@code NO_SESSION}, {@code MAIL_REFUSED}, {@code MX_NOT_IN_POLICY}, {@code TLSA_BOGUS},
     *     {@code NO_TLS}, {@code TLS_FAILED}, {@code CERT_UNTRUSTED}, {@code CERT_NAME_MISMATCH}, {@code CERT_EXPIRED},
     *     {@code TLSA_MISMATCH} or {@code TLSA_NOT_COMPARED}
     */
    public record AddressClass(String sender, String delivers, String reason) {}

    /**
     * One finding.
     *
     * @param code the stable finding code; a code this version does not know makes the report unreadable
     * @param severity how bad it is here
     * @param subject what it is about: a domain, an MX host, an address ({@code mx1.example.com [192.0.2.1]:25}) or
     *     a chain element
     * @param message what was observed, with the values
     * @param remediation the corrective action, in imperative mood
     */
    public record Finding(FindingCode code, Severity severity, String subject, String message, String remediation) {
        public Finding {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(remediation, "remediation");
        }
    }

    /**
     * The domain's MTA-STS (RFC 8461): TXT record, policy fetched, MX hosts a strict sender would refuse.
     *
     * @param records the TXT records at {@code _mta-sts.<domain>} that begin with {@code v=STSv1}
     * @param id the {@code id} of the one valid record, or null
     * @param policyUrl the URL fetched, or null
     * @param httpStatus the HTTP status of the response, or null
     * @param contentType the response's Content-Type, or null
     * @param mode {@code enforce}, {@code testing} or {@code none} of a valid policy, or null
     * @param mx the {@code mx} patterns of a valid policy
     * @param maxAgeSeconds the policy's {@code max_age} in seconds, or null
     * @param mxNotCovered MX hosts no pattern matches (RFC 8461 §4.1)
     * @param mxNotSecure MX addresses without STARTTLS or a valid certificate for the MX name (RFC 8461 §4.2)
     * @param policySha256 the SHA-256 of the policy body fetched (lower-case hex), or null when none was fetched or
     *     the report predates the field
     */
    public record MtaSts(
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
        public MtaSts {
            records = Lists.of(records);
            mx = Lists.of(mx);
            mxNotCovered = Lists.of(mxNotCovered);
            mxNotSecure = Lists.of(mxNotSecure);
        }
    }

    /**
     * The domain's TLS-RPT record (RFC 8460 §3).
     *
     * @param records the TXT records at {@code _smtp._tls.<domain>} that begin with {@code v=TLSRPTv1}
     * @param rua the report URIs of the one valid record
     */
    public record TlsRpt(List<String> records, List<String> rua) {
        public TlsRpt {
            records = Lists.of(records);
            rua = Lists.of(rua);
        }
    }

    /**
     * How DNSSEC vouches for one answer of the mail path (RFC 4035 §4.3): the MX RRset, or an MX host's A and AAAA
     * records.
     *
     * @param status {@code SECURE}, {@code INSECURE}, {@code BOGUS} or {@code INDETERMINATE}
     * @param detail the validator's or resolver's reason when not SECURE, or null
     */
    public record Dnssec(String status, String detail) {
        public Dnssec {
            Objects.requireNonNull(status, "status");
        }
    }
}
