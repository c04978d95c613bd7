package dev.smtpmxcheck.core.report;

import java.time.Instant;
import java.util.List;

/**
 * The whole result of checking one domain: immutable, and written as JSON by {@code report.json.JsonReport}
 * with schema version {@link #SCHEMA_VERSION} (documented in {@code src-docs/src/docs/asciidoc/json.adoc}).
 *
 * @param schemaVersion the JSON schema version this report follows
 * @param domain the domain checked, as A-labels without trailing dot (or the host given with -H)
 * @param startedAt when the check started (UTC)
 * @param durationMillis wall time of the whole check in milliseconds
 * @param state the verdict: the worst state of the findings (see {@link Verdict})
 * @param summary the one-line summary used in the status line, e.g. "1 of 2 MX unreachable (mx2.example.test)"
 * @param mxSource where the mail hosts came from
 * @param mx the mail hosts in preference order
 * @param findings every finding, worst first
 * @param mtaSts the domain's MTA-STS (RFC 8461), or null when not checked ({@code -H}, null MX, failed MX lookup,
 *     or switched off)
 * @param tlsRpt the domain's TLS-RPT record (RFC 8460), or null when not checked
 * @param mxDnssec the DNSSEC status of the MX lookup (the MX RRset, or the signed proof that there is none; RFC 7672
 *     §2.2.1), or null when not validated (DNSSEC validation off with DANE, {@code -H}, or a failed MX lookup)
 * @param delivery which class of sender would deliver to each MX address and to the domain, or null in reports
 *     built without it
 * @param requireTls whether a sender could deliver a REQUIRETLS message (RFC 8689), or null when not judged
 *     ({@code -H}, null MX, failed MX lookup)
 */
public record CheckReport(
        int schemaVersion,
        String domain,
        Instant startedAt,
        long durationMillis,
        State state,
        String summary,
        MxSource mxSource,
        List<MxReport> mx,
        List<Finding> findings,
        MtaStsFacts mtaSts,
        TlsRptFacts tlsRpt,
        DnssecFacts mxDnssec,
        DomainDelivery delivery,
        RequireTlsFacts requireTls) {

    /** Version of the JSON schema; raised on every incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public CheckReport {
        mx = List.copyOf(mx);
        findings = List.copyOf(findings);
    }
}
