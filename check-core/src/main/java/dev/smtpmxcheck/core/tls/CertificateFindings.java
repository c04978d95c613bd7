package dev.smtpmxcheck.core.tls;

import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Findings about a presented chain: the CERT_* codes, for every element of the chain, not only the
 * leaf (RFC 5280 §4.1.2.5 validity, §6 path validation; RFC 6125 §6.4 names).
 *
 * <p><b>The check's time.</b> Only the facts are at hand, so all time judgements come from
 * {@link CertificateFacts#daysLeft()}, which {@link TlsInspector} computed with its clock as
 * {@code floor((notAfter - now) / 1 day)}. Hence:
 * <ul>
 *   <li>expired ⇔ {@code daysLeft < 0} ⇔ {@code notAfter} is before the check's time (exactly);</li>
 *   <li>"expired N days ago" reports N = {@code -daysLeft}, the elapsed time rounded up to whole days
 *       (an hour after expiry reads "expired 1 day ago");</li>
 *   <li>not yet valid ⇔ {@code notBefore} is after {@code notAfter - daysLeft days}, the latest instant
 *       the check's time can be. This never reports a valid certificate, but may miss one that becomes
 *       valid less than a day after the check.</li>
 * </ul>
 * Dates in messages are ISO {@code yyyy-MM-dd} in UTC; day counts are whole days.
 */
public final class CertificateFindings {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MAX_NAMES_LISTED = 10;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CertificateFindings() {}

    /**
     * All certificate findings for one address, in this order: validity of each element (CERT_EXPIRED,
     * CERT_NOT_YET_VALID or CERT_EXPIRES_SOON), the leaf's names (CERT_NAME_MISMATCH, CERT_NO_SAN), the
     * trust verdict (one of CERT_SELF_SIGNED, CERT_CHAIN_INCOMPLETE, CERT_UNTRUSTED, with the
     * {@code trustDetail} as message), then each element's key and signature (CERT_WEAK_KEY for RSA/DSA
     * under 2048 bits or EC under 224 bits; CERT_SHA1_SIGNATURE for SHA-1, MD5 or MD2 signatures on any
     * element that is not self-signed, as nobody relies on a root's self-signature).
     *
     * <p>CERT_EXPIRES_SOON is CRITICAL when {@code daysLeft < criticalDays}, else WARNING when
     * {@code daysLeft < warningDays} (the Nagios {@code -w 30 -c 7} convention); a certificate whose whole lifetime
     * is shorter than twice {@code warningDays} is judged by shares of its lifetime instead ({@link ExpiryRule}).
     *
     * @param addressSubject the address subject ({@code Subjects.address(...)}); chain elements other
     *     than the leaf get {@code Subjects.chainElement(addressSubject, position)}
     * @param tls the facts from {@link TlsInspector}
     * @param warningDays fewer days left than this is WARNING (CERT_EXPIRES_SOON); 0 turns it off
     * @param criticalDays fewer days left than this is CRITICAL (CERT_EXPIRES_SOON); 0 turns it off
     * @return the findings, possibly empty; never null
     * @throws IllegalArgumentException when a threshold is negative
     */
    public static List<Finding> of(String addressSubject, TlsFacts tls, int warningDays, int criticalDays) {
        return of(addressSubject, tls, warningDays, criticalDays, null);
    }

    /**
     * As {@link #of(String, TlsFacts, int, int)}, with the check's time, so that "expired N days ago" counts
     * the whole days that really passed since {@code notAfter} (5 days and an hour read "5 days ago";
     * less than a day reads "less than a day ago").
     *
     * @param now the time of the check, or null to derive it from {@code daysLeft}
     */
    public static List<Finding> of(String addressSubject, TlsFacts tls, int warningDays, int criticalDays,
            Instant now) {
        return of(addressSubject, tls, ExpiryRule.days(warningDays, criticalDays), now);
    }

    /**
     * As {@link #of(String, TlsFacts, int, int, Instant)}, with thresholds that may be shares of a certificate's
     * lifetime ({@link ExpiryRule}); the message of CERT_EXPIRES_SOON says which rule applied.
     *
     * @param addressSubject the address subject
     * @param tls the facts from {@link TlsInspector}
     * @param rule the expiry thresholds, in days or percent of the lifetime
     * @param now the time of the check, or null to derive it from {@code daysLeft}
     * @return the findings, possibly empty; never null
     */
    public static List<Finding> of(String addressSubject, TlsFacts tls, ExpiryRule rule, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<CertificateFacts> chain = tls.chain();
        for (CertificateFacts c : chain) {
            List<Finding> own = new ArrayList<>();
            validity(Subjects.chainElement(addressSubject, c.position()), c, rule, now, own);
            findings.addAll(tls.judged(c.position()) ? own : asExtra(own));
        }
        if (!chain.isEmpty()) {
            CertificateFacts leaf = chain.get(0);
            if (!tls.nameMatches() && IpLiterals.parse(tls.sni()) != null) {
                // The host is an IP address (check_smtp_mx -H 192.0.2.1, or an MX record naming an address, itself a
                // finding): there is no host name to hold the certificate to.
                findings.add(new Finding(FindingCode.CERT_NAME_MISMATCH, Severity.INFO, addressSubject,
                        namesOf(leaf) + "; the host is the IP address " + tls.sni() + ", so there is no host name to check",
                        "Nothing to fix on the server for this; check the host by its name to have the certificate's"
                                + " names checked."));
            } else if (!tls.nameMatches()) {
                findings.add(Finding.of(FindingCode.CERT_NAME_MISMATCH, Severity.CRITICAL, addressSubject,
                        namesOf(leaf) + "; the MX name is " + tls.sni()));
            }
            if (leaf.dnsNames().isEmpty()) {
                findings.add(Finding.of(FindingCode.CERT_NO_SAN, Severity.WARNING, addressSubject,
                        "no dNSName in the subject alternative names; "
                                + (leaf.subjectCommonName() == null ? "no subject CN either"
                                        : "subject CN is " + leaf.subjectCommonName())));
            }
        }
        trust(addressSubject, tls, findings);
        for (CertificateFacts c : chain) {
            List<Finding> own = new ArrayList<>();
            keyAndSignature(Subjects.chainElement(addressSubject, c.position()), c, own);
            findings.addAll(tls.judged(c.position()) ? own : asExtra(own));
        }
        return findings;
    }

    /**
     * Findings about a certificate the server sent but the validated path does not use (an old cross-signed
     * root, a stale intermediate): senders build their own path and ignore it, so they are INFO.
     */
    private static List<Finding> asExtra(List<Finding> findings) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(new Finding(f.code(), Severity.INFO, f.subject(),
                    f.message() + " (sent but not on the validated path: senders do not need it)",
                    "Remove this certificate from the chain " + hostOf(f.subject())
                            + " sends (e.g. from its fullchain file): it is not needed and confuses some clients."));
        }
        return out;
    }

    private static void validity(String subject, CertificateFacts c, ExpiryRule rule, Instant now,
            List<Finding> findings) {
        long days = c.daysLeft();
        if (days < 0) {
            long elapsed = now == null ? -days : java.time.Duration.between(c.notAfter(), now).toDays();
            String ago = elapsed < 1 ? "less than a day" : days(elapsed);
            findings.add(Finding.of(FindingCode.CERT_EXPIRED, Severity.CRITICAL, subject,
                    "expired " + ago + " ago, on " + DATE.format(c.notAfter())));
            return;
        }
        Instant latestNow = c.notAfter().minusMillis(days * MILLIS_PER_DAY);
        if (c.notBefore().isAfter(latestNow)) {
            findings.add(Finding.of(FindingCode.CERT_NOT_YET_VALID, Severity.CRITICAL, subject,
                    "not valid before " + DATE.format(c.notBefore()) + " (" + c.notBefore() + ")"));
            return;
        }
        ExpiryRule.Judgement judgement = rule.judge(c, now);
        if (judgement.severity() != null) {
            findings.add(Finding.of(FindingCode.CERT_EXPIRES_SOON, judgement.severity(), subject,
                    "expires in " + days(days) + ", on " + DATE.format(c.notAfter()) + " (" + judgement.rule() + ")"));
        }
    }

    private static void trust(String subject, TlsFacts tls, List<Finding> findings) {
        TrustStatus status = tls.trust();
        if (status == null || status == TrustStatus.TRUSTED) {
            return;
        }
        FindingCode code = status == TrustStatus.SELF_SIGNED ? FindingCode.CERT_SELF_SIGNED
                : status == TrustStatus.INCOMPLETE ? FindingCode.CERT_CHAIN_INCOMPLETE
                : FindingCode.CERT_UNTRUSTED;
        String detail = tls.trustDetail() == null ? code.title() : tls.trustDetail();
        findings.add(Finding.of(code, Severity.CRITICAL, subject, detail));
    }

    private static void keyAndSignature(String subject, CertificateFacts c, List<Finding> findings) {
        String alg = c.keyAlgorithm() == null ? "" : c.keyAlgorithm().toUpperCase(Locale.ROOT);
        int bits = c.keyBits();
        int minimum = alg.equals("RSA") || alg.equals("RSASSA-PSS") || alg.equals("DSA") ? 2048
                : alg.equals("EC") ? 224 : 0;
        if (bits > 0 && bits < minimum) {
            findings.add(Finding.of(FindingCode.CERT_WEAK_KEY, Severity.WARNING, subject,
                    c.keyAlgorithm() + " key of " + bits + " bits (at least " + minimum + " expected)"));
        }
        if (!c.selfSigned() && isWeakSignature(c.signatureAlgorithm())) {
            findings.add(Finding.of(FindingCode.CERT_SHA1_SIGNATURE, Severity.WARNING, subject,
                    "signed with " + c.signatureAlgorithm()));
        }
    }

    /** SHA-1, MD5 and MD2 signatures, by the JDK's or the OID registry's spelling ("SHA1withRSA", "SHA-1withECDSA"). */
    static boolean isWeakSignature(String signatureAlgorithm) {
        if (signatureAlgorithm == null) {
            return false;
        }
        String a = signatureAlgorithm.toUpperCase(Locale.ROOT).replace("-", "");
        return a.startsWith("SHA1") || a.startsWith("MD5") || a.startsWith("MD2");
    }

    private static String namesOf(CertificateFacts leaf) {
        List<String> names = new ArrayList<>(leaf.dnsNames());
        names.addAll(leaf.ipAddresses());
        if (leaf.dnsNames().isEmpty() && leaf.subjectCommonName() != null) {
            names.add("CN " + leaf.subjectCommonName()); // consulted only without a dNSName (RFC 6125 §6.4.4)
        }
        if (names.isEmpty()) {
            return "the certificate names no host (no subject alternative name, no subject CN)";
        }
        String listed = String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES_LISTED)));
        if (names.size() > MAX_NAMES_LISTED) {
            listed += " and " + (names.size() - MAX_NAMES_LISTED) + " more";
        }
        return "the certificate names " + listed;
    }

    /** "mx1.example.com [192.0.2.1]:25 chain[2]" → "mx1.example.com [192.0.2.1]:25". */
    private static String hostOf(String chainSubject) {
        int chain = chainSubject.lastIndexOf(" chain[");
        return chain < 0 ? chainSubject : chainSubject.substring(0, chain);
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
