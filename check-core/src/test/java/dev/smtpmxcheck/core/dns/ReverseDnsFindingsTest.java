package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReverseDnsFindingsTest {
    private static final String SUBJECT = "mx1.example.test [192.0.2.1]:25";

    private static List<FindingCode> codes(String greetingHost, ReverseDns reverse) {
        return ReverseDnsFindings.of(SUBJECT, "mx1.example.test", greetingHost, reverse).stream().map(Finding::code)
                .toList();
    }

    @Test
    void aConfirmedPtrNamingTheMxAndTheGreetingIsClean() {
        ReverseDns ok = new ReverseDns(List.of("mx1.example.test"), List.of("mx1.example.test"), null);

        assertThat(codes("MX1.Example.Test.", ok)).isEmpty();
        assertThat(codes(null, ok)).isEmpty();
    }

    @Test
    void notLookedUpGivesNothing() {
        assertThat(codes("mx1.example.test", null)).isEmpty();
    }

    @Test
    void aMissingPtrIsOneFinding() {
        List<Finding> findings = ReverseDnsFindings.of(SUBJECT, "mx1.example.test", "mx1.example.test",
                new ReverseDns(List.of(), List.of(), null));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.RDNS_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.subject()).isEqualTo(SUBJECT);
        });
    }

    @Test
    void aFailedLookupIsNotAMissingPtr() {
        assertThat(codes("mx1.example.test", new ReverseDns(List.of(), List.of(), "SERVFAIL")))
                .containsExactly(FindingCode.RDNS_LOOKUP_FAILED);
    }

    @Test
    void aPtrThatDoesNotLeadBackIsReported() {
        List<Finding> findings = ReverseDnsFindings.of(SUBJECT, "mx1.example.test", "mx1.example.test",
                new ReverseDns(List.of("mx1.example.test"), List.of(), null));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.RDNS_NOT_FORWARD_CONFIRMED);
        assertThat(findings.get(0).message()).isEqualTo("PTR mx1.example.test does not resolve back to the address");
        assertThat(findings.get(0).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aPtrNamingAnotherHostMismatchesTheMxAndTheGreeting() {
        List<Finding> findings = ReverseDnsFindings.of(SUBJECT, "mx1.example.test", "mx1.example.test",
                new ReverseDns(List.of("host-192-0-2-1.isp.example"), List.of("host-192-0-2-1.isp.example"), null));

        assertThat(findings).extracting(Finding::code).containsExactly(FindingCode.RDNS_MX_NAME_MISMATCH,
                FindingCode.RDNS_GREETING_MISMATCH);
        assertThat(findings.get(1).message())
                .isEqualTo("the greeting names mx1.example.test, the PTR record host-192-0-2-1.isp.example");
    }

    @Test
    void aHostGivenAsAnAddressHasNoNameToMismatch() {
        ReverseDns ptr = new ReverseDns(List.of("mx1.example.test"), List.of("mx1.example.test"), null);

        assertThat(ReverseDnsFindings.of("192.0.2.1 [192.0.2.1]:25", "192.0.2.1", "mx1.example.test", ptr)).isEmpty();
    }

    @Test
    void theGreetingMayMatchWhereTheMxNameDoesNot() {
        ReverseDns mail = new ReverseDns(List.of("mail.example.test"), List.of("mail.example.test"), null);

        assertThat(codes("mail.example.test", mail)).containsExactly(FindingCode.RDNS_MX_NAME_MISMATCH);
    }
}
