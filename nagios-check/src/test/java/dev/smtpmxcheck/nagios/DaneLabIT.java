package dev.smtpmxcheck.nagios;

import static dev.smtpmxcheck.nagios.LabEngines.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DANE (RFC 7672) against the lab: nsd serves {@code test.} signed at lab start-up, with TLSA records computed
 * from the certificates the lab's Postfix presents, and the check validates from the DS the lab wrote to
 * {@code lab/run/trust-anchor.txt} ({@code --trust-anchor}). Runs the built {@code check_smtp_mx} inside the
 * lab's namespace through {@code lab/test-all}; see {@code lab/README.md} for the domains.
 */
class DaneLabIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path caFile;
    private static Path trustAnchor;

    /**
     * One DANE domain of the lab and what the check must say.
     *
     * @param codes finding codes that must appear
     * @param absent finding codes that must not appear
     * @param dnssec the DNSSEC status in the JSON report's dane section
     * @param records the number of TLSA records reported (and in the perfdata)
     */
    record Case(String domain, int exitCode, List<String> codes, List<String> absent, String dnssec, int records) {
        @Override
        public String toString() {
            return domain + " -> exit " + exitCode + " " + codes;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // DANE-EE match; a single record is the no-rollover note, not a problem.
                new Case("dane-ok.test", 0, List.of("DANE_NO_ROLLOVER"), List.of("DANE_TLSA_MISMATCH"), "SECURE", 1),
                // Current and next key: OK without the note.
                new Case("dane-rollover.test", 0, List.of(), List.of("DANE_NO_ROLLOVER", "DANE_TLSA_MISMATCH"), "SECURE", 2),
                // DANE-TA for the CA the server sends.
                new Case("dane-ta.test", 0, List.of(), List.of("DANE_TLSA_MISMATCH"), "SECURE", 2),
                // DANE-EE for another key: a DANE sender does not deliver.
                new Case("dane-bad.test", 2, List.of("DANE_TLSA_MISMATCH"), List.of(), "SECURE", 1),
                // A matching record without DNSSEC protects nothing.
                new Case("dane-unsigned.test", 1, List.of("DANE_TLSA_UNSIGNED"), List.of("DANE_TLSA_MISMATCH"), "INSECURE", 1),
                // Usages 0 and 1 only.
                new Case("dane-pkix.test", 1, List.of("DANE_UNUSABLE_USAGE", "DANE_NO_USABLE_TLSA"), List.of(), "SECURE", 2),
                // A record changed after signing.
                new Case("dane-bogus.test", 2, List.of("DANE_TLSA_BOGUS"), List.of(), "BOGUS", 0),
                // TLSA published, but no STARTTLS.
                new Case("dane-plain.test", 2, List.of("DANE_STARTTLS_MISSING"), List.of(), "SECURE", 1));
    }

    @BeforeAll
    static void requireTheLab() {
        Path repo = LabEngines.repositoryRoot();
        caFile = LabEngines.labCa();
        trustAnchor = repo.resolve("lab/run/trust-anchor.txt");
        if (!Files.isRegularFile(trustAnchor)) {
            fail("The lab is not up (no " + trustAnchor + "): run lab/lab.sh up, or the whole build with lab/test-all");
        }
        LabEngines.launcher();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void daneVerdict(Case c) throws Exception {
        LabEngines.Run text = check("-D", c.domain(), "--trust-anchor", trustAnchor.toString(), "-v");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(c.exitCode());
        for (String code : c.codes()) {
            assertThat(text.stdout()).as(text.describe()).containsPattern("(?m)^\\[\\w+\\] " + code + " ");
        }
        for (String code : c.absent()) {
            assertThat(text.stdout()).as(text.describe()).doesNotContain(code);
        }
        assertThat(text.stdout()).as(text.describe()).contains("'mx1." + c.domain() + "_tlsa_records'=" + c.records() + ";");

        LabEngines.Run json = check("-D", c.domain(), "--trust-anchor", trustAnchor.toString(), "--json");

        assertThat(json.exitCode()).as(json.describe()).isEqualTo(c.exitCode());
        JsonNode report = JSON.readTree(json.stdout());
        JsonNode dane = report.path("mx").path(0).path("dane");
        assertThat(dane.path("tlsaName").asText()).as(json.describe()).isEqualTo("_25._tcp.mx1." + c.domain());
        assertThat(dane.path("dnssec").asText()).as(json.describe()).isEqualTo(c.dnssec());
        assertThat(dane.path("records").size()).as(json.describe()).isEqualTo(c.records());
        Set<String> codes = new TreeSet<>();
        report.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        assertThat(codes).as(json.describe()).containsAll(c.codes());
        for (String code : c.absent()) {
            assertThat(codes).as(json.describe()).doesNotContain(code);
        }
    }

    @Test
    void theMatchNamesTheRecordAndTheCertificate() throws Exception {
        LabEngines.Run ee = check("-D", "dane-ok.test", "--trust-anchor", trustAnchor.toString(), "--json");
        LabEngines.Run ta = check("-D", "dane-ta.test", "--trust-anchor", trustAnchor.toString(), "--json");

        JsonNode eeAddress = JSON.readTree(ee.stdout()).path("mx").path(0).path("dane").path("addresses").path(0);
        JsonNode taAddress = JSON.readTree(ta.stdout()).path("mx").path(0).path("dane").path("addresses").path(0);
        assertThat(eeAddress.path("matched").asText()).as(ee.describe()).startsWith("3 1 1 ");
        assertThat(eeAddress.path("chainPosition").asInt(-1)).as(ee.describe()).isZero();
        assertThat(taAddress.path("matched").asText()).as(ta.describe()).startsWith("2 ");
        assertThat(taAddress.path("chainPosition").asInt(-1)).as(ta.describe()).isEqualTo(1);
    }

    /**
     * A self-signed certificate that the host's signed DANE-EE record authenticates is what RFC 7672 §3.1.1
     * recommends: opportunistic and DANE senders deliver, and no MTA-STS policy asks for PKIX, so the check is OK
     * and CERT_SELF_SIGNED a note. With {@code --require-tls} the DANE match still verifies the server.
     */
    @Test
    void aSelfSignedCertificateMatchedByItsSignedTlsaIsOkForEverySender() throws Exception {
        // -v: INFO findings in full (without it they are one "notes:" line of codes)
        LabEngines.Run text = check("-D", "dane-selfsigned.test", "--trust-anchor", trustAnchor.toString(), "-v");
        LabEngines.Run json = check("-D", "dane-selfsigned.test", "--trust-anchor", trustAnchor.toString(), "--json");
        LabEngines.Run required = check("-D", "dane-selfsigned.test", "--trust-anchor", trustAnchor.toString(),
                "--require-tls");
        LabEngines.Run withoutDane = check("-D", "dane-selfsigned.test", "--no-dane");

        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.stdout()).as(text.describe()).startsWith("SMTP MX OK - ")
                .contains("[INFO] CERT_SELF_SIGNED ");
        JsonNode delivery = JSON.readTree(json.stdout()).path("delivery");
        assertThat(delivery.path("classes").findValuesAsText("sender")).as(json.describe())
                .containsExactly("OPPORTUNISTIC", "MTA_STS", "DANE");
        assertThat(delivery.path("addresses").path(0).path("classes").findValuesAsText("delivers"))
                .as(json.describe()).containsExactly("YES", "NOT_APPLICABLE", "YES");
        assertThat(required.exitCode()).as(required.describe()).isZero();
        // Without DANE nothing authenticates the server, but opportunistic senders still deliver: WARNING.
        assertThat(withoutDane.exitCode()).as(withoutDane.describe()).isEqualTo(1);
        assertThat(withoutDane.stdout()).as(withoutDane.describe()).contains("[WARNING] CERT_SELF_SIGNED ");
    }

    /**
     * The host of dane-selfsigned.test as MX of a domain in an unsigned zone: its MX RRset is INSECURE. DANE senders
     * may still use the host's signed TLSA records (RFC 7672 §2.2.1) and opportunistic ones deliver, so the check is
     * OK as for dane-selfsigned.test; but under {@code --require-tls} the DANE match no longer verifies the server
     * for the domain (an attacker who forges the MX records picks the host): the self-signed certificate is CRITICAL.
     */
    @Test
    void aDaneMatchBehindAnInsecureMxRrsetDoesNotVerifyTheServerUnderRequireTls() throws Exception {
        LabEngines.Run json = check("-D", "insecure-mx.dane-unsigned.test", "--trust-anchor", trustAnchor.toString(),
                "--json");
        LabEngines.Run required = check("-D", "insecure-mx.dane-unsigned.test", "--trust-anchor",
                trustAnchor.toString(), "--require-tls");

        JsonNode report = JSON.readTree(json.stdout());
        assertThat(json.exitCode()).as(json.describe()).isZero();
        assertThat(report.path("mxDnssec").path("status").asText()).as(json.describe()).isEqualTo("INSECURE");
        assertThat(report.path("delivery").path("addresses").path(0).path("classes").findValuesAsText("delivers"))
                .as(json.describe()).containsExactly("YES", "NOT_APPLICABLE", "YES");
        assertThat(required.exitCode()).as(required.describe()).isEqualTo(2);
        assertThat(required.stdout()).as(required.describe()).startsWith("SMTP MX CRITICAL - ")
                .contains("[CRITICAL] CERT_SELF_SIGNED ");
    }

    /**
     * An MX alias whose certificate names only the canonical host, with a signed DANE-EE record at the alias
     * (RFC 7672 §2.2.3): opportunistic senders do not check names and DANE-EE ignores them, so the only problem
     * left is the alias itself (MX_IS_CNAME, WARNING); the name mismatch is a note.
     */
    @Test
    void anMxAliasWhoseCertificateNamesTheCanonicalHostIsOnlyTheAliasWarning() throws Exception {
        LabEngines.Run text = check("-D", "dane-cname.test", "--trust-anchor", trustAnchor.toString(), "-v");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(1);
        assertThat(text.stdout()).as(text.describe()).startsWith("SMTP MX WARNING - MX_IS_CNAME on mail.dane-cname.test |")
                .contains("[INFO] CERT_NAME_MISMATCH ").doesNotContain("[CRITICAL]");
    }

    /**
     * {@code --dnssec-trust-ad} through the lab's validating unbound on 127.0.0.130 (trust anchor: the same DS):
     * its AD bit makes the records SECURE, no AD bit INSECURE, and its SERVFAIL for bogus data a failed lookup.
     */
    @Test
    void theAdBitOfAValidatingResolverIsTrustedWhenAskedTo() throws Exception {
        LabEngines.Run ok = LabEngines.checkVia("127.0.0.130", 20, "-D", "dane-ok.test", "--dnssec-trust-ad", "--json");
        LabEngines.Run bad = LabEngines.checkVia("127.0.0.130", 20, "-D", "dane-bad.test", "--dnssec-trust-ad", "--json");
        LabEngines.Run unsigned = LabEngines.checkVia("127.0.0.130", 20, "-D", "dane-unsigned.test", "--dnssec-trust-ad", "--json");
        LabEngines.Run bogus = LabEngines.checkVia("127.0.0.130", 20, "-D", "dane-bogus.test", "--dnssec-trust-ad", "--json");
        LabEngines.Run plainNsd = LabEngines.checkVia(LabEngines.DNS_SERVER, 20, "-D", "dane-ok.test", "--dnssec-trust-ad", "--json");

        assertThat(ok.exitCode()).as(ok.describe()).isZero();
        assertThat(dnssec(ok)).as(ok.describe()).isEqualTo("SECURE");
        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(2);
        assertThat(codes(bad)).as(bad.describe()).contains("DANE_TLSA_MISMATCH");
        assertThat(dnssec(unsigned)).as(unsigned.describe()).isEqualTo("INSECURE");
        assertThat(codes(unsigned)).as(unsigned.describe()).contains("DANE_TLSA_UNSIGNED");
        assertThat(dnssec(bogus)).as(bogus.describe()).isEqualTo("INDETERMINATE");
        assertThat(codes(bogus)).as(bogus.describe()).contains("DANE_LOOKUP_FAILED");
        // nsd is authoritative, not validating: it never sets AD, so nothing is SECURE through it.
        assertThat(dnssec(plainNsd)).as(plainNsd.describe()).isEqualTo("INSECURE");
    }

    private static String dnssec(LabEngines.Run r) throws IOException {
        return JSON.readTree(r.stdout()).path("mx").path(0).path("dane").path("dnssec").asText();
    }

    private static Set<String> codes(LabEngines.Run r) throws IOException {
        Set<String> codes = new TreeSet<>();
        JSON.readTree(r.stdout()).path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }

    /**
     * Without {@code --trust-anchor} the check validates from the root anchor, but the lab's nsd serves only
     * {@code test.}: the root's DNSKEY cannot be validated. That is the checker's resolver, not the domain: a
     * failed lookup (WARNING) naming the trust anchor, never DANE_TLSA_BOGUS. Below a validated chain, bogus
     * stays bogus.
     */
    @Test
    void aTrustAnchorTheResolverCannotServeIsNotBlamedOnTheDomain() throws Exception {
        LabEngines.Run rootAnchor = check("-D", "dane-ok.test", "--json");
        LabEngines.Run rootAnchorText = check("-D", "dane-ok.test");
        LabEngines.Run realBogus = check("-D", "dane-bogus.test", "--trust-anchor", trustAnchor.toString(), "-v");

        assertThat(rootAnchor.exitCode()).as(rootAnchor.describe()).isEqualTo(1);
        assertThat(codes(rootAnchor)).as(rootAnchor.describe()).contains("DANE_LOOKUP_FAILED")
                .doesNotContain("DANE_TLSA_BOGUS");
        assertThat(dnssec(rootAnchor)).as(rootAnchor.describe()).isEqualTo("INDETERMINATE");
        assertThat(rootAnchorText.stdout()).as(rootAnchorText.describe())
                .contains("could not validate DNSSEC from its trust anchor for .").contains("--trust-anchor");
        assertThat(realBogus.exitCode()).as(realBogus.describe()).isEqualTo(2);
        assertThat(realBogus.stdout()).as(realBogus.describe()).containsPattern("(?m)^\\[CRITICAL\\] DANE_TLSA_BOGUS ")
                .doesNotContain("rrset").doesNotContain("sigs:");
    }

    @Test
    void aTrustAnchorFileThatIsNotOneSaysSo() throws Exception {
        LabEngines.Run r = check("-D", "dane-ok.test", "--trust-anchor", caFile.toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout()).as(r.describe()).startsWith("SMTP MX UNKNOWN - ")
                .contains("is not a list of DS or DNSKEY records").doesNotContain("<none>");
    }

    @Test
    void noDaneSkipsTheTlsaLookup() throws Exception {
        LabEngines.Run r = check("-D", "dane-bad.test", "--no-dane", "--json");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(JSON.readTree(r.stdout()).path("mx").path(0).has("dane")).as(r.describe()).isFalse();
    }

    @Test
    void anUnreadableTrustAnchorIsAUsageError() throws Exception {
        LabEngines.Run r = check("-D", "dane-ok.test", "--trust-anchor", "/nonexistent/anchor.txt");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stdout()).as(r.describe()).startsWith("SMTP MX UNKNOWN - ").contains("trust anchor file");
    }

    // --- helpers ------------------------------------------------------------------------------------
}
