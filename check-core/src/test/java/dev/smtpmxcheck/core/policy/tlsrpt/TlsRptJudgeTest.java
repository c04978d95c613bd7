package dev.smtpmxcheck.core.policy.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.DnsFailure;
import dev.smtpmxcheck.core.dns.TxtLookup;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8460 §3: which TXT records count, and what becomes of them. */
class TlsRptJudgeTest {

    @Test
    void oneValidRecordAmongOthers() {
        TlsRptJudge.Judgement j = TlsRptJudge.judge("example.test", new TxtLookup.Records(List.of("something else",
                "v=TLSRPTv1; rua=mailto:tls@example.test,https://r.example.test/report")));

        assertThat(j.findings()).isEmpty();
        assertThat(j.facts().rua()).containsExactly("mailto:tls@example.test", "https://r.example.test/report");
    }

    @Test
    void absentIsInformational() {
        TlsRptJudge.Judgement j = TlsRptJudge.judge("example.test", new TxtLookup.None("NXDOMAIN"));

        assertThat(j.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.TLSRPT_ABSENT);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("_smtp._tls.example.test");
        });
    }

    @Test
    void malformedMultipleAndFailed() {
        assertThat(TlsRptJudge.judge("example.test", new TxtLookup.Records(List.of("v=TLSRPTv1; rua=ftp://x.example")))
                .findings()).extracting(Finding::code).containsExactly(FindingCode.TLSRPT_INVALID);
        assertThat(TlsRptJudge.judge("example.test", new TxtLookup.Records(List.of("v=TLSRPTv1; rua=mailto:a@b.example",
                "v=TLSRPTv1; rua=mailto:c@d.example"))).findings()).extracting(Finding::code)
                .containsExactly(FindingCode.TLSRPT_RECORD_MULTIPLE);
        assertThat(TlsRptJudge.judge("example.test", new TxtLookup.Failed(DnsFailure.TIMEOUT, "timeout")).findings())
                .extracting(Finding::code).containsExactly(FindingCode.TLSRPT_LOOKUP_FAILED);
    }
}
