package dev.smtpmxcheck.core.delivery;

import dev.smtpmxcheck.core.report.AddressDelivery;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.ClassDelivery;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.Delivers;
import dev.smtpmxcheck.core.report.DeliveryReason;
import dev.smtpmxcheck.core.report.DnssecFacts;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.PostmasterFacts;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.SenderClass;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes, from the probe's outcomes and the domain's policies, which class of sender would deliver to each MX
 * address and to the domain (RFC 3207, RFC 8461 §4, RFC 7672 §2.2 and §3). Pure: records in, a
 * {@link DomainDelivery} out.
 *
 * <ul>
 *   <li>Opportunistic senders deliver to every address that takes mail ({@link AddressReport#takesMail()}: a
 *       session, and neither MAIL FROM nor the postmaster refused). STARTTLS not offered or refused, they send in
 *       plain text (RFC 3207 §4); after a failed TLS handshake they retry in plain text on a new connection (Exim's
 *       {@code tls_tempfail_tryclear}, Postfix at security level {@code may}), as the probe does for its relay and
 *       postmaster probes: an address whose plain-text retry was asked for and got no reply to MAIL FROM is
 *       {@link DeliveryReason#TLS_FAILED} for them too ({@link #plainTextRetryFailed}). Under {@code requireTls} they
 *       verify: STARTTLS must be negotiated and the certificate PKIX-valid for the MX name, or authenticated by a
 *       matching DANE TLSA record of a host the domain's DNSSEC-secure MX RRset names (RFC 7672 §2.2.1: a match
 *       reached through an insecure MX RRset is no authentication of the domain's MX).</li>
 *   <li>MTA-STS senders apply when the domain has a valid policy in mode {@code enforce} or {@code testing}: the MX
 *       host must match an {@code mx} pattern (§4.1), and the address must negotiate STARTTLS with a PKIX-valid,
 *       unexpired certificate whose subject alternative names name the MX host (§4.2).</li>
 *   <li>DANE senders apply at MX hosts with DNSSEC-secure TLSA records: STARTTLS is mandatory and the chain must
 *       match a usable record (RFC 7672 §3); PKIX trust and, for DANE-EE, names do not matter. Bogus TLSA records
 *       make the host unusable (§2.2.2). Without usable records a DANE sender still demands TLS (§2.2). A failed
 *       handshake is never retried in plain text (§2.2). When the MX RRset itself is insecure, a DANE sender
 *       "MAY" still use the hosts' secure TLSA records (§2.2.1); Postfix does by default
 *       ({@code smtp_tls_dane_insecure_mx_policy = dane} under security level {@code dane}), so DANE stays
 *       applicable and enforced there: its failures still stop those senders. See {@link #daneApplies}.</li>
 *   <li>Per domain, a class can deliver when it delivers to one MX address at least: senders fall back to the next
 *       MX (RFC 5321 §5.1). A DANE sender treats hosts without secure TLSA as an opportunistic sender does.</li>
 * </ul>
 */
public final class DeliveryJudge {
    private DeliveryJudge() {}

    /**
     * The delivery matrix of a domain, knowing how DNSSEC vouches for its MX RRset (RFC 7672 §2.2.1).
     *
     * @param mx the MX reports in preference order, with their DANE sections where DANE was checked
     * @param mxDnssec the DNSSEC status of the MX lookup ({@code MxDnssecCheck}), or null when it was not validated
     *     ({@code -H}, DNSSEC validation off): then every DANE match counts as authentication, as before the status
     *     was known
     * @param mtaSts the domain's MTA-STS facts, or null when not checked
     * @param requireTls true when the domain's partners require verified TLS ({@code --require-tls})
     * @param now the time certificates' validity is judged at
     * @return the matrix; never null
     */
    public static DomainDelivery judge(List<MxReport> mx, DnssecFacts mxDnssec, MtaStsFacts mtaSts,
            boolean requireTls, Instant now) {
        boolean mxInsecure = mxDnssec != null && mxDnssec.status() == DnssecStatus.INSECURE;
        boolean stsApplies = mtaSts != null && ("enforce".equals(mtaSts.mode()) || "testing".equals(mtaSts.mode()));
        boolean stsEnforced = stsApplies && "enforce".equals(mtaSts.mode());
        List<AddressDelivery> addresses = new ArrayList<>();
        boolean anySession = false;
        boolean opportunisticDelivers = false;
        boolean stsDelivers = false;
        boolean daneDelivers = false;
        boolean daneApplies = false;
        for (MxReport m : mx) {
            boolean hostDane = daneApplies(m.dane());
            daneApplies |= hostDane;
            for (AddressReport a : m.addresses()) {
                ClassDelivery opportunistic = opportunistic(m, a, requireTls, mxInsecure, now);
                ClassDelivery sts = stsApplies ? mtaSts(m, a, mtaSts, now) : ClassDelivery.notApplicable(SenderClass.MTA_STS);
                ClassDelivery dane = hostDane ? dane(m.dane(), a) : ClassDelivery.notApplicable(SenderClass.DANE);
                addresses.add(new AddressDelivery(m.host(), m.preference(), a.address(), a.port(),
                        List.of(opportunistic, sts, dane)));
                // Where a class has no rule of its own, its senders deliver as opportunistic ones do.
                boolean plain = a.takesMail() && !plainTextRetryFailed(a);
                anySession |= plain;
                opportunisticDelivers |= opportunistic.delivers() == Delivers.YES;
                stsDelivers |= sts.delivers() == Delivers.YES;
                daneDelivers |= hostDane ? dane.delivers() == Delivers.YES : plain;
            }
        }
        List<DomainDelivery.Domain> classes = List.of(
                new DomainDelivery.Domain(SenderClass.OPPORTUNISTIC, true, true, opportunisticDelivers),
                new DomainDelivery.Domain(SenderClass.MTA_STS, stsApplies, stsEnforced,
                        stsApplies ? stsDelivers : anySession),
                new DomainDelivery.Domain(SenderClass.DANE, daneApplies, daneApplies, daneDelivers));
        return new DomainDelivery(requireTls, classes, addresses);
    }

    /**
     * True when DANE senders apply their rules to the host: secure TLSA records, or bogus ones (RFC 7672 §2.2). The
     * MX RRset's own status does not take them away: with an insecure MX RRset a DANE sender "MAY" still use the
     * TLSA records of the hosts it names (RFC 7672 §2.2.1, for hosted domains of a signed provider), and Postfix, the
     * most common DANE sender, does by default; so its refusals stay counted. What an insecure MX RRset takes away is
     * the authentication of the domain's MX: an attacker who forges the MX records picks the host (§2.2.1), see
     * {@link #judge(List, DnssecFacts, MtaStsFacts, boolean, Instant)}.
     */
    static boolean daneApplies(DaneReport dane) {
        return dane != null && (dane.dnssec() == DnssecStatus.BOGUS
                || dane.dnssec() == DnssecStatus.SECURE && !dane.records().isEmpty());
    }

    private static ClassDelivery opportunistic(MxReport m, AddressReport a, boolean requireTls, boolean mxInsecure,
            Instant now) {
        if (!a.takesMail()) {
            return ClassDelivery.no(SenderClass.OPPORTUNISTIC, refusal(a));
        }
        if (!requireTls && plainTextRetryFailed(a)) {
            return ClassDelivery.no(SenderClass.OPPORTUNISTIC, DeliveryReason.TLS_FAILED);
        }
        if (requireTls) {
            Optional<DeliveryReason> pkix = pkixProblem(a, now);
            if (pkix.isPresent() && !(!mxInsecure && daneApplies(m.dane()) && daneMatched(m.dane(), a))) {
                return ClassDelivery.no(SenderClass.OPPORTUNISTIC, pkix.get());
            }
        }
        return ClassDelivery.yes(SenderClass.OPPORTUNISTIC);
    }

    private static ClassDelivery mtaSts(MxReport m, AddressReport a, MtaStsFacts sts, Instant now) {
        if (sts.mxNotCovered().contains(m.host())) {
            return ClassDelivery.no(SenderClass.MTA_STS, DeliveryReason.MX_NOT_IN_POLICY);
        }
        if (!a.takesMail()) {
            return ClassDelivery.no(SenderClass.MTA_STS, refusal(a));
        }
        return pkixProblem(a, now).map(r -> ClassDelivery.no(SenderClass.MTA_STS, r))
                .orElse(ClassDelivery.yes(SenderClass.MTA_STS));
    }

    private static ClassDelivery dane(DaneReport dane, AddressReport a) {
        if (dane.dnssec() == DnssecStatus.BOGUS) {
            return ClassDelivery.no(SenderClass.DANE, DeliveryReason.TLSA_BOGUS);
        }
        if (!a.takesMail()) {
            return ClassDelivery.no(SenderClass.DANE, refusal(a));
        }
        if (handshakeFailed(a)) {
            // TLS is mandatory once usable TLSA records exist: no retry in plain text (RFC 7672 §2.2).
            return ClassDelivery.no(SenderClass.DANE, DeliveryReason.TLS_FAILED);
        }
        DaneAddress compared = dane.addresses().stream().filter(d -> d.address().equals(a.address())).findFirst()
                .orElse(null);
        if (compared == null) {
            // No usable record: the sender demands TLS but authenticates nothing (RFC 7672 §2.2).
            return a.tlsSession().isPresent() ? ClassDelivery.yes(SenderClass.DANE)
                    : ClassDelivery.no(SenderClass.DANE, DeliveryReason.NO_TLS);
        }
        switch (compared.result()) {
            case MATCHED:
                return ClassDelivery.yes(SenderClass.DANE);
            case NO_MATCH:
                return ClassDelivery.no(SenderClass.DANE, DeliveryReason.TLSA_MISMATCH);
            case NO_TLS:
                return ClassDelivery.no(SenderClass.DANE, DeliveryReason.NO_TLS);
            default:
                return ClassDelivery.no(SenderClass.DANE, DeliveryReason.TLSA_NOT_COMPARED);
        }
    }

    /** Why an address that does not take mail refuses every sender: no session, or mail refused for the domain. */
    private static DeliveryReason refusal(AddressReport a) {
        return a.acceptsSessions() ? DeliveryReason.MAIL_REFUSED : DeliveryReason.NO_SESSION;
    }

    private static boolean daneMatched(DaneReport dane, AddressReport a) {
        return dane.addresses().stream().anyMatch(d -> d.address().equals(a.address())
                && d.result() == DaneAddress.Result.MATCHED);
    }

    /**
     * Why a sender that verifies certificates as RFC 8461 §4.2 says would refuse the address, or empty when it would
     * deliver: a failed TLS handshake (never retried in plain text, RFC 8461 §5), no TLS, a chain not PKIX-trusted, a leaf without the MX name among its DNS-IDs (a CN alone does not
     * count), or a certificate of the validated path outside its validity.
     */
    static Optional<DeliveryReason> pkixProblem(AddressReport a, Instant now) {
        if (handshakeFailed(a)) {
            return Optional.of(DeliveryReason.TLS_FAILED);
        }
        TlsFacts tls = a.tlsSession().orElse(null);
        if (tls == null) {
            return Optional.of(DeliveryReason.NO_TLS);
        }
        if (tls.trust() != TrustStatus.TRUSTED) {
            return Optional.of(DeliveryReason.CERT_UNTRUSTED);
        }
        CertificateFacts leaf = tls.chain().isEmpty() ? null : tls.chain().get(0);
        if (leaf == null || !tls.nameMatches() || leaf.dnsNames().isEmpty()) {
            return Optional.of(DeliveryReason.CERT_NAME_MISMATCH);
        }
        for (CertificateFacts c : tls.chain()) {
            if (tls.judged(c.position()) && (c.notAfter() != null && now.isAfter(c.notAfter())
                    || c.notBefore() != null && now.isBefore(c.notBefore()))) {
                return Optional.of(DeliveryReason.CERT_EXPIRED);
            }
        }
        return Optional.empty();
    }

    /**
     * True when STARTTLS was accepted and the TLS handshake then failed ({@link ProbeStage#TLS_HANDSHAKE}, also when
     * the server ended TLS right after it, before answering EHLO): a sender that demands TLS stops there. A handshake
     * cut off by its stage timeout or the overall deadline ({@link Failure#timedOut()}) did not fail: the session
     * timed out, and the address is judged as after any other timeout once STARTTLS was accepted (no TLS session:
     * {@link DeliveryReason#NO_TLS} for senders that demand TLS).
     */
    static boolean handshakeFailed(AddressReport a) {
        return a.failure().filter(f -> f.stage() == ProbeStage.TLS_HANDSHAKE && !f.timedOut()).isPresent();
    }

    /**
     * True when the handshake failed and the probe's retry in plain text on a new connection (made for the relay and
     * postmaster probes) got no reply to MAIL FROM: the probe never saw the address take a message without TLS, so
     * it does not claim that opportunistic senders deliver there. A refusal of MAIL FROM or of the postmaster is
     * {@link AddressReport#takesMail()}'s matter. When neither probe was asked, no retry was made and the first
     * session's greeting and EHLO stand for it (false). A retry cut short by the overall deadline counts as failed:
     * the report cannot tell the two apart.
     */
    static boolean plainTextRetryFailed(AddressReport a) {
        boolean asked = asked(a.relay()) || asked(a.postmaster());
        boolean answered = a.relay().seen().map(RelayFacts::mailReply).isPresent()
                || a.postmaster().seen().map(PostmasterFacts::mailReply).isPresent();
        return handshakeFailed(a) && asked && !answered;
    }

    /** True when the probe was asked for: it ran, or it was skipped after the failure that ended the dialogue. */
    private static boolean asked(Outcome<?> probe) {
        return probe.notRun().filter(r -> r != NotRunReason.SKIPPED_AFTER_FAILURE).isEmpty();
    }
}
