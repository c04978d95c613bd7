package dev.smtpmxcheck.core.delivery;

import dev.smtpmxcheck.core.report.AddressDelivery;
import dev.smtpmxcheck.core.report.ClassDelivery;
import dev.smtpmxcheck.core.report.Delivers;
import dev.smtpmxcheck.core.report.DeliveryReason;
import dev.smtpmxcheck.core.report.DomainDelivery;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.SenderClass;
import dev.smtpmxcheck.core.report.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades the findings that only some classes of sender act on by what they do to delivery (RFC 8461 §4, RFC 7672
 * §3): CRITICAL when a class the domain invites can deliver to no MX because of them, WARNING when it still can or
 * when no class the domain invites refuses the address, INFO when the address is authenticated by DANE and no class
 * refuses it. Findings of other codes, and those of an admin-set threshold ({@code -w/-c} days, time ranges), keep
 * their severity.
 *
 * <ul>
 *   <li>Certificate trust and names ({@link #CERTIFICATE}, at the leaf's address subject; findings already INFO stay
 *       so): graded by the classes that refuse the address for a certificate reason.</li>
 *   <li>MTA-STS refusals (MTA_STS_MX_NOT_SECURE, MTA_STS_MX_NOT_COVERED): CRITICAL when MTA-STS senders under an
 *       enforce policy find no MX, else WARNING.</li>
 *   <li>DANE refusals (DANE_TLSA_MISMATCH, DANE_STARTTLS_MISSING, DANE_TLSA_BOGUS): CRITICAL when DANE senders find
 *       no MX, else WARNING.</li>
 *   <li>TLS that does not come about at an address ({@link #TRANSPORT}: STARTTLS not offered, STARTTLS refused, a
 *       failed handshake): opportunistic senders go on in plain text (RFC 3207 §4; after a failed handshake on a new
 *       connection), senders that demand TLS do not (RFC 8461 §5, RFC 7672 §2.2). CRITICAL when a class the domain
 *       invites and that enforces refuses the address for it and finds no MX at all, or when opportunistic senders
 *       themselves find none (the plain-text retry got no reply to MAIL FROM); WARNING otherwise.</li>
 *   <li>Under {@code --require-tls} every TLS failure at an address (no STARTTLS, refused STARTTLS, a failed
 *       handshake, a certificate an opportunistic sender, now verifying, refuses) is CRITICAL.</li>
 * </ul>
 */
public final class DeliveryGrading {
    /** Certificate findings whose weight depends on who verifies the certificate. */
    public static final Set<FindingCode> CERTIFICATE = EnumSet.of(FindingCode.CERT_SELF_SIGNED,
            FindingCode.CERT_UNTRUSTED, FindingCode.CERT_CHAIN_INCOMPLETE, FindingCode.CERT_NAME_MISMATCH);

    private static final Set<FindingCode> MTA_STS = EnumSet.of(FindingCode.MTA_STS_MX_NOT_SECURE,
            FindingCode.MTA_STS_MX_NOT_COVERED);
    private static final Set<FindingCode> DANE = EnumSet.of(FindingCode.DANE_TLSA_MISMATCH,
            FindingCode.DANE_STARTTLS_MISSING, FindingCode.DANE_TLSA_BOGUS);
    /** Findings of TLS that did not come about at an address, whose weight depends on who demands TLS. */
    public static final Set<FindingCode> TRANSPORT = EnumSet.of(FindingCode.STARTTLS_NOT_OFFERED,
            FindingCode.STARTTLS_REJECTED, FindingCode.TLS_HANDSHAKE_FAILED);
    private static final Set<DeliveryReason> TRANSPORT_REASONS = EnumSet.of(DeliveryReason.NO_TLS,
            DeliveryReason.TLS_FAILED);
    private static final Set<DeliveryReason> CERTIFICATE_REASONS = EnumSet.of(DeliveryReason.CERT_UNTRUSTED,
            DeliveryReason.CERT_NAME_MISMATCH, DeliveryReason.CERT_EXPIRED);

    private DeliveryGrading() {}

    /**
     * The findings with the severities delivery earns them, in the same order.
     *
     * @param findings the findings with their producers' severities
     * @param delivery the domain's delivery matrix ({@link DeliveryJudge#judge})
     */
    public static List<Finding> grade(List<Finding> findings, DomainDelivery delivery) {
        List<Finding> out = new ArrayList<>(findings.size());
        Map<String, AddressDelivery> addresses = delivery.bySubject();
        for (Finding f : findings) {
            Severity severity = severity(f, addresses.get(f.subject()), delivery);
            out.add(severity == null || severity == f.severity() ? f : f.withSeverity(severity));
        }
        return out;
    }

    /** The severity {@code f} earns at {@code address} (null when its subject is no address), or null to keep it. */
    static Severity severity(Finding f, AddressDelivery address, DomainDelivery delivery) {
        if (CERTIFICATE.contains(f.code()) && f.severity() != Severity.INFO) {
            return certificate(address, delivery);
        }
        if (MTA_STS.contains(f.code())) {
            return delivery.of(SenderClass.MTA_STS).blocked() ? Severity.CRITICAL : Severity.WARNING;
        }
        if (DANE.contains(f.code())) {
            return delivery.of(SenderClass.DANE).blocked() ? Severity.CRITICAL : Severity.WARNING;
        }
        if (TRANSPORT.contains(f.code())) {
            return delivery.requireTls() ? Severity.CRITICAL : transport(address, delivery);
        }
        return null;
    }

    /**
     * CRITICAL when a class that refuses {@code address} for want of TLS (or, for opportunistic senders, because the
     * plain-text retry got no reply to MAIL FROM) finds no MX of the domain, else WARNING; null (keep) when the finding is about
     * no address.
     */
    private static Severity transport(AddressDelivery address, DomainDelivery delivery) {
        if (address == null) {
            return null;
        }
        for (ClassDelivery c : address.classes()) {
            if (c.delivers() == Delivers.NO && TRANSPORT_REASONS.contains(c.reason())
                    && delivery.of(c.sender()).blocked()) {
                return Severity.CRITICAL;
            }
        }
        return Severity.WARNING;
    }

    private static Severity certificate(AddressDelivery address, DomainDelivery delivery) {
        if (address == null) {
            return null;
        }
        boolean refused = false;
        for (ClassDelivery c : address.classes()) {
            if (c.delivers() != Delivers.NO || !CERTIFICATE_REASONS.contains(c.reason())) {
                continue;
            }
            DomainDelivery.Domain domain = delivery.of(c.sender());
            if (c.sender() == SenderClass.OPPORTUNISTIC || domain.blocked()) {
                // Opportunistic senders refuse a certificate only under --require-tls: every such failure counts.
                return Severity.CRITICAL;
            }
            refused |= domain.applies();
        }
        if (!refused && address.of(SenderClass.DANE).delivers() == Delivers.YES) {
            return Severity.INFO;
        }
        return Severity.WARNING;
    }
}
