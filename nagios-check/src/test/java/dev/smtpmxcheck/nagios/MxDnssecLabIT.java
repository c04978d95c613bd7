package dev.smtpmxcheck.nagios;

import static dev.smtpmxcheck.nagios.LabEngines.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DNSSEC status of the MX lookup (RFC 7672 §2.2.1), TLSA at {@code _PORT._tcp} for the port probed, and the MTA-STS
 * {@code max_age} note (RFC 8461 §3.2) against the lab: nsd serves {@code test.} signed at start-up, with the RRSIGs
 * over {@code mxbogus.test}'s MX RRset and {@code mx1.mxhostbogus.test}'s A record broken on purpose, and Postfix
 * listens for {@code mx1.dane-port.test} on ports 25 and 2525. Runs the built {@code check_smtp_mx} inside the lab's
 * namespace through {@code lab/test-all}; see {@code lab/README.md} for the domains.
 */
class MxDnssecLabIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path trustAnchor;

    @BeforeAll
    static void requireTheLab() {
        trustAnchor = LabEngines.repositoryRoot().resolve("lab/run/trust-anchor.txt");
        if (!Files.isRegularFile(trustAnchor)) {
            fail("The lab is not up (no " + trustAnchor + "): run lab/lab.sh up, or the whole build with lab/test-all");
        }
        LabEngines.launcher();
    }

    @Test
    void aBogusMxRrsetIsCriticalThoughEveryMxTakesMail() throws Exception {
        LabEngines.Run text = check("-D", "mxbogus.test", "--trust-anchor", trustAnchor.toString(), "-v");
        LabEngines.Run json = check("-D", "mxbogus.test", "--trust-anchor", trustAnchor.toString(), "--json");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(2);
        assertThat(text.stdout()).as(text.describe())
                .containsPattern("(?m)^\\[CRITICAL\\] MX_DNSSEC_BOGUS mxbogus.test: the MX records of mxbogus.test fail"
                        + " DNSSEC validation \\(bogus\\)")
                .doesNotContain("sigs:");
        JsonNode report = JSON.readTree(json.stdout());
        assertThat(report.path("mxDnssec").path("status").asText()).as(json.describe()).isEqualTo("BOGUS");
        assertThat(report.path("mx").path(0).path("host").asText()).isEqualTo("mx1.good.test");
        assertThat(report.path("mx").path(0).path("addressDnssec").path("status").asText()).isEqualTo("SECURE");
        assertThat(report.path("mx").path(0).path("addresses").path(0).has("failureCode")).as(json.describe()).isFalse();
    }

    @Test
    void bogusAddressRecordsOfOneMxHostAreAWarningWhileTheOtherValidates() throws Exception {
        LabEngines.Run json = check("-D", "mxhostbogus.test", "--trust-anchor", trustAnchor.toString(), "--json");

        JsonNode report = JSON.readTree(json.stdout());
        assertThat(report.path("mxDnssec").path("status").asText()).as(json.describe()).isEqualTo("SECURE");
        assertThat(report.path("mx").path(0).path("addressDnssec").path("status").asText()).isEqualTo("BOGUS");
        assertThat(report.path("mx").path(1).path("addressDnssec").path("status").asText()).isEqualTo("SECURE");
        List<String> bogus = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("code").asText().equals("MX_HOST_DNSSEC_BOGUS")) {
                bogus.add(f.path("severity").asText() + " " + f.path("subject").asText());
            }
        });
        assertThat(bogus).as(json.describe()).containsExactly("WARNING mx1.mxhostbogus.test");
    }

    @Test
    void aSignedDomainIsSecureAndAnUnsignedOneInsecureWithoutFindings() throws Exception {
        LabEngines.Run good = check("-D", "good.test", "--trust-anchor", trustAnchor.toString(), "--json");
        LabEngines.Run unsigned = check("-D", "dane-unsigned.test", "--trust-anchor", trustAnchor.toString(), "--json");

        JsonNode g = JSON.readTree(good.stdout());
        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(g.path("mxDnssec").toString()).as(good.describe()).isEqualTo("{\"status\":\"SECURE\"}");
        assertThat(g.path("mx").path(1).path("addressDnssec").path("status").asText()).isEqualTo("SECURE");
        JsonNode u = JSON.readTree(unsigned.stdout());
        assertThat(u.path("mxDnssec").path("status").asText()).as(unsigned.describe()).isEqualTo("INSECURE");
        // Validated from the check's own anchor: an insecure delegation is proven, not an AD bit missing.
        assertThat(u.path("mxDnssec").path("detail").asText()).as(unsigned.describe())
                .isEqualTo("dane-unsigned.test MX: not signed (an insecure delegation, validated from the check's"
                        + " trust anchor)");
        assertThat(codes(u)).doesNotContain("MX_DNSSEC_BOGUS", "MX_HOST_DNSSEC_BOGUS");
    }

    /**
     * Without {@code --trust-anchor} the root anchor cannot be validated through the lab's nsd (authoritative for
     * {@code test.} only): the status is INDETERMINATE, which is no finding, even for the bogus domain.
     */
    @Test
    void aTrustAnchorTheResolverCannotServeLeavesTheStatusIndeterminate() throws Exception {
        LabEngines.Run good = check("-D", "good.test", "--json");
        LabEngines.Run bogus = check("-D", "mxbogus.test", "--json");

        assertThat(good.exitCode()).as(good.describe()).isZero();
        assertThat(JSON.readTree(good.stdout()).path("mxDnssec").path("status").asText()).isEqualTo("INDETERMINATE");
        JsonNode b = JSON.readTree(bogus.stdout());
        assertThat(b.path("mxDnssec").path("status").asText()).as(bogus.describe()).isEqualTo("INDETERMINATE");
        assertThat(b.path("mxDnssec").path("detail").asText()).contains("trust anchor for .");
        assertThat(codes(b)).as(bogus.describe()).doesNotContain("MX_DNSSEC_BOGUS");
    }

    @Test
    void withoutDaneNothingIsValidatedAndTheJsonSaysNothing() throws Exception {
        LabEngines.Run r = check("-D", "mxbogus.test", "--no-dane", "--json");

        JsonNode report = JSON.readTree(r.stdout());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(report.has("mxDnssec")).isFalse();
        assertThat(report.path("mx").path(0).has("addressDnssec")).isFalse();
    }

    @Test
    void tlsaRecordsAreThoseOfThePortProbed() throws Exception {
        LabEngines.Run alt = check("-D", "dane-port.test", "-p", "2525", "--trust-anchor", trustAnchor.toString(),
                "--json");
        LabEngines.Run smtp = check("-D", "dane-port.test", "--trust-anchor", trustAnchor.toString(), "--json");

        JsonNode a = JSON.readTree(alt.stdout());
        assertThat(alt.exitCode()).as(alt.describe()).isZero();
        assertThat(a.path("mx").path(0).path("dane").path("tlsaName").asText()).isEqualTo("_2525._tcp.mx1.dane-port.test");
        assertThat(a.path("mx").path(0).path("dane").path("addresses").path(0).path("matched").asText())
                .startsWith("3 1 1 ");
        JsonNode s = JSON.readTree(smtp.stdout());
        assertThat(smtp.exitCode()).as(smtp.describe()).isEqualTo(2);
        assertThat(s.path("mx").path(0).path("dane").path("tlsaName").asText()).isEqualTo("_25._tcp.mx1.dane-port.test");
        assertThat(codes(s)).contains("DANE_TLSA_MISMATCH");
    }

    @Test
    void anMtaStsMaxAgeUnderOneDayIsANoteAndThePolicyDigestIsReported() throws Exception {
        LabEngines.Run text = check("-D", "sts-shortmaxage.test", "-v");
        LabEngines.Run json = check("-D", "sts-shortmaxage.test", "--json");

        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.stdout()).as(text.describe()).containsPattern("(?m)^\\[INFO\\] MTA_STS_MAX_AGE_SHORT"
                + " sts-shortmaxage.test: the policy \\(id 20261201\\) has max_age 3600 s, under one day");
        JsonNode sts = JSON.readTree(json.stdout()).path("mtaSts");
        assertThat(sts.path("maxAgeSeconds").asLong()).isEqualTo(3600);
        // sha256sum lab/mta-sts/shortmaxage.txt: nginx serves the file as it is.
        assertThat(sts.path("policySha256").asText()).as(json.describe()).isEqualTo(sha256(
                LabEngines.repositoryRoot().resolve("lab/mta-sts/shortmaxage.txt")));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private static Set<String> codes(JsonNode report) {
        Set<String> codes = new TreeSet<>();
        report.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        return codes;
    }
}
