package dev.smtpmxcheck.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNSBL_LISTED per listing (WARNING, or CRITICAL when asked) and DNSBL_UNCHECKED per list that could not say. */
class DnsblFindingsTest {
    private static final String SUBJECT = "mx1.example.com [192.0.2.1]:25";
    private static final DnsblFacts FACTS = new DnsblFacts(List.of(
            new DnsblResult.Listed("zen.spamhaus.org", "1.2.0.192.zen.spamhaus.org", List.of("127.0.0.4"),
                    List.of("XBL: exploited host (malware, open proxy, botnet)"), "https://check.spamhaus.org/"),
            new DnsblResult.NotListed("bl.spamcop.net", "1.2.0.192.bl.spamcop.net"),
            new DnsblResult.Unchecked("b.barracudacentral.org", "1.2.0.192.b.barracudacentral.org",
                    DnsblResult.Why.TIMEOUT, List.of(), "1.2.0.192.b.barracudacentral.org A: no answer before the deadline")));

    @Test
    void aListingIsWarningWithCodeMeaningAndReasonQuoted() {
        List<Finding> findings = DnsblFindings.of(SUBJECT, FACTS, false);

        assertThat(findings).extracting(Finding::code, Finding::severity, Finding::subject, Finding::message)
                .containsExactly(
                        tuple(FindingCode.DNSBL_LISTED, Severity.WARNING, SUBJECT, "listed in zen.spamhaus.org:"
                                + " 127.0.0.4 (XBL: exploited host (malware, open proxy, botnet));"
                                + " reason: \"https://check.spamhaus.org/\""),
                        tuple(FindingCode.DNSBL_UNCHECKED, Severity.INFO, SUBJECT, "could not check"
                                + " b.barracudacentral.org: 1.2.0.192.b.barracudacentral.org A: no answer before the deadline"));
        assertThat(FACTS.listings()).isEqualTo(1);
        assertThat(FACTS.unchecked()).isEqualTo(1);
    }

    @Test
    void aListingIsCriticalWhenAsked() {
        assertThat(DnsblFindings.of(SUBJECT, FACTS, true)).extracting(Finding::severity)
                .containsExactly(Severity.CRITICAL, Severity.INFO);
    }

    @Test
    void noListAskedGivesNoFinding() {
        assertThat(DnsblFindings.of(SUBJECT, null, true)).isEmpty();
    }
}
