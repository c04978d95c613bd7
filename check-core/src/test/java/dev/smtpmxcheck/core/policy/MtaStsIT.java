package dev.smtpmxcheck.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.MailCheck;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJsonMapper;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) against the lab: TXT records from nsd, policies from nginx on
 * 127.0.0.110:443 with certificates of the lab's test CA, MX hosts on Postfix (see {@code lab/README.md}).
 */
class MtaStsIT {

    private static CheckOptions options;

    @BeforeAll
    static void lab() {
        Path ca = Path.of("..", "lab", "run", "ca.pem").toAbsolutePath().normalize();
        assertThat(Files.isReadable(ca)).as("the lab is not up (no %s): run lab/lab.sh up, or lab/test-all", ca)
                .isTrue();
        options = CheckOptions.defaults().withDnsServers(List.of("127.0.0.2")).withCaFile(ca)
                .withEhloName("checker.example.org").withTimeout(Duration.ofSeconds(20));
    }

    private static List<Finding> policyFindings(CheckReport r) {
        return r.findings().stream().filter(f -> f.code().name().startsWith("MTA_STS_") || f.code().name().startsWith("TLSRPT_"))
                .toList();
    }

    @Test
    void enforceWithEveryMxGoodIsOk() {
        CheckReport r = MailCheck.check("sts-enforce.test", options);

        assertThat(r.state()).as(JsonReport.write(r)).isEqualTo(State.OK);
        assertThat(policyFindings(r)).isEmpty();
        assertThat(r.mtaSts().id()).isEqualTo("20261130T000000");
        assertThat(r.mtaSts().policyUrl()).isEqualTo("https://mta-sts.sts-enforce.test/.well-known/mta-sts.txt");
        assertThat(r.mtaSts().httpStatus()).isEqualTo(200);
        assertThat(r.mtaSts().contentType()).startsWith("text/plain");
        assertThat(r.mtaSts().mode()).isEqualTo("enforce");
        assertThat(r.mtaSts().mx()).containsExactly("mx1.sts-enforce.test");
        assertThat(r.mtaSts().maxAgeSeconds()).isEqualTo(604800L);
        assertThat(r.tlsRpt().rua()).containsExactly("mailto:tlsrpt@sts-enforce.test");
        assertThat(JsonReport.read(JsonReport.write(r))).isEqualTo(ReportJsonMapper.toJson(r));
    }

    @Test
    void enforceWithAnMxNotInThePolicyIsAWarningWhileAListedMxTakesMail() {
        CheckReport r = MailCheck.check("sts-notcovered.test", options);

        // MTA-STS senders refuse mx2 but deliver to mx1, which the policy lists: WARNING, not CRITICAL.
        assertThat(r.state()).as(JsonReport.write(r)).isEqualTo(State.WARNING);
        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_MX_NOT_COVERED).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.subject()).isEqualTo("mx2.sts-notcovered.test");
                    assertThat(f.message()).startsWith("a strict sender will not deliver to mx2.sts-notcovered.test");
                });
        assertThat(r.mtaSts().mxNotCovered()).containsExactly("mx2.sts-notcovered.test");
        assertThat(r.mtaSts().mxNotSecure()).isEmpty();
    }

    @Test
    void testingWithAnExpiredMxCertificateIsAWarning() {
        CheckReport r = MailCheck.check("sts-testing.test", options);

        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_MX_NOT_SECURE).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.subject()).isEqualTo("mx1.sts-testing.test [127.0.0.103]:25");
                    assertThat(f.message()).contains("the certificate expired on");
                });
        assertThat(r.findings()).extracting(Finding::code).contains(FindingCode.MTA_STS_MODE_TESTING);
        // The state is CRITICAL through the expired certificate itself, never through MTA-STS in testing mode.
        assertThat(r.findings()).filteredOn(f -> f.severity() == Severity.CRITICAL).extracting(Finding::code)
                .containsOnly(FindingCode.CERT_EXPIRED);
        // The record's two character-strings ("v=STSv1; " "id=20261130;") read as one.
        assertThat(r.mtaSts().id()).isEqualTo("20261130");
    }

    @Test
    void policyHostWithACertificateForAnotherName() {
        CheckReport r = MailCheck.check("sts-badcert.test", options);

        assertThat(r.state()).isEqualTo(State.WARNING);
        assertThat(policyFindings(r)).extracting(Finding::code)
                .contains(FindingCode.MTA_STS_POLICY_HOST_CERT_INVALID)
                .doesNotContain(FindingCode.MTA_STS_POLICY_UNREACHABLE, FindingCode.MTA_STS_POLICY_INVALID);
        assertThat(r.mtaSts().mode()).isNull();
    }

    @Test
    void policyHostOfAnUntrustedCaWithoutTheCaFile() {
        CheckReport r = MailCheck.check("sts-enforce.test", options.withCaFile(null).withRelayProbe(false,
                CheckOptions.DEFAULT_RELAY_FROM, CheckOptions.DEFAULT_RELAY_TO));

        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_POLICY_HOST_CERT_INVALID).singleElement()
                .extracting(Finding::message).asString().contains("mta-sts.sts-enforce.test");
    }

    @Test
    void malformedPolicyFile() {
        CheckReport r = MailCheck.check("sts-malformed.test", options);

        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_POLICY_INVALID).singleElement()
                .extracting(Finding::message).asString().endsWith("line 3 is not \"key: value\": mx mx1.good.test");
        assertThat(r.state()).isEqualTo(State.WARNING);
    }

    @Test
    void recordPresentButPolicyUnreachable() {
        CheckReport r = MailCheck.check("sts-unreachable.test", options);

        assertThat(r.findings()).filteredOn(f -> f.code() == FindingCode.MTA_STS_POLICY_UNREACHABLE).singleElement()
                .extracting(Finding::message).asString()
                .contains("connection refused by 127.0.0.119:443");
        assertThat(r.state()).isEqualTo(State.WARNING);
        assertThat(r.mtaSts().id()).isEqualTo("1");
    }

    @Test
    void recordAndTlsRptProblems() {
        assertThat(policyFindings(MailCheck.check("sts-multiple.test", options))).extracting(Finding::code)
                .contains(FindingCode.MTA_STS_RECORD_MULTIPLE);
        CheckReport rpt = MailCheck.check("rpt-bad.test", options);
        assertThat(policyFindings(rpt)).extracting(Finding::code)
                .containsExactlyInAnyOrder(FindingCode.MTA_STS_ABSENT, FindingCode.TLSRPT_INVALID);
    }

    @Test
    void switchedOffPoliciesAreNeitherLookedUpNorReported() {
        CheckReport r = MailCheck.check("sts-notcovered.test",
                options.withStsRpt(new CheckOptions.StsRptOptions(false, false)));

        assertThat(r.state()).isEqualTo(State.OK);
        assertThat(r.mtaSts()).isNull();
        assertThat(r.tlsRpt()).isNull();
        assertThat(policyFindings(r)).isEmpty();
    }

    @Test
    void aHostCheckedDirectlyHasNoPolicies() {
        CheckReport r = MailCheck.checkHost("mx1.sts-enforce.test", options);

        assertThat(r.mtaSts()).isNull();
        assertThat(r.tlsRpt()).isNull();
    }
}
