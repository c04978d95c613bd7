package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DnsblOptions;
import dev.smtpmxcheck.core.SmtpDiagnosticOptions;
import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.MxSource;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.Range;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.CheckReportBuilder;
import dev.smtpmxcheck.core.testing.MxReports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin text of reports built with the core's verdict. The golden files under {@code src/test/resources/golden}
 * are real renders: run with {@code -Dgolden.update=true} to write them anew after a deliberate change of the output,
 * then review their diff.
 */
class NagiosOutputTest {

    private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");

    static Stream<Arguments> goldenCases() {
        return Stream.of(
                Arguments.of("ok-two-mx", (Supplier<CheckReport>) Reports::okTwoMx, 0),
                Arguments.of("ok-two-mx", (Supplier<CheckReport>) Reports::okTwoMx, 1),
                Arguments.of("ok-two-mx", (Supplier<CheckReport>) Reports::okTwoMx, 3),
                Arguments.of("warning-one-unreachable", (Supplier<CheckReport>) Reports::warningOneUnreachable, 0),
                Arguments.of("warning-one-unreachable", (Supplier<CheckReport>) Reports::warningOneUnreachable, 1),
                Arguments.of("critical-cert", (Supplier<CheckReport>) Reports::criticalCertificate, 0),
                Arguments.of("critical-cert", (Supplier<CheckReport>) Reports::criticalCertificate, 2),
                Arguments.of("critical-open-relay", (Supplier<CheckReport>) Reports::criticalOpenRelay, 0),
                Arguments.of("dns-failure", (Supplier<CheckReport>) Reports::dnsFailure, 0),
                Arguments.of("warning-notes", (Supplier<CheckReport>) Reports::warningWithNotes, 0),
                Arguments.of("warning-notes", (Supplier<CheckReport>) Reports::warningWithNotes, 1));
    }

    @ParameterizedTest(name = "{0} -v{2}")
    @MethodSource("goldenCases")
    void rendersGoldenText(String name, Supplier<CheckReport> report, int verbosity) throws IOException {
        String file = name + "-v" + verbosity + ".txt";

        String text = NagiosOutput.render(report.get(), verbosity).text();

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN_DIR.resolve(file), text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(golden(file));
    }

    @Test
    void theLongOutputBeginsWithOneLinePerAddressAtEveryVerbosity() {
        for (int verbosity = 0; verbosity <= 3; verbosity++) {
            List<String> lines = NagiosOutput.render(Reports.warningOneUnreachable(), verbosity).longOutput();

            assertThat(lines.subList(0, 2)).as("-v x %d", verbosity).containsExactly(
                    "mx1.example.test [192.0.2.1]:25 MX 10: connects 0.012 s, STARTTLS TLSv1.3, certificate valid 80 d,"
                            + " relay refused; delivers: opportunistic yes, MTA-STS n/a, DANE n/a",
                    "mx2.example.test [192.0.2.2]:25 MX 20: does not connect (refused);"
                            + " delivers: opportunistic no (no SMTP session), MTA-STS n/a, DANE n/a");
            assertThat(lines.get(2)).startsWith("[WARNING] MX_UNREACHABLE mx2.example.test [192.0.2.2]:25: ");
        }
    }

    @Test
    void infoFindingsAreOneLineOfCodesAtVerbosityZeroAndInFullFromV() {
        List<String> quiet = NagiosOutput.render(Reports.warningWithNotes(), 0).longOutput();
        List<String> verbose = NagiosOutput.render(Reports.warningWithNotes(), 1).longOutput();

        assertThat(quiet).contains("notes: NO_IPV6_MX, MTA_STS_ABSENT, TLSRPT_ABSENT, BANNER_VERSION_LEAK (-v for details)")
                .noneMatch(l -> l.startsWith("[INFO]"))
                .anyMatch(l -> l.startsWith("[WARNING] MX_UNREACHABLE "));
        assertThat(quiet.indexOf(quiet.stream().filter(l -> l.startsWith("notes: ")).findFirst().orElseThrow()))
                .isEqualTo(quiet.size() - 1);
        assertThat(verbose).noneMatch(l -> l.startsWith("notes: "))
                .anyMatch(l -> l.startsWith("[INFO] NO_IPV6_MX example.test: no MX host has an AAAA record — fix: "))
                .anyMatch(l -> l.startsWith("[INFO] BANNER_VERSION_LEAK mx1.example.test [192.0.2.1]:25: "));
    }

    @Test
    void eachCodeIsNotedOnceHoweverManyAddressesHaveIt() {
        PluginOutput out = NagiosOutput.render(Reports.twelveMx(), 0);

        assertThat(out.longOutput()).filteredOn(l -> l.startsWith("notes: ")).containsExactly(
                "notes: BANNER_VERSION_LEAK, NO_IPV6_MX, MTA_STS_ABSENT, TLSRPT_ABSENT (-v for details)");
    }

    /** Nagios Core reads at most 8 KiB of plugin output (MAX_PLUGIN_OUTPUT_LENGTH); the rest is lost. */
    @Test
    void twelveMxHostsStayWithinNagiosCoreEightKib() {
        CheckReport twelve = Reports.twelveMx();

        String compact = NagiosOutput.render(twelve, 0).text();
        String full = NagiosOutput.render(twelve, CheckOptions.defaults(), 0, NagiosOutput.PerfdataMode.FULL).text();

        assertThat(twelve.mx()).hasSize(12);
        assertThat(compact.lines().filter(l -> l.startsWith("mx")).count()).isEqualTo(12);
        assertThat(compact.getBytes(StandardCharsets.UTF_8).length).as(compact).isLessThan(8 * 1024);
        assertThat(compact).contains("[WARNING] CERT_EXPIRES_SOON ");
        assertThat(full.length() - compact.length()).as("3 labels per address moved behind --perfdata full")
                .isGreaterThan(12 * 3 * 80);
    }

    @Test
    void perfdataIsFullWithTheOptionOrFromV() {
        CheckReport ok = Reports.okTwoMx();
        String connect = "'mx1.example.test_192.0.2.1_time_connect'=0.012s;;;0";

        assertThat(NagiosOutput.render(ok, CheckOptions.defaults(), 0, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .containsExactly("'mx1.example.test_192.0.2.1_time_total'=0.105s;;;0",
                        "'mx1.example.test_192.0.2.1_cert_days'=80;30:;7:",
                        "'mx2.example.test_2001:db8::2_time_total'=0.105s;;;0",
                        "'mx2.example.test_2001:db8::2_cert_days'=45;30:;7:");
        assertThat(NagiosOutput.render(ok, CheckOptions.defaults(), 0, NagiosOutput.PerfdataMode.FULL).morePerfdata())
                .startsWith(connect, "'mx1.example.test_192.0.2.1_time_greeting'=0.020s;;;0",
                        "'mx1.example.test_192.0.2.1_time_tls'=0.031s;;;0",
                        "'mx1.example.test_192.0.2.1_time_total'=0.105s;;;0");
        assertThat(NagiosOutput.render(ok, CheckOptions.defaults(), 1, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .contains(connect);
    }

    @Test
    void aHostWithoutAddressIsOneAddressLineNotAlsoADetailLine() {
        CheckReport base = Reports.okTwoMx();
        MxReport none = MxReports.withoutAddress("mx3.example.test", 30, "no A or AAAA record");
        CheckReport r = Reports.report("example.test", MxSource.MX, List.of(base.mx().get(0), none), List.of(
                Finding.of(FindingCode.MX_HOST_NO_ADDRESS, "mx3.example.test", "no A or AAAA record")));

        List<String> lines = NagiosOutput.render(r, 1).longOutput();

        assertThat(lines).filteredOn(l -> l.contains("no usable address"))
                .containsExactly("mx3.example.test MX 30: no usable address: no A or AAAA record");
    }

    @Test
    void mtaStsMaxAgeIsPerfdataAndPoliciesAreVerboseLines() {
        CheckReport ok = Reports.okTwoMx();
        CheckReport withPolicies = CheckReportBuilder.from(ok).delivery(null)
                .mtaSts(new dev.smtpmxcheck.core.report.MtaStsFacts(List.of("v=STSv1; id=42"), "42",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", "enforce",
                        List.of("*.example.test"), 604800L, List.of(), List.of()))
                .tlsRpt(new dev.smtpmxcheck.core.report.TlsRptFacts(List.of("v=TLSRPTv1; rua=mailto:t@example.test"),
                        List.of("mailto:t@example.test")))
                .build();

        PluginOutput out = NagiosOutput.render(withPolicies, 1);

        assertThat(out.text().lines().findFirst().orElseThrow())
                .endsWith("| mx_total=2;;;0 mx_reachable=2;;;0;2 mta_sts_max_age=604800s;;;0;31557600");
        assertThat(out.text()).contains("\nMTA-STS: id 42, mode enforce, mx *.example.test, max_age 604800 s\n")
                .contains("\nTLS-RPT: rua mailto:t@example.test\n");
    }

    @Test
    void mtaStsMaxAgeIsUnknownWithoutAPolicyAndAbsentWithoutMtaSts() {
        CheckReport ok = Reports.okTwoMx();
        CheckReport noPolicy = CheckReportBuilder.from(ok).delivery(null)
                .mtaSts(new dev.smtpmxcheck.core.report.MtaStsFacts(List.of("v=STSv1; id=1"), "1",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", null, null, null, null, null, null,
                        null))
                .build();
        CheckReport noRecord = CheckReportBuilder.from(ok).delivery(null)
                .mtaSts(new dev.smtpmxcheck.core.report.MtaStsFacts(List.of(), null, null, null, null, null, null, null,
                        null, null))
                .build();

        assertThat(NagiosOutput.render(noPolicy, 0).text()).contains(" mta_sts_max_age=U;;;0;31557600");
        assertThat(NagiosOutput.render(noRecord, 0).text()).doesNotContain("mta_sts_max_age");
        assertThat(NagiosOutput.render(ok, 0).text()).doesNotContain("mta_sts_max_age");
    }

    @Test
    void certDaysIsTheEarliestExpiryOfTheWholeChain() {
        dev.smtpmxcheck.core.report.CertificateFacts leaf = Reports.leaf("mx1.example.test", 80);
        dev.smtpmxcheck.core.report.CertificateFacts intermediate = new dev.smtpmxcheck.core.report.CertificateFacts(1,
                "CN=Intermediate", "CN=Root", "0B", leaf.notBefore(), leaf.notAfter().minus(java.time.Duration.ofDays(75)),
                5, List.of(), List.of(), "Intermediate", "RSA", 2048, "SHA256withRSA", false, "cd".repeat(32));
        dev.smtpmxcheck.core.report.TlsFacts tls = new dev.smtpmxcheck.core.report.TlsFacts("TLSv1.3",
                "TLS_AES_256_GCM_SHA384", 31, "mx1.example.test", List.of(leaf, intermediate), TrustStatus.TRUSTED,
                null, true);
        MxReport mx = MxReports.mx("mx1.example.test", 10,
                Reports.healthy("mx1.example.test", "192.0.2.1", tls, RelayVerdict.REFUSED));

        String text = NagiosOutput.render(Reports.report("example.test", MxSource.MX, List.of(mx),
                List.of()), 0).text();

        assertThat(text).contains("'mx1.example.test_192.0.2.1_cert_days'=5;30:;7:");
    }

    @Test
    void daneGivesATlsaCountPerHostAndOneDetailLine() {
        MxReport base = Reports.okTwoMx().mx().get(0);
        String record = "3 1 1 " + "ab".repeat(32);
        MxReport withDane = base.withDane(new dev.smtpmxcheck.core.report.DaneReport("_25._tcp.mx1.example.test",
                dev.smtpmxcheck.core.report.DnssecStatus.SECURE, null, List.of(record, "3 1 1 " + "cd".repeat(32)),
                List.of(dev.smtpmxcheck.core.report.DaneAddress.matched("192.0.2.1", record, 0))));
        MxReport withoutRecords = Reports.okTwoMx().mx().get(1).withDane(new dev.smtpmxcheck.core.report.DaneReport(
                "_25._tcp.mx2.example.test", null, null, List.of(), List.of()));

        PluginOutput out = NagiosOutput.render(Reports.report("example.test", MxSource.MX,
                List.of(withDane, withoutRecords), List.of()), 1);

        assertThat(out.text()).contains("'mx1.example.test_tlsa_records'=2;;;0", "'mx2.example.test_tlsa_records'=0;;;0");
        assertThat(out.longOutput()).contains("mx1.example.test DANE: 2 TLSA records at _25._tcp.mx1.example.test"
                + " (DNSSEC SECURE): 3 1 1 abababababababab…, 3 1 1 cdcdcdcdcdcdcdcd…; [192.0.2.1] matched"
                + " 3 1 1 abababababababab… (chain[0])");
        assertThat(out.longOutput()).noneMatch(l -> l.startsWith("mx2.example.test DANE"));
        assertThat(NagiosOutput.render(Reports.okTwoMx(), 0).text()).doesNotContain("tlsa_records");
    }

    @Test
    void aHostCheckedDirectlyHasNoMxPreferenceInTheDetail() {
        CheckReport base = Reports.okTwoMx();
        CheckReport direct = Reports.report("192.0.2.1", MxSource.HOST,
                List.of(base.mx().get(0)), List.of());

        List<String> lines = NagiosOutput.render(direct, 1).longOutput();

        assertThat(lines).anyMatch(l -> l.startsWith("mx1.example.test [192.0.2.1]:25: connect"))
                .noneMatch(l -> l.contains("(MX "));
        assertThat(NagiosOutput.render(base, 1).longOutput()).anyMatch(l -> l.contains("(MX 10)"));
    }

    @Test
    void theDetailLineShowsTheAcceptedTlsVersionsAndThePtr() {
        CheckReport base = Reports.okTwoMx();
        dev.smtpmxcheck.core.report.MxReport mx = base.mx().get(0);
        dev.smtpmxcheck.core.report.AddressReport a = mx.addresses().get(0)
                .withTlsVersions(dev.smtpmxcheck.core.report.Outcome.done(new dev.smtpmxcheck.core.report.TlsVersionScan(List.of(
                        new dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult("TLSv1",
                                dev.smtpmxcheck.core.report.TlsVersionScan.Outcome.ACCEPTED, "TLS_RSA_WITH_AES_128_CBC_SHA", null),
                        new dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult("TLSv1.2",
                                dev.smtpmxcheck.core.report.TlsVersionScan.Outcome.ACCEPTED, "TLS_AES_128_GCM_SHA256", null),
                        new dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult("TLSv1.3",
                                dev.smtpmxcheck.core.report.TlsVersionScan.Outcome.REFUSED, null, "alert protocol_version")),
                        1024, null, "refused")))
                .withReverseDns(dev.smtpmxcheck.core.report.Outcome.done(new dev.smtpmxcheck.core.report.ReverseDns(
                        List.of("mx1.example.test"), List.of(), null)));

        String line = NagiosOutput.addressLine(mx, a, false);

        assertThat(line).contains(", TLS versions accepted: 1.0 1.2, DHE 1024 bits, ")
                .contains(", PTR mx1.example.test (not forward-confirmed), ");
    }

    @Test
    void statusLineNamesStateAndSummary() {
        PluginOutput out = NagiosOutput.render(Reports.warningOneUnreachable(), 0);

        assertThat(out.statusLine()).startsWith("SMTP MX WARNING - 1 of 2 MX unreachable (mx2.example.test) | ");
        assertThat(out.exitCode()).isEqualTo(1);
    }

    @Test
    void theSummaryIsTheVerdicts() {
        CheckReport failed = Reports.dnsFailure();
        CheckReport nullMx = Reports.report("nomail.test", MxSource.NULL_MX, List.of(),
                List.of(Finding.of(FindingCode.NULL_MX, "nomail.test", "0 .")));

        assertThat(NagiosOutput.render(failed, 0).summary()).isEqualTo(failed.summary())
                .isEqualTo("DNS_SERVFAIL: MX lookup of broken.test answered SERVFAIL");
        assertThat(NagiosOutput.render(nullMx, 0).statusLine()).isEqualTo(
                "SMTP MX OK - nomail.test accepts no mail (null MX) | mx_total=0;;;0 mx_reachable=0;;;0;0");
    }

    @Test
    void findingsAreSortedWorstFirst() {
        CheckReport base = Reports.okTwoMx();
        CheckReport r = Reports.report("example.test", MxSource.MX, base.mx(), List.of(
                Finding.of(FindingCode.BANNER_VERSION_LEAK, "a", "info"),
                Finding.of(FindingCode.INTERNAL_ERROR, "d", "unknown"),
                Finding.of(FindingCode.STARTTLS_NOT_OFFERED, "b", "warn"),
                Finding.of(FindingCode.OPEN_RELAY, "c", "crit")));

        List<String> lines = NagiosOutput.render(r, 1).longOutput().stream().filter(l -> l.startsWith("[")).toList();

        // CRITICAL > WARNING > UNKNOWN > OK, as the verdict ranks them (monitoring-plugins' max_state_alt)
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(']') + 1))
                .containsExactly("[CRITICAL]", "[WARNING]", "[UNKNOWN]", "[INFO]");
    }

    @Test
    void summaryIsCappedAndMadeSafe() {
        CheckReport base = Reports.okTwoMx();
        CheckReport r = Reports.report("example.test", MxSource.MX, base.mx(), List.of(
                Finding.of(FindingCode.STARTTLS_NOT_OFFERED, "a|b\r\nc " + "x".repeat(500), "hostile subject")));

        PluginOutput out = NagiosOutput.render(r, 0);

        assertThat(out.summary()).hasSize(NagiosOutput.MAX_SUMMARY).startsWith("STARTTLS_NOT_OFFERED on a/b  c x")
                .endsWith("...");
        assertThat(out.statusLine()).hasSizeLessThan(300);
        assertThat(out.text().lines().findFirst().orElseThrow()).isEqualTo(out.statusLine());
    }

    @Test
    void hostileServerTextCannotInjectLinesOrPerfdata() {
        Finding evil = Finding.of(FindingCode.GREETING_UNEXPECTED, Severity.CRITICAL, "mx1.example.test",
                "greeting was '421 busy\nSMTP MX OK - fine | x=1'");
        CheckReport r = Reports.report("example.test", MxSource.MX, Reports.okTwoMx().mx(),
                List.of(evil));

        String text = NagiosOutput.render(r, 0).text();

        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(5);  // status, two address lines, one finding, the perfdata line
        assertThat(lines.get(3)).doesNotContain("|").contains("SMTP MX OK - fine / x=1");
        assertThat(lines.get(4)).startsWith("|'");
    }

    @Test
    void longOutputIsBoundedWithAMoreFindingsLine() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(Finding.of(FindingCode.CERT_WEAK_KEY, "mx" + i + ".example.test [192.0.2.1]:25", "RSA 1024 bits"));
        }
        CheckReport r = Reports.report("example.test", MxSource.MX, Reports.okTwoMx().mx(), many);

        PluginOutput out = NagiosOutput.render(r, 3);

        int bytes = String.join("\n", out.longOutput()).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(NagiosOutput.MAX_LONG_OUTPUT_BYTES);
        assertThat(out.longOutput()).anyMatch(l -> l.matches("\\.\\.\\. \\d+ more findings"));
        assertThat(out.longOutput().get(out.longOutput().size() - 1)).matches("\\.\\.\\. \\d+ more lines of detail");
        assertThat(out.morePerfdata()).hasSize(10);  // perfdata is never cut
    }

    @Test
    void perfdataIsPresentAndStableInEveryState() {
        for (CheckReport r : List.of(Reports.okTwoMx(), Reports.warningOneUnreachable(), Reports.criticalCertificate(),
                Reports.dnsFailure())) {
            PluginOutput out = NagiosOutput.render(r, 0);

            assertThat(out.perfdata()).matches("mx_total=\\d+;;;0 mx_reachable=\\d+;;;0;\\d+");
            int addresses = r.mx().stream().mapToInt(m -> m.addresses().size()).sum();
            assertThat(out.morePerfdata()).hasSize(2 * addresses);
            assertThat(NagiosOutput.render(r, CheckOptions.defaults(), 0, NagiosOutput.PerfdataMode.FULL).morePerfdata())
                    .hasSize(5 * addresses);
        }
    }

    @Test
    void labelWithQuoteIsEscaped() {
        MxReport mx = MxReports.mx("mx'1.example.test", 10,
                Reports.healthy("mx'1.example.test", "192.0.2.1",
                        Reports.tls("mx'1.example.test", 80, TrustStatus.TRUSTED, true), RelayVerdict.REFUSED));
        CheckReport r = Reports.report("example.test", MxSource.MX, List.of(mx), List.of());

        PluginOutput out = NagiosOutput.render(r, 0);

        assertThat(out.morePerfdata()).first().isEqualTo("'mx''1.example.test_192.0.2.1_time_total'=0.105s;;;0");
    }

    @Test
    void thresholdsOfTheOptionsAppearInPerfdata() {
        CheckOptions options = CheckOptions.defaults().withCertDays(21, 3)
                .withGreetingTime(Range.parse("~:2.5"), Range.parse("10"));

        PluginOutput out = NagiosOutput.render(Reports.okTwoMx(), options, 0, NagiosOutput.PerfdataMode.FULL);

        assertThat(out.morePerfdata()).contains(
                "'mx1.example.test_192.0.2.1_time_greeting'=0.020s;~:2.5;10;0",
                "'mx1.example.test_192.0.2.1_cert_days'=80;21:;3:");
    }

    @Test
    void aTimeJudgedByARangeIsInTheCompactPerfdataWithItsRange() {
        CheckOptions greeting = CheckOptions.defaults().withGreetingTime(Range.parse("0.5"), null);
        CheckOptions connect = CheckOptions.defaults().withSmtpDiagnostics(SmtpDiagnosticOptions.defaults()
                .withConnectTime(null, Range.parse("0.25")));

        List<String> withGreeting = NagiosOutput.render(Reports.okTwoMx(), greeting, 0,
                NagiosOutput.PerfdataMode.COMPACT).morePerfdata();
        List<String> withConnect = NagiosOutput.render(Reports.okTwoMx(), connect, 0,
                NagiosOutput.PerfdataMode.COMPACT).morePerfdata();

        assertThat(withGreeting).containsExactly(
                "'mx1.example.test_192.0.2.1_time_greeting'=0.020s;0.5;;0",
                "'mx1.example.test_192.0.2.1_time_total'=0.105s;;;0",
                "'mx1.example.test_192.0.2.1_cert_days'=80;30:;7:",
                "'mx2.example.test_2001:db8::2_time_greeting'=0.020s;0.5;;0",
                "'mx2.example.test_2001:db8::2_time_total'=0.105s;;;0",
                "'mx2.example.test_2001:db8::2_cert_days'=45;30:;7:");
        assertThat(withConnect).hasSize(6)
                .contains("'mx1.example.test_192.0.2.1_time_connect'=0.012s;;0.25;0")
                .noneMatch(p -> p.contains("_time_greeting") || p.contains("_time_tls"));
    }

    @Test
    void twelveMxHostsWithTimeRangesStayWithinNagiosCoreEightKib() {
        CheckOptions ranges = CheckOptions.defaults().withGreetingTime(Range.parse("0.5"), Range.parse("2"))
                .withSmtpDiagnostics(SmtpDiagnosticOptions.defaults().withConnectTime(Range.parse("0.5"),
                        Range.parse("2")));

        String compact = NagiosOutput.render(Reports.twelveMx(), ranges, 0, NagiosOutput.PerfdataMode.COMPACT).text();

        assertThat(compact).contains("_time_greeting'=").contains("_time_connect'=").doesNotContain("_time_tls");
        assertThat(compact.getBytes(StandardCharsets.UTF_8).length).as(compact).isLessThan(8 * 1024);
    }

    @Test
    void blocklistListingsArePerfdataPerAddressWithTheirThreshold() {
        MxReport mx = MxReports.mx("mx1.example.test", 10,
                Reports.healthy("mx1.example.test", "192.0.2.1", Reports.tls("mx1.example.test", 80, TrustStatus.TRUSTED,
                        true), RelayVerdict.REFUSED).withDnsbl(Outcome.done(new DnsblFacts(List.of(
                                new DnsblResult.Listed("bl.test", "1.2.0.192.bl.test", List.of("127.0.0.2"),
                                        List.of("listed"), null),
                                new DnsblResult.NotListed("other.test", "1.2.0.192.other.test"))))));
        CheckReport r = Reports.report("example.test", MxSource.MX, List.of(mx), List.of());
        CheckOptions warning = CheckOptions.defaults().withDnsbl(new DnsblOptions(List.of("bl.test", "other.test"), false));
        CheckOptions critical = CheckOptions.defaults().withDnsbl(new DnsblOptions(List.of("bl.test", "other.test"), true));

        assertThat(NagiosOutput.render(r, warning, 0, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .contains("'mx1.example.test_192.0.2.1_dnsbl_listings'=1;0;;0;2");
        assertThat(NagiosOutput.render(r, critical, 0, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .contains("'mx1.example.test_192.0.2.1_dnsbl_listings'=1;;0;0;2");
        assertThat(NagiosOutput.render(Reports.okTwoMx(), warning, 0, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .noneMatch(p -> p.contains("dnsbl"));
    }

    @Test
    void aShareOfTheLifetimeLeavesTheDaysFieldOfCertDaysEmpty() {
        CheckOptions options = CheckOptions.defaults().withCertPercent(new CheckOptions.CertPercent(33, null));

        assertThat(NagiosOutput.render(Reports.okTwoMx(), options, 0, NagiosOutput.PerfdataMode.COMPACT).morePerfdata())
                .contains("'mx1.example.test_192.0.2.1_cert_days'=80;;7:");
    }

    @Test
    void germanLocaleStillGivesDecimalPoints() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);

            String text = NagiosOutput.render(Reports.okTwoMx(), 3).text();

            assertThat(text).contains("=0.012s", "connect 0.012 s").doesNotContain("0,012");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = NagiosOutputTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
