package dev.smtpmxcheck.core.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationReasonsTest {
    private static final String ROOT_FAILURE = "Could not establish a chain of trust to keys for [.]. Reason: Missing"
            + " DNSKEY RRset in response to DNSKEY query for .";

    @Test
    void aFailureAtTheTrustAnchorsOwnZoneIsTheCheckersProblem() {
        assertThat(ValidationReasons.anchorZone(ROOT_FAILURE, Set.of("."))).isEqualTo(".");
        assertThat(ValidationReasons.anchorZone("Could not establish a chain of trust to keys for [test]. Reason: x",
                Set.of("test."))).isEqualTo("test.");
    }

    @Test
    void noDnskeyForTheAnchorsZoneIsTheCheckersProblemEvenForAnUnsignedAnswer() {
        // A resolver that serves no root DNSKEY (an authoritative-only server, a test's fake DNS).
        String unsigned = "Could not establish validation of INSECURE status of unsigned response. Reason: Missing"
                + " DNSKEY RRset in response to DNSKEY query for ..";

        assertThat(ValidationReasons.anchorZone(unsigned, Set.of("."))).isEqualTo(".");
        assertThat(ValidationReasons.anchorZone("Missing DNSKEY RRset in response to DNSKEY query for test..",
                Set.of("test."))).isEqualTo("test.");
        assertThat(ValidationReasons.anchorZone("Missing DNSKEY RRset in response to DNSKEY query for a.test..",
                Set.of("test."))).isNull();
    }

    @Test
    void aFailureBelowTheAnchorIsTheDomainsProblem() {
        assertThat(ValidationReasons.anchorZone("Could not establish a chain of trust to keys for [dane-bogus.test.]."
                + " Reason: Did not match a DS to a DNSKEY.", Set.of("test."))).isNull();
        assertThat(ValidationReasons.anchorZone("Positive response has failed ANSWER rrset: { x }", Set.of(".")))
                .isNull();
        assertThat(ValidationReasons.anchorZone(null, Set.of("."))).isNull();
    }

    @Test
    void validatorTextBecomesOneShortSentence() {
        assertThat(ValidationReasons.explain("Positive response has failed ANSWER rrset: { a. 300 IN TLSA 3 1 1 AB"
                + " sigs: [TLSA 13 5 300 ...] }")).isEqualTo("its DNSSEC signatures do not verify (expired, not yet"
                        + " valid, or made with a key the zone does not publish)");
        assertThat(ValidationReasons.explain("Could not establish a chain of trust to keys for [dane-bogus.test.]."
                + " Reason: Did not match a DS to a DNSKEY.")).startsWith("no DNSSEC chain of trust to the keys of"
                        + " dane-bogus.test.");
        assertThat(ValidationReasons.explain("Could not validate RRset a./TLSA due to missing signature."))
                .isEqualTo("the answer carries no DNSSEC signature (RRSIG) although its zone is signed");
        String unknown = ValidationReasons.explain("Something new { " + "x".repeat(500) + " } and more " + "y".repeat(300));
        assertThat(unknown).doesNotContain("{").hasSizeLessThanOrEqualTo(ValidationReasons.MAX_LENGTH);
    }

    @Test
    void summarizeKeepsWhichQueryFailed() {
        assertThat(ValidationReasons.summarize("the address records of mx.test: mx.test A: Could not validate RRset"
                + " mx.test./A due to missing signature.")).isEqualTo("the address records of mx.test: mx.test A: the"
                        + " answer carries no DNSSEC signature (RRSIG) although its zone is signed");
    }
}
