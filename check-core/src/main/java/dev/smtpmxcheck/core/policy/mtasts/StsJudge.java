package dev.smtpmxcheck.core.policy.mtasts;

import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.CertificateFacts;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Judges a domain's MTA-STS as a strict sender would (RFC 8461 §3, §4, §5). Pure: no I/O.
 *
 * <ul>
 *   <li>TXT at {@code _mta-sts}: none → MTA_STS_ABSENT (INFO); failed query → MTA_STS_LOOKUP_FAILED; several
 *       {@code v=STSv1} records → MTA_STS_RECORD_MULTIPLE; one malformed → MTA_STS_RECORD_INVALID (§3.1).</li>
 *   <li>Policy fetch: certificate → MTA_STS_POLICY_HOST_CERT_INVALID; no connection, no 200, redirect →
 *       MTA_STS_POLICY_UNREACHABLE; media type other than {@code text/plain}, too large, bad syntax →
 *       MTA_STS_POLICY_INVALID (§3.2, §3.3).</li>
 *   <li>Valid policy: mode none → MTA_STS_MODE_NONE (INFO), no MX judged. Otherwise every MX host must match an
 *       {@code mx} pattern (§4.1, MTA_STS_MX_NOT_COVERED) and every address that took a session must offer
 *       STARTTLS with a PKIX-valid, unexpired certificate whose subject alternative names include the MX name
 *       (§4.2, MTA_STS_MX_NOT_SECURE): CRITICAL under enforce, WARNING under testing, which is also reported as
 *       MTA_STS_MODE_TESTING (INFO).</li>
 *   <li>A valid enforce or testing policy whose {@code max_age} is under one day → MTA_STS_MAX_AGE_SHORT (INFO,
 *       RFC 8461 §3.2); mode none with a short {@code max_age} is how a domain withdraws MTA-STS (§8.3) and is not
 *       reported. A {@code max_age} over 31557600 s makes the policy invalid ({@link StsPolicy#parse}).</li>
 * </ul>
 */
public final class StsJudge {
    private StsJudge() {}

    /**
     * One day in seconds: a {@code max_age} below it is reported as MTA_STS_MAX_AGE_SHORT (INFO). RFC 8461 §3.2
     * expects "weeks or greater", so that a cached policy outlives an attacker blocking the policy fetch (§10.2).
     */
    public static final long ONE_DAY_SECONDS = 86_400L;

    /**
     * The verdict: facts for the report and findings.
     *
     * @param facts what was found, for the JSON report
     * @param findings the MTA-STS findings, possibly empty (enforce, all good)
     */
    public record Judgement(MtaStsFacts facts, List<Finding> findings) {
        public Judgement {
            findings = List.copyOf(findings);
        }
    }

    /**
     * Judges {@code discovery} against the MX hosts as probed.
     *
     * @param domain the policy domain, A-labels without trailing dot: the subject of domain-wide findings
     * @param discovery the TXT lookup and policy fetch
     * @param mx the probed MX hosts (their names are matched; their addresses' TLS facts judged)
     * @param now the time certificates' validity is judged at
     */
    public static Judgement judge(String domain, StsDiscovery discovery, List<MxReport> mx, Instant now) {
        List<Finding> findings = new ArrayList<>();
        TxtLookup txt = discovery.txt();
        if (txt instanceof TxtLookup.Failed failed) {
            findings.add(Finding.of(FindingCode.MTA_STS_LOOKUP_FAILED, domain, failed.detail()));
            return new Judgement(facts(List.of(), null, null, null, null), findings);
        }
        List<String> texts = txt instanceof TxtLookup.Records records ? records.texts() : List.of();
        StsRecord.Selection selection = StsRecord.select(texts);
        List<String> candidates = texts.stream().filter(StsRecord::isCandidate).collect(Collectors.toList());
        if (selection instanceof StsRecord.Selection.Absent) {
            findings.add(Finding.of(FindingCode.MTA_STS_ABSENT, domain, "no TXT record beginning with v=STSv1 at _mta-sts."
                    + domain + (txt instanceof TxtLookup.None none ? " (" + none.detail() + ")" : "")));
            return new Judgement(facts(candidates, null, null, null, null), findings);
        }
        if (selection instanceof StsRecord.Selection.Multiple) {
            findings.add(Finding.of(FindingCode.MTA_STS_RECORD_MULTIPLE, domain, candidates.size()
                    + " TXT records begin with v=STSv1 at _mta-sts." + domain + ": " + quoted(candidates)));
            return new Judgement(facts(candidates, null, null, null, null), findings);
        }
        if (selection instanceof StsRecord.Selection.Invalid) {
            StsRecord.Selection.Invalid invalid = (StsRecord.Selection.Invalid) selection;
            findings.add(Finding.of(FindingCode.MTA_STS_RECORD_INVALID, domain, "\"" + invalid.text() + "\" at _mta-sts."
                    + domain + ": " + invalid.reason()));
            return new Judgement(facts(candidates, null, null, null, null), findings);
        }
        String id = ((StsRecord.Selection.Valid) selection).record().id();
        String url = PolicyFetcher.policyUrl(domain);
        PolicyFetcher.Result fetch = discovery.fetch();
        if (fetch == null) {
            throw new IllegalArgumentException("a valid MTA-STS record of " + domain + " but no fetch result");
        }
        if (fetch instanceof PolicyFetcher.Result.Failed) {
            PolicyFetcher.Result.Failed failed = (PolicyFetcher.Result.Failed) fetch;
            FindingCode code = failed.kind() == PolicyFetcher.FailureKind.CERTIFICATE_INVALID
                    ? FindingCode.MTA_STS_POLICY_HOST_CERT_INVALID
                    : failed.kind() == PolicyFetcher.FailureKind.TOO_LARGE ? FindingCode.MTA_STS_POLICY_INVALID
                    : FindingCode.MTA_STS_POLICY_UNREACHABLE;
            findings.add(Finding.of(code, domain, url + ": " + failed.reason()));
            return new Judgement(facts(candidates, id, url, failed.httpStatus(), null), findings);
        }
        PolicyFetcher.Result.Fetched fetched = (PolicyFetcher.Result.Fetched) fetch;
        String digest = sha256(fetched.body());
        MtaStsFacts base = new MtaStsFacts(candidates, id, url, 200, fetched.contentType(), null, List.of(), null,
                List.of(), List.of(), digest);
        if (!isTextPlain(fetched.contentType())) {
            findings.add(Finding.of(FindingCode.MTA_STS_POLICY_INVALID, domain, url + ": media type is "
                    + (fetched.contentType() == null ? "missing" : "\"" + fetched.contentType() + "\"")
                    + ", not text/plain (RFC 8461 §3.2)"));
            return new Judgement(base, findings);
        }
        StsPolicy.Parse parse = StsPolicy.parse(fetched.body());
        if (parse instanceof StsPolicy.Parse.Invalid) {
            findings.add(Finding.of(FindingCode.MTA_STS_POLICY_INVALID, domain, url + ": "
                    + ((StsPolicy.Parse.Invalid) parse).reason()));
            return new Judgement(base, findings);
        }
        StsPolicy policy = ((StsPolicy.Parse.Valid) parse).policy();
        List<String> notCovered = new ArrayList<>();
        List<String> notSecure = new ArrayList<>();
        if (policy.mode() != Mode.NONE && policy.maxAge() < ONE_DAY_SECONDS) {
            findings.add(Finding.of(FindingCode.MTA_STS_MAX_AGE_SHORT, domain, "the policy (id " + id + ") has max_age "
                    + policy.maxAge() + " s, under one day (" + ONE_DAY_SECONDS
                    + " s): senders forget it that soon, and an attacker who blocks the next fetch strips it"));
        }
        if (policy.mode() == Mode.NONE) {
            findings.add(Finding.of(FindingCode.MTA_STS_MODE_NONE, domain, "the policy (id " + id
                    + ") has mode none: senders apply no MTA-STS policy"));
        } else {
            Severity severity = policy.mode() == Mode.ENFORCE ? Severity.CRITICAL : Severity.WARNING;
            String consequence = policy.mode() == Mode.ENFORCE ? "a strict sender will not deliver to "
                    : "in enforce mode a strict sender would not deliver to ";
            if (policy.mode() == Mode.TESTING) {
                findings.add(Finding.of(FindingCode.MTA_STS_MODE_TESTING, domain, "the policy (id " + id
                        + ") has mode testing: senders report failures but deliver anyway"));
            }
            String patterns = policy.mx().stream().map(MxPattern::text).collect(Collectors.joining(", "));
            for (MxReport host : mx) {
                if (!policy.allows(host.host())) {
                    notCovered.add(host.host());
                    findings.add(Finding.of(FindingCode.MTA_STS_MX_NOT_COVERED, severity, host.host(),
                            consequence + host.host() + ": it matches no mx pattern of the policy (" + patterns + ")"));
                }
                for (AddressReport a : host.addresses()) {
                    String problem = tlsProblem(host.host(), a, now);
                    if (problem != null) {
                        String subject = Subjects.address(host.host(), a.address(), a.port());
                        notSecure.add(subject);
                        findings.add(Finding.of(FindingCode.MTA_STS_MX_NOT_SECURE, severity, subject,
                                consequence + host.host() + ": " + problem));
                    }
                }
            }
        }
        MtaStsFacts facts = new MtaStsFacts(candidates, id, url, 200, fetched.contentType(), policy.mode().token(),
                policy.mx().stream().map(MxPattern::text).collect(Collectors.toList()), policy.maxAge(), notCovered,
                notSecure, digest);
        return new Judgement(facts, findings);
    }

    /**
     * Why a strict sender would refuse the address (RFC 8461 §4.2), or null when it would deliver or when the
     * address took no session (then reachability findings say so already).
     */
    static String tlsProblem(String mxHost, AddressReport a, Instant now) {
        if (!a.acceptsSessions()) {
            return null;
        }
        TlsFacts tls = a.tlsSession().orElse(null);
        if (tls == null) {
            if (a.ehlo().seen().filter(e -> e.has("STARTTLS")).isEmpty()) {
                return "STARTTLS is not offered";
            }
            return "STARTTLS failed" + a.failure().map(f -> ": " + f.detail()).orElse("");
        }
        if (tls.trust() != TrustStatus.TRUSTED) {
            return "the certificate chain is not trusted (" + tls.trust().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + (tls.trustDetail() == null ? "" : ": " + tls.trustDetail()) + ")";
        }
        CertificateFacts leaf = tls.chain().isEmpty() ? null : tls.chain().get(0);
        // §4.2: the name must be a dNSName of the subject alternative names; a CN alone does not count.
        if (leaf == null || !tls.nameMatches() || leaf.dnsNames().isEmpty()) {
            return "the certificate does not name " + mxHost + " in its subject alternative names"
                    + (leaf == null || leaf.dnsNames().isEmpty() ? "" : " (" + String.join(", ", leaf.dnsNames()) + ")");
        }
        for (CertificateFacts c : tls.chain()) {
            if (!tls.judged(c.position())) {
                continue;
            }
            String which = c.position() == 0 ? "the certificate" : "chain certificate " + c.position();
            if (c.notAfter() != null && now.isAfter(c.notAfter())) {
                return which + " expired on " + c.notAfter().toString().substring(0, 10);
            }
            if (c.notBefore() != null && now.isBefore(c.notBefore())) {
                return which + " is not valid before " + c.notBefore().toString().substring(0, 10);
            }
        }
        return null;
    }

    /**
     * The SHA-256 of a policy body as UTF-8, in lower-case hex: what the Jenkins gate compares between builds to see a
     * policy that changed while the TXT record's {@code id} stayed the same (RFC 8461 §3.1).
     */
    static String sha256(String body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** RFC 8461 §3.2: the policy is served as {@code text/plain}; parameters such as {@code charset} may follow. */
    static boolean isTextPlain(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("text/plain");
    }

    private static MtaStsFacts facts(List<String> records, String id, String url, Integer status, String contentType) {
        return new MtaStsFacts(records, id, url, status, contentType, null, List.of(), null, List.of(), List.of());
    }

    private static String quoted(List<String> texts) {
        return texts.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
    }
}
