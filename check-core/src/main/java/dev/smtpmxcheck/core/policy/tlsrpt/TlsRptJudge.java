package dev.smtpmxcheck.core.policy.tlsrpt;

import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.TlsRptFacts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Judges the TXT records at {@code _smtp._tls.<domain>} (RFC 8460 §3). Pure: no I/O. Records not beginning with
 * {@code v=TLSRPTv1} are discarded; none left → TLSRPT_ABSENT (INFO); several → TLSRPT_RECORD_MULTIPLE; one that
 * does not parse → TLSRPT_INVALID; a failed query → TLSRPT_LOOKUP_FAILED.
 */
public final class TlsRptJudge {
    private TlsRptJudge() {}

    /**
     * @param facts what was found, for the JSON report
     * @param findings the TLS-RPT findings; empty for one valid record
     */
    public record Judgement(TlsRptFacts facts, List<Finding> findings) {
        public Judgement {
            findings = List.copyOf(findings);
        }
    }

    /**
     * @param domain A-labels without trailing dot: the subject of the findings
     * @param txt the lookup of {@code _smtp._tls.<domain>} TXT
     */
    public static Judgement judge(String domain, TxtLookup txt) {
        String owner = "_smtp._tls." + domain;
        if (txt instanceof TxtLookup.Failed failed) {
            return new Judgement(new TlsRptFacts(List.of(), List.of()),
                    List.of(Finding.of(FindingCode.TLSRPT_LOOKUP_FAILED, domain, failed.detail())));
        }
        List<String> texts = txt instanceof TxtLookup.Records records ? records.texts() : List.of();
        List<String> candidates = texts.stream().filter(TlsRptRecord::isCandidate).collect(Collectors.toList());
        if (candidates.isEmpty()) {
            return new Judgement(new TlsRptFacts(List.of(), List.of()), List.of(Finding.of(FindingCode.TLSRPT_ABSENT,
                    domain, "no TXT record beginning with v=TLSRPTv1 at " + owner
                            + (txt instanceof TxtLookup.None none ? " (" + none.detail() + ")" : ""))));
        }
        if (candidates.size() > 1) {
            return new Judgement(new TlsRptFacts(candidates, List.of()), List.of(Finding.of(
                    FindingCode.TLSRPT_RECORD_MULTIPLE, domain, candidates.size() + " TXT records begin with v=TLSRPTv1 at "
                            + owner + ": " + candidates.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", ")))));
        }
        TlsRptRecord.Parse parse = TlsRptRecord.parse(candidates.get(0));
        if (parse instanceof TlsRptRecord.Parse.Invalid) {
            return new Judgement(new TlsRptFacts(candidates, List.of()), List.of(Finding.of(FindingCode.TLSRPT_INVALID,
                    domain, "\"" + candidates.get(0) + "\" at " + owner + ": " + ((TlsRptRecord.Parse.Invalid) parse).reason())));
        }
        return new Judgement(new TlsRptFacts(candidates, ((TlsRptRecord.Parse.Valid) parse).record().rua()), List.of());
    }
}
