package dev.smtpmxcheck.core.policy.dane;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges one MX host's TLSA records against what its addresses presented, as a DANE sender would
 * (RFC 7672 §2.2, §3). Pure: records in, a {@link DaneReport} and findings out.
 *
 * <ul>
 *   <li>BOGUS: {@link FindingCode#DANE_TLSA_BOGUS}; a lookup without answer: {@link FindingCode#DANE_LOOKUP_FAILED}.</li>
 *   <li>INSECURE with records: {@link FindingCode#DANE_TLSA_UNSIGNED}; without records there is nothing to say.</li>
 *   <li>SECURE with records: usages 0/1 give {@link FindingCode#DANE_UNUSABLE_USAGE}; no usable record
 *       {@link FindingCode#DANE_NO_USABLE_TLSA}; otherwise each address must present a chain a usable record
 *       authenticates ({@link FindingCode#DANE_TLSA_MISMATCH}) over STARTTLS
 *       ({@link FindingCode#DANE_STARTTLS_MISSING}); when every usable record names the one certificate
 *       presented, {@link FindingCode#DANE_NO_ROLLOVER} (RFC 7671 §8.1).</li>
 * </ul>
 */
public final class DaneJudge {
    private DaneJudge() {}

    /**
     * The DANE section and findings of one MX host.
     *
     * @param report the DANE section for {@link MxReport#dane()}
     * @param findings what a DANE sender would run into, in the order: host findings, then per address
     */
    public record Judged(DaneReport report, List<Finding> findings) {
        public Judged {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Judges {@code mx} against {@code lookup}.
     *
     * @param mx the probed MX host, its addresses' TLS facts with the chain's DER
     * @param lookup the host's TLSA records and their DNSSEC status
     */
    public static Judged judge(MxReport mx, TlsaLookup lookup) {
        String host = mx.host();
        List<String> texts = lookup.records().stream().map(TlsaRecord::text).toList();
        List<Finding> findings = new ArrayList<>();
        List<DaneAddress> addresses = new ArrayList<>();
        String at = " at " + lookup.tlsaName();
        if (lookup.status() == null) {
            // No TLSA records: the host does not use DANE, and nothing was validated.
            return new Judged(new DaneReport(lookup.tlsaName(), null, lookup.detail(), texts, addresses), findings);
        }
        switch (lookup.status()) {
            case INDETERMINATE:
                findings.add(Finding.of(FindingCode.DANE_LOOKUP_FAILED, host, "TLSA lookup" + at + " failed: "
                        + lookup.detail()));
                break;
            case BOGUS:
                // The validator's own text (RRset dumps) stays in the report's detail, not in the message.
                findings.add(Finding.of(FindingCode.DANE_TLSA_BOGUS, host, "DNSSEC validation failed for the TLSA"
                        + " lookup" + at + ": " + ValidationReasons.summarize(lookup.detail())));
                break;
            case INSECURE:
                if (!texts.isEmpty()) {
                    findings.add(Finding.of(FindingCode.DANE_TLSA_UNSIGNED, host, count(texts.size(), "TLSA record")
                            + at + " (" + String.join(", ", abbreviated(texts)) + "), but " + lookup.detail()));
                }
                break;
            case SECURE:
                if (!texts.isEmpty()) {
                    judgeSecure(mx, lookup, findings, addresses);
                }
                break;
            default:
                throw new IllegalStateException("unknown DNSSEC status " + lookup.status());
        }
        return new Judged(new DaneReport(lookup.tlsaName(), lookup.status(), lookup.detail(), texts, addresses),
                findings);
    }

    private static void judgeSecure(MxReport mx, TlsaLookup lookup, List<Finding> findings,
            List<DaneAddress> addresses) {
        String host = mx.host();
        String at = " at " + lookup.tlsaName();
        List<TlsaRecord> pkix = lookup.records().stream()
                .filter(r -> r.usage() == TlsaRecord.PKIX_TA || r.usage() == TlsaRecord.PKIX_EE).toList();
        if (!pkix.isEmpty()) {
            findings.add(Finding.of(FindingCode.DANE_UNUSABLE_USAGE, host, count(pkix.size(), "TLSA record") + at
                    + " with usage " + pkix.stream().map(TlsaRecord::usageName).distinct().collect(Collectors.joining(" and "))
                    + ", unusable for SMTP: " + String.join(", ", abbreviated(pkix.stream().map(TlsaRecord::text).toList()))));
        }
        List<TlsaRecord> usable = lookup.records().stream().filter(TlsaRecord::usable).toList();
        if (usable.isEmpty()) {
            findings.add(Finding.of(FindingCode.DANE_NO_USABLE_TLSA, host, "none of the "
                    + count(lookup.records().size(), "TLSA record") + at + " is usable (usage 2 or 3, selector 0 or 1,"
                    + " matching type 0, 1 or 2 with data of the digest's length): DANE senders use TLS without"
                    + " authenticating " + host));
            return;
        }
        List<String> referenceNames = new ArrayList<>(new LinkedHashSet<>(List.of(lookup.baseName(), host)));
        List<CertificateFacts> rolloverChain = null;
        for (AddressReport a : mx.addresses()) {
            String subject = Subjects.address(host, a.address(), a.port());
            Optional<TlsFacts> tls = a.tlsSession().filter(t -> !t.chain().isEmpty());
            if (tls.isPresent()) {
                List<CertificateFacts> chain = tls.get().chain();
                Optional<TlsaMatcher.Match> match;
                try {
                    match = TlsaMatcher.match(usable, chain, referenceNames);
                } catch (IllegalArgumentException e) {
                    addresses.add(DaneAddress.unmatched(a.address(), DaneAddress.Result.NOT_COMPARED,
                            "not compared: " + e.getMessage()));
                    continue;
                }
                if (match.isPresent()) {
                    addresses.add(DaneAddress.matched(a.address(), match.get().record().text(), match.get().position()));
                    if (rolloverChain == null) {
                        rolloverChain = chain;
                    }
                } else {
                    String why = mismatch(usable, chain, referenceNames);
                    addresses.add(DaneAddress.unmatched(a.address(), DaneAddress.Result.NO_MATCH, why));
                    findings.add(Finding.of(FindingCode.DANE_TLSA_MISMATCH, subject, why));
                }
            } else if (a.acceptsSessions()) {
                String why = "TLSA records are published" + at + ", but " + a.failure()
                        .filter(f -> f.stage() != null).map(f -> "STARTTLS failed (" + f.detail() + ")")
                        .orElse("STARTTLS is not offered");
                addresses.add(DaneAddress.unmatched(a.address(), DaneAddress.Result.NO_TLS, why));
                findings.add(Finding.of(FindingCode.DANE_STARTTLS_MISSING, subject, why
                        + ": DANE senders do not deliver in plain text"));
            } else {
                addresses.add(DaneAddress.unmatched(a.address(), DaneAddress.Result.NOT_COMPARED,
                        "not compared: no TLS session (" + a.failure().map(Failure::detail)
                                .orElse("the probe did not reach STARTTLS") + ")"));
            }
        }
        if (rolloverChain != null) {
            List<List<Integer>> positions = TlsaMatcher.positions(usable, rolloverChain);
            Set<Integer> named = positions.stream().flatMap(List::stream).collect(Collectors.toSet());
            boolean everyRecordNamesIt = positions.stream().noneMatch(List::isEmpty);
            if (everyRecordNamesIt && named.size() == 1) {
                int position = named.iterator().next();
                findings.add(Finding.of(FindingCode.DANE_NO_ROLLOVER, host, (usable.size() == 1 ? "the only usable TLSA"
                        + " record" + at + " names" : "all " + usable.size() + " usable TLSA records" + at + " name")
                        + " the certificate at chain position " + position + " (" + rolloverChain.get(position).subject()
                        + "); a new " + (position == 0 ? "server key" : "key of this trust anchor")
                        + " will not match until a record for it is published"));
            }
        }
    }

    /** Why no usable record matched, with what the server's certificate would need ("3 1 1 <hash>"). */
    private static String mismatch(List<TlsaRecord> usable, List<CertificateFacts> chain, List<String> referenceNames) {
        List<List<Integer>> positions = TlsaMatcher.positions(usable, chain);
        boolean taNamesChain = false;
        for (int i = 0; i < usable.size(); i++) {
            if (usable.get(i).usage() == TlsaRecord.DANE_TA && !positions.get(i).isEmpty()) {
                taNamesChain = true;
            }
        }
        StringBuilder why = new StringBuilder(usable.size() == 1 ? "the only usable TLSA record" : "none of the "
                + usable.size() + " usable TLSA records")
                .append(" (").append(String.join(", ", abbreviated(usable.stream().map(TlsaRecord::text).toList())))
                .append(usable.size() == 1 ? ") does not match" : ") matches").append(" the chain presented");
        if (taNamesChain) {
            why.append("; a DANE-TA record names a certificate of the chain, but the server certificate does not name ")
                    .append(String.join(" or ", referenceNames)).append(" or is not issued by it (RFC 7672 §3.1.2)");
        }
        String spki = leafSpkiSha256(chain);
        if (spki != null) {
            why.append("; the server's key would need \"3 1 1 ").append(spki).append('"');
        }
        return why.toString();
    }

    private static String leafSpkiSha256(List<CertificateFacts> chain) {
        try {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(chain.get(0).der())));
            return HexFormat.of().formatHex(TlsaMatcher.associationData(leaf, TlsaRecord.SPKI, TlsaRecord.SHA2_256));
        } catch (CertificateException | RuntimeException e) {
            return null; // only the hint is lost
        }
    }

    /** Records with long data shortened for messages: "3 1 1 0a1b2c3d4e5f…" (the JSON report keeps them whole). */
    private static List<String> abbreviated(List<String> texts) {
        return texts.stream().map(t -> t.length() > 30 ? t.substring(0, 30) + "…" : t).toList();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
