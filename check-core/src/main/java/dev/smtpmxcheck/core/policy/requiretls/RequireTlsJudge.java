package dev.smtpmxcheck.core.policy.requiretls;

import dev.smtpmxcheck.core.policy.dane.TlsaRecord;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.RequireTlsFacts;
import dev.smtpmxcheck.core.report.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges whether a sender could honour a REQUIRETLS message to a domain (RFC 8689). Pure: no I/O.
 *
 * <p>RFC 8689 §4.2.1: a sender of a REQUIRETLS message must either find the MX records through a DNSSEC-secure
 * lookup and authenticate the MX host with DANE (RFC 7672), or apply an MTA-STS policy in enforce mode (RFC 8461);
 * §4.2.2: it must see REQUIRETLS in the EHLO reply after STARTTLS, else it does not send the message. So REQUIRETLS
 * mail gets through only when the MX hosts can be authenticated one of these ways and every address that takes
 * sessions advertises it. When not, the facts say why; and when at least one address advertises REQUIRETLS (the
 * domain means to take such mail), one REQUIRETLS_UNAVAILABLE note (INFO) names every reason: no sender is harmed,
 * REQUIRETLS messages bounce instead of going out unprotected. A domain none of whose MX hosts advertises it gets no
 * note (nearly every domain today, RFC 8689 being optional), only the facts.
 */
public final class RequireTlsJudge {
    /** The EHLO keyword (RFC 8689 §4.1). */
    public static final String KEYWORD = "REQUIRETLS";

    private RequireTlsJudge() {}

    /** The facts and the finding (empty when REQUIRETLS can be honoured). */
    public record Judged(RequireTlsFacts facts, Optional<Finding> finding) {}

    /**
     * @param domain the domain, for the finding's subject
     * @param reports the MX hosts with their addresses (and their DANE reports when DANE ran)
     * @param mxDnssec the DNSSEC status of the MX RRset, or null when it was not validated
     * @param mtaSts the MTA-STS facts, or null when MTA-STS was not checked
     */
    public static Judged judge(String domain, List<MxReport> reports, DnssecFacts mxDnssec, MtaStsFacts mtaSts) {
        List<String> advertised = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MxReport mx : reports) {
            for (AddressReport a : mx.addresses()) {
                if (!a.acceptsSessions()) {
                    continue;
                }
                String subject = Subjects.address(mx.host(), a.address(), a.port());
                boolean has = a.ehloAfterTls().seen().filter(e -> e.has(KEYWORD)).isPresent();
                (has ? advertised : missing).add(subject);
            }
        }
        String dane = daneGap(reports, mxDnssec);
        String sts = stsGap(mtaSts);
        String authenticatedBy = dane == null ? "DANE" : sts == null ? "MTA-STS" : null;
        List<String> reasons = new ArrayList<>();
        if (advertised.isEmpty() && missing.isEmpty()) {
            reasons.add("no MX address took a session");
        } else if (advertised.isEmpty()) {
            reasons.add("no MX address advertises REQUIRETLS after STARTTLS");
        } else if (!missing.isEmpty()) {
            reasons.add(missing.size() + " of " + (missing.size() + advertised.size())
                    + " MX addresses do not advertise REQUIRETLS after STARTTLS (" + String.join(", ", missing) + ")");
        }
        if (authenticatedBy == null) {
            reasons.add("a sender cannot authenticate the MX hosts: " + dane + ", and " + sts);
        }
        String reason = reasons.isEmpty() ? null : String.join("; ", reasons);
        RequireTlsFacts facts = new RequireTlsFacts(advertised, missing, authenticatedBy, reason == null, reason);
        Optional<Finding> finding = reason == null || advertised.isEmpty() ? Optional.empty()
                : Optional.of(Finding.of(FindingCode.REQUIRETLS_UNAVAILABLE, domain,
                        "a REQUIRETLS message (RFC 8689) to " + domain + " would bounce: " + reason));
        return new Judged(facts, finding);
    }

    /** Why DANE cannot authenticate every MX host (RFC 7672 §2.2), or null when it can. */
    private static String daneGap(List<MxReport> reports, DnssecFacts mxDnssec) {
        if (mxDnssec == null) {
            return "the MX lookup's DNSSEC was not validated (DANE not checked)";
        }
        if (mxDnssec.status() != DnssecStatus.SECURE) {
            return "the MX lookup is not DNSSEC-secure (" + mxDnssec.status().name().toLowerCase(java.util.Locale.ROOT)
                    + ")";
        }
        List<String> without = new ArrayList<>();
        for (MxReport mx : reports) {
            if (!mx.addresses().isEmpty() && !usableDane(mx.dane())) {
                without.add(mx.host());
            }
        }
        return without.isEmpty() ? null : "no secure usable TLSA records for " + String.join(", ", without);
    }

    private static boolean usableDane(DaneReport dane) {
        if (dane == null || dane.dnssec() != DnssecStatus.SECURE) {
            return false;
        }
        for (String text : dane.records()) {
            try {
                if (TlsaRecord.parse(text).usable()) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // a record this check cannot read is no usable record
            }
        }
        return false;
    }

    /** Why MTA-STS cannot authenticate every MX host (RFC 8461 §5), or null when it can. */
    private static String stsGap(MtaStsFacts sts) {
        if (sts == null) {
            return "MTA-STS was not checked";
        }
        if (sts.mode() == null) {
            return "there is no valid MTA-STS policy";
        }
        if (!"enforce".equals(sts.mode())) {
            return "the MTA-STS policy is in mode " + sts.mode() + ", not enforce";
        }
        if (!sts.mxNotCovered().isEmpty()) {
            return "the MTA-STS policy does not cover " + String.join(", ", sts.mxNotCovered());
        }
        return null;
    }
}
