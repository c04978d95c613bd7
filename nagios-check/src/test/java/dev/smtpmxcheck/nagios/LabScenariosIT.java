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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The users' incidents, replayed against the lab: a real nsd on 127.0.0.2 and a real Postfix per MX
 * address, in the network namespace {@code smtpmxlab} (see {@code lab/README.md}). Each scenario runs
 * the built {@code check_smtp_mx} as Nagios would, once for the plugin text and once with
 * {@code --json}. The last test reads Postfix's log and queue: the check must never have sent DATA
 * (or BDAT) and nothing may have been queued.
 *
 * <p>Run with {@code lab/test-all}. The JVM must run inside the lab's namespace
 * ({@code -Dlab.java=$PWD/lab/jvm/bin/java}, a link to {@code lab/lab-java}); without the lab every test fails and says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabScenariosIT {

    private static final Pattern STACK_TRACE =
            Pattern.compile("(?m)^\\s+at [\\w$.]+\\(|^Caused by: |Exception in thread |^\\S+(Exception|Error)(: |$)");
    private static final Pattern STATUS_LINE = Pattern.compile("SMTP MX (OK|WARNING|CRITICAL|UNKNOWN) - .+ \\| .+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path maillog;
    private static Path queue;
    private static long maillogStart;

    /**
     * One lab domain and what the check must say about it.
     *
     * @param mentions a text the status line must contain, or null
     */
    record Scenario(String domain, String state, int exitCode, List<String> codes, String mentions) {
        @Override
        public String toString() {
            return domain + " -> " + state + " " + codes;
        }
    }

    /** The incidents users reported, plus the plain good and null-MX cases. */
    static Stream<Scenario> incidents() {
        return Stream.of(
                // A backup MX that refuses connections: WARNING, since the primary still takes mail.
                new Scenario("closed.test", "WARNING", 1, List.of("MX_UNREACHABLE"), "mx2.closed.test"),
                // A certificate that expired 5 days ago and names another host.
                new Scenario("badcert.test", "CRITICAL", 2, List.of("CERT_EXPIRED", "CERT_NAME_MISMATCH"), null),
                new Scenario("relay.test", "CRITICAL", 2, List.of("OPEN_RELAY"), null),
                new Scenario("good.test", "OK", 0, List.of(), null),
                new Scenario("nullmx.test", "OK", 0, List.of("NULL_MX"), null));
    }

    /** The lab's other domains; the expected states are the codes' default severities. */
    static Stream<Scenario> furtherCases() {
        return Stream.of(
                new Scenario("implicit.test", "WARNING", 1, List.of("IMPLICIT_MX"), null),
                new Scenario("nomail.test", "CRITICAL", 2, List.of("NO_MAIL_HOST"), null),
                new Scenario("nullmix.test", "WARNING", 1, List.of("NULL_MX_WITH_OTHER_MX"), null),
                new Scenario("plain.test", "WARNING", 1, List.of("STARTTLS_NOT_OFFERED"), null),
                new Scenario("expiring.test", "WARNING", 1, List.of("CERT_EXPIRES_SOON"), null),
                new Scenario("cname.test", "WARNING", 1, List.of("MX_IS_CNAME"), null),
                new Scenario("noaddr.test", "CRITICAL", 2, List.of("MX_HOST_NO_ADDRESS"), null),
                new Scenario("nxdomain.test", "CRITICAL", 2, List.of("DNS_NXDOMAIN"), null),
                // Reverse DNS, legacy TLS and IPv4/IPv6 parity.
                new Scenario("noptr.test", "OK", 0, List.of("RDNS_MISSING"), null),
                new Scenario("ptrmismatch.test", "OK", 0, List.of("RDNS_NOT_FORWARD_CONFIRMED",
                        "RDNS_GREETING_MISMATCH"), null),
                // Opportunistic senders retry in plain text after the failed handshake, as the probe does: WARNING.
                new Scenario("legacytls.test", "WARNING", 1, List.of("TLS_HANDSHAKE_FAILED"), "mx1.legacytls.test"),
                // The IPv6 server's certificate names another host: opportunistic senders deliver, no MTA-STS or DANE.
                new Scenario("v6other.test", "WARNING", 1, List.of("CERT_NAME_MISMATCH", "MX_FAMILY_CERTIFICATE_DIFFERS",
                        "MX_FAMILY_GREETING_DIFFERS"), null));
    }

    /**
     * MX hosts that look healthy but take no mail: one that demands AUTH at MAIL FROM (530), a backup MX never
     * configured for the domain (554 5.7.1 relay access denied to postmaster@, RFC 5321 §4.5.1), an MX target written
     * as an IP address (RFC 5321 §5.1). CRITICAL when no MX of the domain takes mail, WARNING while another does.
     */
    static Stream<Scenario> deliveryCases() {
        return Stream.of(
                new Scenario("authonly.test", "CRITICAL", 2, List.of("MAIL_FROM_REJECTED"),
                        "MAIL_FROM_REJECTED on mx1.authonly.test"),
                new Scenario("authmix.test", "WARNING", 1, List.of("MAIL_FROM_REJECTED"),
                        "MAIL_FROM_REJECTED on mx1.authonly.test"),
                new Scenario("backupmx.test", "WARNING", 1, List.of("POSTMASTER_REJECTED"),
                        "POSTMASTER_REJECTED on mx2.backupmx.test"),
                new Scenario("onlybackup.test", "CRITICAL", 2, List.of("POSTMASTER_REJECTED"),
                        "POSTMASTER_REJECTED on mx2.backupmx.test"),
                new Scenario("iplit.test", "CRITICAL", 2, List.of("MX_IS_IP_LITERAL"), "MX_IS_IP_LITERAL on 127.0.0.11"));
    }

    /**
     * The MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) domains of the lab: policies served by nginx with certificates of
     * the test CA. sts-testing.test is CRITICAL through its expired MX certificate (CERT_EXPIRED); its MTA-STS finding
     * itself is WARNING, which {@link #testingModeMakesTheMtaStsProblemAWarning} checks.
     */
    static Stream<Scenario> policyCases() {
        return Stream.of(
                new Scenario("sts-enforce.test", "OK", 0, List.of(), null),
                // MTA-STS senders refuse mx2 but deliver to mx1, which the policy lists: a WARNING.
                new Scenario("sts-notcovered.test", "WARNING", 1, List.of("MTA_STS_MX_NOT_COVERED"),
                        "MTA_STS_MX_NOT_COVERED on mx2.sts-notcovered.test"),
                new Scenario("sts-testing.test", "CRITICAL", 2,
                        List.of("CERT_EXPIRED", "MTA_STS_MX_NOT_SECURE", "MTA_STS_MODE_TESTING"), null),
                new Scenario("sts-badcert.test", "WARNING", 1, List.of("MTA_STS_POLICY_HOST_CERT_INVALID"), null),
                new Scenario("sts-malformed.test", "WARNING", 1, List.of("MTA_STS_POLICY_INVALID"), null),
                new Scenario("sts-unreachable.test", "WARNING", 1, List.of("MTA_STS_POLICY_UNREACHABLE"), null),
                new Scenario("sts-multiple.test", "WARNING", 1, List.of("MTA_STS_RECORD_MULTIPLE"), null),
                new Scenario("rpt-bad.test", "WARNING", 1, List.of("TLSRPT_INVALID", "MTA_STS_ABSENT"), null));
    }

    @BeforeAll
    static void requireTheLab() throws IOException {
        Path repo = LabEngines.repositoryRoot();
        Path caFile = LabEngines.labCa();
        maillog = repo.resolve("lab/run/postfix/maillog");
        queue = repo.resolve("lab/run/postfix-queue");

        if (!Files.isRegularFile(caFile) || !Files.isRegularFile(maillog)) {
            fail("The lab is not up (no " + caFile + "): run lab/lab.sh up, or run the whole build with lab/test-all");
        }
        if (!LabEngines.insideLabNamespace()) {
            fail("This JVM does not run in the lab's network namespace " + LabEngines.NAMESPACE + " (or the namespace is missing):"
                    + " run lab/lab.sh up, then mvn verify -Dlab.java=" + repo.resolve("lab/jvm/bin/java")
                    + ", or simply lab/test-all");
        }
        LabEngines.launcher();
        maillogStart = Files.size(maillog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidents")
    @Order(1)
    void incident(Scenario s) throws Exception {
        checkScenario(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("furtherCases")
    @Order(2)
    void furtherCase(Scenario s) throws Exception {
        checkScenario(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveryCases")
    @Order(2)
    void deliveryCase(Scenario s) throws Exception {
        checkScenario(s);
    }

    @Test
    @Order(2)
    void everyMxOfAGoodDomainTakesMailForItsPostmaster() throws Exception {
        LabEngines.Run json = check("-D", "good.test", "--json");

        JsonNode report = JSON.readTree(json.stdout());
        List<String> verdicts = new ArrayList<>();
        report.path("mx").forEach(m -> m.path("addresses").forEach(a -> verdicts.add(
                a.path("postmaster").path("forwardPath").asText() + " " + a.path("postmaster").path("verdict").asText())));
        assertThat(verdicts).as(json.describe()).hasSize(2).containsOnly("postmaster@good.test ACCEPTED");
    }

    @Test
    @Order(2)
    void theRefusingBackupQuotesItsReplyAndTheTestCanBeSwitchedOff() throws Exception {
        LabEngines.Run text = check("-D", "backupmx.test");
        LabEngines.Run off = check("-D", "backupmx.test", "--no-postmaster-test");

        assertThat(text.lines()).as(text.describe()).anyMatch(l -> l.contains("POSTMASTER_REJECTED")
                && l.contains("RCPT TO:<postmaster@backupmx.test>") && l.contains("554 5.7.1"));
        assertThat(off.exitCode()).as(off.describe()).isZero();
        assertThat(off.stdout()).as(off.describe()).doesNotContain("POSTMASTER_REJECTED");
    }

    @Test
    @Order(2)
    void anIpLiteralMxIsNeverConnectedTo() throws Exception {
        LabEngines.Run json = check("-D", "iplit.test", "--json");

        JsonNode mx = JSON.readTree(json.stdout()).path("mx").path(0);
        assertThat(mx.path("host").asText()).as(json.describe()).isEqualTo("127.0.0.11");
        assertThat(mx.path("addresses").size()).as(json.describe()).isZero();
    }

    @Test
    @Order(2)
    void ipv4OnlyOnAnIpv6OnlyMxSaysItHasNoIpv4Address() throws Exception {
        LabEngines.Run r = check("-4", "-D", "v6only.test");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.statusLine()).as(r.describe()).contains("1 of 1 MX has no IPv4 address (mx1.v6only.test)")
                .doesNotContain("unreachable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyCases")
    @Order(2)
    void policyCase(Scenario s) throws Exception {
        checkScenario(s);
    }

    @Test
    @Order(2)
    void enforcedPolicyWithEveryMxGoodIsOkWithItsMaxAge() throws Exception {
        LabEngines.Run r = check("-D", "sts-enforce.test", "-v");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.statusLine()).as(r.describe()).contains(" mta_sts_max_age=604800s;;;0;31557600");
        assertThat(r.lines()).as(r.describe())
                .noneMatch(l -> l.startsWith("[WARNING]") || l.startsWith("[CRITICAL]") || l.contains("MTA_STS_")
                        || l.contains("TLSRPT_"))
                .contains("MTA-STS: id 20261130T000000, mode enforce, mx mx1.sts-enforce.test, max_age 604800 s",
                        "TLS-RPT: rua mailto:tlsrpt@sts-enforce.test");
    }

    @Test
    @Order(2)
    void testingModeMakesTheMtaStsProblemAWarning() throws Exception {
        LabEngines.Run r = check("-D", "sts-testing.test");

        assertThat(r.lines()).as(r.describe())
                .anyMatch(l -> l.startsWith("[WARNING] MTA_STS_MX_NOT_SECURE mx1.sts-testing.test [127.0.0.103]:25: ")
                        && l.contains("the certificate expired on"))
                .noneMatch(l -> l.startsWith("[CRITICAL] MTA_STS_"));
    }

    @Test
    @Order(2)
    void enforcedPolicySaysWhichMxAStrictSenderRefuses() throws Exception {
        LabEngines.Run r = check("-D", "sts-notcovered.test");

        assertThat(r.lines()).as(r.describe()).anyMatch(l -> l.startsWith(
                "[WARNING] MTA_STS_MX_NOT_COVERED mx2.sts-notcovered.test: a strict sender will not deliver to "
                        + "mx2.sts-notcovered.test: it matches no mx pattern of the policy (mx1.sts-notcovered.test)"));
    }

    @Test
    @Order(2)
    void policyChecksCanBeSwitchedOff() throws Exception {
        LabEngines.Run r = check("-D", "sts-notcovered.test", "--no-mta-sts", "--no-tls-rpt");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).doesNotContain("MTA_STS_").doesNotContain("TLSRPT_")
                .doesNotContain("mta_sts_max_age");
    }

    @Test
    @Order(3)
    void goodDomainHasNoProblemAtAll() throws Exception {
        LabEngines.Run r = check("-D", "good.test");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.lines()).as(r.describe()).noneMatch(l -> l.startsWith("[WARNING]") || l.startsWith("[CRITICAL]"));
    }

    /**
     * The guard behind the promise "never sends DATA": Postfix logs each session's command counts at
     * disconnect ({@code ehlo=1 starttls=1 mail=1 rcpt=0/1 rset=1 quit=1}); none of this class's
     * sessions may count a DATA or BDAT, none may have been rejected at DATA (which smtpd_data_restrictions
     * would do), and the queue must be empty.
     */
    @Test
    @Order(100)
    void noSessionSentDataAndNothingWasQueued() throws Exception {
        List<String> log = sessionLogSinceStart();

        assertThat(log).as("the relay probe of relay.test must show in " + maillog
                        + " (otherwise this guard reads the wrong log)")
                .anyMatch(l -> l.contains("/mx1.relay.test/smtpd[") && l.contains(": disconnect from ") && l.contains(" rcpt="));
        assertThat(log).as("Postfix sessions that counted DATA or BDAT")
                .filteredOn(l -> l.contains(": disconnect from "))
                .noneMatch(l -> l.contains(" data=") || l.contains(" bdat="));
        assertThat(log).as("DATA/BDAT rejected by smtpd_data_restrictions")
                .noneMatch(l -> l.contains("reject: DATA from") || l.contains("reject: BDAT from")
                        || l.contains("after DATA") || l.contains("after BDAT"));
        assertThat(log).as("messages queued (cleanup message-id, qmgr queue active)")
                .noneMatch(l -> l.contains(": message-id=") || l.contains("(queue active)"));
        assertThat(queuedFiles()).as("files in the Postfix queue " + queue).isEmpty();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static void checkScenario(Scenario s) throws Exception {
        LabEngines.Run text = check("-D", s.domain());

        assertThat(text.exitCode()).as(text.describe()).isEqualTo(s.exitCode());
        assertThat(text.statusLine()).as(text.describe())
                .matches(STATUS_LINE)
                .startsWith("SMTP MX " + s.state() + " - ");
        if (s.mentions() != null) {
            assertThat(text.statusLine()).as(text.describe()).contains(s.mentions());
        }
        for (String code : s.codes()) {
            assertThat(text.lines().subList(1, text.lines().size())).as(text.describe())
                    .anyMatch(l -> Pattern.compile("\\b" + code + "\\b").matcher(l).find());
        }
        assertThat(text.stdout() + text.stderr()).as(text.describe()).doesNotContainPattern(STACK_TRACE);

        LabEngines.Run json = check("-D", s.domain(), "--json");

        assertThat(json.exitCode()).as(json.describe()).isEqualTo(s.exitCode());
        JsonNode report = JSON.readTree(json.stdout());
        assertThat(report.path("state").asText()).as(json.describe()).isEqualTo(s.state());
        Set<String> codes = new TreeSet<>();
        report.path("findings").forEach(f -> codes.add(f.path("code").asText()));
        assertThat(codes).as(json.describe()).containsAll(s.codes());
        assertThat(json.stdout() + json.stderr()).as(json.describe()).doesNotContainPattern(STACK_TRACE);
    }

    /**
     * The maillog lines written since this class started, once every session that was opened has logged
     * its disconnect (postlogd writes a moment after the client has gone).
     */
    private static List<String> sessionLogSinceStart() throws IOException, InterruptedException {
        List<String> lines = List.of();
        for (int i = 0; i < 50; i++) {
            lines = maillogSinceStart();
            long connects = lines.stream().filter(l -> l.contains(": connect from ")).count();
            long disconnects = lines.stream().filter(l -> l.contains(": disconnect from ")).count();
            if (connects == disconnects) {
                break;
            }
            Thread.sleep(200);
        }
        return lines;
    }

    private static List<String> maillogSinceStart() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(maillog.toFile(), "r")) {
            long length = f.length();
            if (length < maillogStart) {
                fail(maillog + " shrank while the tests ran: was the lab restarted?");
            }
            byte[] bytes = new byte[(int) (length - maillogStart)];
            f.seek(maillogStart);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        }
    }

    /** Regular files in the queues where a message would be (as {@code postqueue -p} would list it). */
    private static List<Path> queuedFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String q : List.of("maildrop", "incoming", "active", "deferred", "hold", "corrupt")) {
            Path dir = queue.resolve(q);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }
}
