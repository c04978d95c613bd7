package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS blocklists (RFC 5782) and expiry thresholds relative to a certificate's lifetime against the lab (see
 * {@code lab/README.md}): the zone {@code bl.test} on the lab's nsd lists {@code mx1.good.test} (127.0.0.11) with
 * a TXT reason, {@code refused-bl.test} answers 127.255.255.254 as Spamhaus does to a public resolver, and the lab's
 * unbound drops every query for {@code dead-bl.test}; {@code shortlived.test} presents a 6-day certificate with a day
 * left. The blocklist checks ask unbound (127.0.0.130), which recurses to nsd, as a monitoring host's own resolver
 * would.
 *
 * <p>Run with {@code lab/test-all}, or {@code mvn verify -Dlab.java=$PWD/lab/jvm/bin/java} with the lab up.
 */
class BlocklistLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNBOUND = "127.0.0.130";
    private static final String[] LISTS = {"--dnsbl", "bl.test", "--dnsbl", "refused-bl.test,dead-bl.test"};

    @BeforeAll
    static void requireTheLab() {
        LabEngines.requireLab();
    }

    @Test
    void aListedAddressIsAWarningAndRefusalsAndTimeoutsAreNeverListings() throws Exception {
        long start = System.nanoTime();
        // -v: the INFO findings in full (without it they are codes on the notes line)
        LabEngines.Run text = check(UNBOUND, 6, "-D", "good.test", LISTS[0], LISTS[1], LISTS[2], LISTS[3], "-v");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(1);
        assertThat(text.statusLine()).as(text.describe()).startsWith("SMTP MX WARNING - DNSBL_LISTED on mx1.good.test");
        assertThat(text.stdout()).as(text.describe())
                .contains("'mx1.good.test_127.0.0.11_dnsbl_listings'=1;0;;0;3",
                        "'mx2.good.test_127.0.0.12_dnsbl_listings'=0;0;;0;3");
        assertThat(text.stdout()).as(text.describe())
                .contains("[WARNING] DNSBL_LISTED mx1.good.test [127.0.0.11]:25: listed in bl.test: 127.0.0.2 (listed);"
                        + " reason: \"Listed in the lab blocklist: https://bl.test/lookup?127.0.0.11\"")
                .contains("[INFO] DNSBL_UNCHECKED mx1.good.test [127.0.0.11]:25: could not check refused-bl.test:"
                        + " refused-bl.test answered 127.255.255.254")
                .contains("[INFO] DNSBL_UNCHECKED mx2.good.test [127.0.0.12]:25: could not check refused-bl.test:")
                .contains("[INFO] DNSBL_UNCHECKED mx1.good.test [127.0.0.11]:25: could not check dead-bl.test:")
                .contains("[INFO] DNSBL_UNCHECKED mx2.good.test [127.0.0.12]:25: could not check dead-bl.test:")
                .doesNotContain("DNSBL_LISTED mx2.good.test", "listed in refused-bl.test", "listed in dead-bl.test");
        // The list that never answers costs the check no more than its deadline (-t 6, plus JVM start-up).
        assertThat(millis).as(text.describe()).isLessThan(7_500);
    }

    @Test
    void theJsonSaysWhatEachListAnswered() throws Exception {
        LabEngines.Run json = check(UNBOUND, 6, "-D", "good.test", "--json", LISTS[0], LISTS[1], LISTS[2], LISTS[3]);

        JsonNode report = JSON.readTree(json.stdout());
        List<String> mx1 = lists(report.path("mx").path(0).path("addresses").path(0));
        List<String> mx2 = lists(report.path("mx").path(1).path("addresses").path(0));
        assertThat(mx1).as(json.describe()).containsExactly("bl.test LISTED [\"127.0.0.2\"] -",
                "refused-bl.test UNCHECKED [\"127.255.255.254\"] REFUSED_BY_LIST", "dead-bl.test UNCHECKED [] TIMEOUT");
        assertThat(mx2).as(json.describe()).containsExactly("bl.test NOT_LISTED [] -",
                "refused-bl.test UNCHECKED [\"127.255.255.254\"] REFUSED_BY_LIST", "dead-bl.test UNCHECKED [] TIMEOUT");
        assertThat(report.path("mx").path(0).path("addresses").path(0).path("dnsbl").path("lists").path(0)
                .path("query").asText()).isEqualTo("11.0.0.127.bl.test");
    }

    @Test
    void aListingIsCriticalWhenAskedAndNoListIsAskedUnlessNamed() throws Exception {
        LabEngines.Run critical = check(UNBOUND, 6, "-D", "good.test", "--dnsbl", "bl.test", "--dnsbl-critical");
        LabEngines.Run none = check(UNBOUND, 6, "-D", "good.test");

        assertThat(critical.exitCode()).as(critical.describe()).isEqualTo(2);
        assertThat(critical.stdout()).contains("[CRITICAL] DNSBL_LISTED mx1.good.test [127.0.0.11]:25");
        assertThat(none.exitCode()).as(none.describe()).isZero();
        assertThat(none.stdout()).doesNotContain("dnsbl", "DNSBL");
    }

    @Test
    void aSixDayCertificateIsJudgedByItsLifetimeNotByThirtyDays() throws Exception {
        LabEngines.Run days = check(LabEngines.DNS_SERVER, 10, "-D", "shortlived.test");
        LabEngines.Run percent = check(LabEngines.DNS_SERVER, 10, "-D", "shortlived.test", "-w", "33%", "-c", "20%");
        LabEngines.Run relaxed = check(LabEngines.DNS_SERVER, 10, "-D", "shortlived.test", "-w", "10%", "-c", "5%");

        // Under -w 30 -c 7 alone a day left would be CRITICAL, and the certificate would have alerted since issuance.
        assertThat(days.exitCode()).as(days.describe()).isEqualTo(1);
        assertThat(days.stdout()).as(days.describe()).contains("[WARNING] CERT_EXPIRES_SOON mx1.shortlived.test"
                + " [127.0.0.196]:25: expires in 0 days, on ").contains("(less than 33% of its 6-day lifetime left (1",
                "%), as the warning threshold of 30 days would cover more than half of that lifetime)");
        assertThat(percent.exitCode()).as(percent.describe()).isEqualTo(2);
        assertThat(percent.stdout()).as(percent.describe()).contains("[CRITICAL] CERT_EXPIRES_SOON mx1.shortlived.test"
                + " [127.0.0.196]:25").contains("(less than 20% of its 6-day lifetime left (1");
        assertThat(relaxed.exitCode()).as(relaxed.describe()).isZero();
        assertThat(relaxed.stdout()).doesNotContain("CERT_EXPIRES_SOON");
    }

    /** "zone STATUS [codes] WHY" per list of one address. */
    private static List<String> lists(JsonNode address) {
        List<String> out = new ArrayList<>();
        address.path("dnsbl").path("lists").forEach(l -> out.add(l.path("zone").asText() + " " + l.path("status").asText()
                + " " + l.path("codes").toString() + " " + (l.hasNonNull("why") ? l.path("why").asText() : "-")));
        return out;
    }

    /** Runs the plugin against the lab with the resolver {@code dns} and {@code -t seconds}. */
    private static LabEngines.Run check(String dns, int seconds, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--dnssec-trust-ad", "--no-mta-sts", "--no-tls-rpt"));
        all.addAll(List.of(args));
        return LabEngines.checkVia(dns, seconds, all.toArray(String[]::new));
    }
}
