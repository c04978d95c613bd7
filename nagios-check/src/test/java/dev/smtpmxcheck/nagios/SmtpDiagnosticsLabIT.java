package dev.smtpmxcheck.nagios;

import static dev.smtpmxcheck.nagios.LabEngines.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The deeper SMTP diagnostics against the lab's real Postfix (see {@code lab/README.md}): relay variants on the open
 * relay {@code relay.test} and the closed {@code good.test}, the STARTTLS injection test (Postfix is safe), a small
 * SIZE without 8BITMIME ({@code smallsize.test}), a greeting delayed by 1 s ({@code slow.test}), and at the end a
 * guard that no session of this class counted DATA or BDAT.
 *
 * <p>Run with {@code lab/test-all}, or {@code mvn verify -Dlab.java=$PWD/lab/jvm/bin/java} with the lab up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmtpDiagnosticsLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path maillog;
    private static long maillogStart;

    @BeforeAll
    static void requireTheLab() throws IOException {
        Path repo = LabEngines.repositoryRoot();
        Path caFile = LabEngines.labCa();
        maillog = repo.resolve("lab/run/postfix/maillog");
        if (!Files.isRegularFile(caFile) || !Files.isRegularFile(maillog)) {
            fail("The lab is not up (no " + caFile + "): run lab/lab.sh up, or run the whole build with lab/test-all");
        }
        if (!LabEngines.insideLabNamespace()) {
            fail("This JVM does not run in the lab's network namespace " + LabEngines.NAMESPACE
                    + ": run lab/lab.sh up, then mvn verify -Dlab.java=" + repo.resolve("lab/jvm/bin/java")
                    + ", or simply lab/test-all");
        }
        LabEngines.launcher();
        maillogStart = Files.size(maillog);
    }

    @Test
    @Order(1)
    void theOpenRelayFallsForEveryVariant() throws Exception {
        LabEngines.Run text = check("-D", "relay.test", "--relay-variants");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(2);
        assertThat(text.stdout()).as(text.describe()).contains("[CRITICAL] RELAY_VARIANT_ACCEPTED mx1.relay.test [127.0.0.41]:25: 9 of 9");

        JsonNode address = firstAddress(check("-D", "relay.test", "--relay-variants", "--json"));
        List<String> verdicts = new ArrayList<>();
        address.path("relay").path("variants").forEach(v -> verdicts.add(v.path("variant").asText() + "=" + v.path("verdict").asText()));
        assertThat(verdicts).containsExactly("NULL_SENDER=OPEN", "SENDER_IN_DOMAIN=OPEN", "SENDER_AT_HOST=OPEN",
                "SENDER_AT_IP_LITERAL=OPEN", "PERCENT_HACK=OPEN", "QUOTED_LOCAL_PART=OPEN", "DOUBLE_AT=OPEN",
                "SOURCE_ROUTE=OPEN", "BANG_PATH=OPEN");
    }

    @Test
    @Order(2)
    void aClosedRelayRefusesEveryVariantAndPostfixIsSafeFromStartTlsInjection() throws Exception {
        LabEngines.Run json = check("-D", "good.test", "--relay-variants", "--starttls-injection-test", "--json");

        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode report = JSON.readTree(json.stdout());
        List<JsonNode> addresses = new ArrayList<>();
        report.path("mx").forEach(mx -> mx.path("addresses").forEach(addresses::add));
        assertThat(addresses).as(json.describe()).hasSize(2).allSatisfy(a -> {
            assertThat(a.path("relay").path("variants")).hasSize(9);
            a.path("relay").path("variants").forEach(v -> assertThat(v.path("verdict").asText()).isEqualTo("REFUSED"));
            assertThat(a.path("starttlsInjection").path("verdict").asText()).isEqualTo("NOT_VULNERABLE");
            assertThat(a.path("starttlsInjection").path("firstReplyInTls").path("code").asInt()).isEqualTo(221);
            assertThat(a.path("extensions").path("eightBitMime").asBoolean()).isTrue();
            assertThat(a.path("extensions").path("sizeLimit").asLong()).isEqualTo(10240000L);
        });
        assertThat(report.path("findings").toString()).doesNotContain("RELAY_VARIANT_ACCEPTED", "STARTTLS_COMMAND_INJECTION");
    }

    @Test
    @Order(3)
    void aSmallSizeLimitWithout8BitMimeIsAWarningAndANote() throws Exception {
        LabEngines.Run text = check("-D", "smallsize.test");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(1);
        assertThat(text.stdout()).as(text.describe())
                .contains("[WARNING] SIZE_LIMIT_SMALL mx1.smallsize.test [127.0.0.140]:25: the EHLO reply inside TLS announces SIZE 500000")
                .containsPattern("\nnotes: [A-Z0-9_, ]*\\bEIGHTBITMIME_NOT_OFFERED\\b[A-Z0-9_, ]* \\(-v for details\\)\n");
        assertThat(check("-D", "smallsize.test", "-v").stdout())
                .contains("[INFO] EIGHTBITMIME_NOT_OFFERED mx1.smallsize.test [127.0.0.140]:25");

        JsonNode extensions = firstAddress(check("-D", "smallsize.test", "--json")).path("extensions");
        assertThat(extensions.path("sizeLimit").asLong()).isEqualTo(500000L);
        assertThat(extensions.path("eightBitMime").asBoolean()).isFalse();
        assertThat(extensions.path("afterTls").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aDelayedGreetingAlertsAndTheRangesFillThePerfdata() throws Exception {
        LabEngines.Run text = check("-D", "slow.test", "--warning-time", "0.5", "--critical-connect", "5", "--warning-total", "~:30",
                "--perfdata", "full");

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(1);
        assertThat(text.stdout()).as(text.describe())
                .containsPattern("\\[WARNING] SLOW_RESPONSE mx1\\.slow\\.test \\[127\\.0\\.0\\.141]:25: greeting after [1-9]\\.\\d{3} s \\(warning range 0\\.5\\)")
                .containsPattern("'mx1\\.slow\\.test_127\\.0\\.0\\.141_time_greeting'=[1-9]\\.\\d{3}s;0\\.5;;0")
                .containsPattern("'mx1\\.slow\\.test_127\\.0\\.0\\.141_time_connect'=\\d\\.\\d{3}s;;5;0")
                .containsPattern("'mx1\\.slow\\.test_127\\.0\\.0\\.141_time_total'=\\d+\\.\\d{3}s;~:30;;0");

        LabEngines.Run fast = check("-D", "good.test", "--warning-time", "0.5", "--critical-total", "~:30");

        assertThat(fast.exitCode()).as(fast.describe()).isZero();
    }

    /**
     * The TLS version scan takes about six connections per address (some 2.5 s in the lab): with -t 1.2 it cannot
     * finish, and the check must say so (INFO, state unchanged) and name the versions not tried, never stay silent.
     */
    @Test
    @Order(5)
    void aTlsScanCutShortByTheDeadlineSaysWhatWasNotTried() throws Exception {
        // slow.test greets after 1 s, on the scan's connections too: with -t 4, after the main dialogue there is
        // time for two scan connections at most, whatever the machine's speed, so most of the six are never tried.
        // (good.test with a tight -t was a timed test: on a fast, idle machine the whole scan fit.)
        LabEngines.Run json = LabEngines.checkVia(LabEngines.DNS_SERVER, 4, "-D", "slow.test", "--tls-scan", "--json");

        // OK, or WARNING when the one TLS 1.0 handshake that fits is accepted (the lab's Postfix still takes it).
        assertThat(json.exitCode()).as(json.describe()).isBetween(0, 1);
        JsonNode report = JSON.readTree(json.stdout());
        List<JsonNode> incomplete = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("code").asText().equals("DIAGNOSTIC_INCOMPLETE")) {
                incomplete.add(f);
            }
        });
        assertThat(incomplete).as(json.describe()).hasSize(1).allSatisfy(f -> {
            assertThat(f.path("severity").asText()).isEqualTo("INFO");
            assertThat(f.path("message").asText()).startsWith("TLS version scan incomplete, ").contains("not tried: ");
        });
        report.path("mx").forEach(mx -> mx.path("addresses").forEach(a -> {
            List<String> notTried = new ArrayList<>();
            a.path("tlsVersions").path("versions").forEach(v -> {
                if (v.path("outcome").asText().equals("UNKNOWN") && v.path("detail").asText().startsWith("not tried")) {
                    notTried.add(v.path("version").asText());
                }
            });
            assertThat(notTried).as(json.describe()).isNotEmpty();
        }));

        // -v: without it the INFO finding is a code on the notes line
        LabEngines.Run text = LabEngines.checkVia(LabEngines.DNS_SERVER, 4, "-D", "slow.test", "--tls-scan", "-v");
        assertThat(text.stdout()).as(text.describe()).containsPattern("(?m)^\\[INFO\\] DIAGNOSTIC_INCOMPLETE ");
    }

    /**
     * The lab's Postfix runs on Debian 12's OpenSSL 3.0: X25519 is agreed on, and the hybrid X25519MLKEM768 of
     * OpenSSL 3.5 is refused, which is a note only. Postfix does not implement REQUIRETLS: no address advertises it,
     * so the report says why a REQUIRETLS message would bounce, without a finding.
     */
    @Test
    @Order(6)
    void theScanNamesTheKeyExchangeGroupAndNotesThatNoPostQuantumHybridIsAccepted() throws Exception {
        LabEngines.Run json = check("-D", "good.test", "--tls-scan", "--json");

        JsonNode report = JSON.readTree(json.stdout());
        List<JsonNode> addresses = new ArrayList<>();
        report.path("mx").forEach(mx -> mx.path("addresses").forEach(addresses::add));
        assertThat(addresses).as(json.describe()).hasSize(2).allSatisfy(a -> {
            assertThat(a.path("tlsVersions").path("keyExchangeGroup").asText()).isEqualTo("X25519");
            assertThat(a.path("tlsVersions").path("postQuantum").path("group").asText()).isEqualTo("X25519MLKEM768");
            assertThat(a.path("tlsVersions").path("postQuantum").path("outcome").asText()).isEqualTo("REFUSED");
        });
        List<String> notes = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("code").asText().equals("TLS_PQ_HYBRID_NOT_ACCEPTED")) {
                notes.add(f.path("severity").asText() + " " + f.path("message").asText());
            }
        });
        assertThat(notes).as(json.describe()).hasSize(2)
                .allMatch(n -> n.startsWith("INFO no post-quantum hybrid accepted: offered TLS 1.3 with only X25519MLKEM768")
                        && n.endsWith("key exchange agreed otherwise: X25519"));
        JsonNode requireTls = report.path("requireTls");
        assertThat(requireTls.path("honourable").asBoolean(true)).as(json.describe()).isFalse();
        assertThat(requireTls.path("advertisedBy")).isEmpty();
        assertThat(requireTls.path("reason").asText()).startsWith("no MX address advertises REQUIRETLS after STARTTLS");
        assertThat(json.stdout()).doesNotContain("REQUIRETLS_UNAVAILABLE");

        // -v: the INFO finding in full (without it INFO findings are one "notes:" line of codes)
        LabEngines.Run text = check("-D", "good.test", "--tls-scan", "-v");
        assertThat(text.stdout()).as(text.describe())
                .containsPattern("(?m)^\\[INFO\\] TLS_PQ_HYBRID_NOT_ACCEPTED mx1.good.test \\[127.0.0.11\\]:25: ");
    }

    /** sts-enforce.test: an MTA-STS policy in enforce mode lets a REQUIRETLS sender authenticate the MX host. */
    @Test
    @Order(7)
    void anEnforcedMtaStsPolicyAuthenticatesTheMxForRequireTls() throws Exception {
        LabEngines.Run json = check("-D", "sts-enforce.test", "--json");

        JsonNode requireTls = JSON.readTree(json.stdout()).path("requireTls");
        assertThat(requireTls.path("authenticatedBy").asText()).as(json.describe()).isEqualTo("MTA-STS");
        assertThat(requireTls.path("notAdvertisedBy").get(0).asText()).isEqualTo("mx1.sts-enforce.test [127.0.0.100]:25");
        assertThat(requireTls.path("reason").asText()).isEqualTo("no MX address advertises REQUIRETLS after STARTTLS");
    }

    /**
     * --probes 3 against one Postfix: three sessions per address, all alike (same certificate, greeting and STARTTLS),
     * so no PROBES_DISAGREE. The lab has no nft or iptables for a load-balanced pair behind one address; the
     * disagreeing case is AddressDiagnosticsTest's alternating fake server.
     */
    @Test
    @Order(8)
    void threeSessionsToOnePostfixAgree() throws Exception {
        LabEngines.Run json = check("-H", "mx1.good.test", "--probes", "3", "--json");

        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode sessions = firstAddress(json).path("sessions");
        assertThat(sessions.size()).as(json.describe()).isEqualTo(3);
        List<String> leaves = new ArrayList<>();
        sessions.forEach(s -> {
            assertThat(s.has("failureCode")).isFalse();
            assertThat(s.path("starttlsOffered").asBoolean()).isTrue();
            assertThat(s.path("greetingHost").asText()).isEqualTo("mx1.good.test");
            leaves.add(s.path("leafSha256").asText());
        });
        assertThat(leaves).doesNotContain("").containsOnly(leaves.get(0));
        assertThat(json.stdout()).doesNotContain("PROBES_DISAGREE");
    }

    /** Postfix counts the commands of each session at disconnect: none of ours may count DATA or BDAT. */
    @Test
    @Order(100)
    void noSessionSentDataAndPostfixDroppedTheInjectedNoop() throws Exception {
        List<String> log = sessionLogSinceStart();
        List<String> disconnects = log.stream().filter(l -> l.contains(": disconnect from ")).toList();

        assertThat(disconnects).as("sessions in " + maillog).isNotEmpty()
                .noneMatch(l -> l.contains(" data=") || l.contains(" bdat="));
        // The injection test's own session: STARTTLS then QUIT; the NOOP sent with STARTTLS was never run.
        assertThat(disconnects).anyMatch(l -> l.contains("/mx1.good.test/smtpd[") && l.contains(" ehlo=1 starttls=1 quit=1 "));
        assertThat(disconnects).noneMatch(l -> l.contains(" noop="));
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static JsonNode firstAddress(LabEngines.Run json) throws IOException {
        JsonNode report = JSON.readTree(json.stdout());
        return report.path("mx").path(0).path("addresses").path(0);
    }

    /** The maillog lines since this class started, once every session opened has logged its disconnect. */
    private static List<String> sessionLogSinceStart() throws IOException, InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 50; i++) {
            try (RandomAccessFile f = new RandomAccessFile(maillog.toFile(), "r")) {
                long length = f.length();
                if (length < maillogStart) {
                    fail(maillog + " shrank while the tests ran: was the lab restarted?");
                }
                byte[] bytes = new byte[(int) (length - maillogStart)];
                f.seek(maillogStart);
                f.readFully(bytes);
                lines = new String(bytes, StandardCharsets.UTF_8).lines().collect(Collectors.toList());
            }
            long connects = lines.stream().filter(l -> l.contains(": connect from ")).count();
            long disconnects = lines.stream().filter(l -> l.contains(": disconnect from ")).count();
            if (connects == disconnects) {
                break;
            }
            Thread.sleep(200);
        }
        return lines;
    }
}
