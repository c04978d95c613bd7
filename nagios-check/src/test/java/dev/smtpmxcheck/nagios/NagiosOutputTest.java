package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.DnsblOptions;
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
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.report.TrustStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NagiosOutputTest {

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
                Arguments.of("dns-failure", (Supplier<CheckReport>) Reports::dnsFailure, 0));
    }

    @ParameterizedTest(name = "{0} -v{2}")
    @MethodSource("goldenCases")
    void rendersGoldenText(String name, Supplier<CheckReport> report, int verbosity) throws IOException {
        String expected = golden(name + "-v" + verbosity + ".txt");

        String text = NagiosOutput.render(report.get(), verbosity).text();

        assertThat(text).isEqualTo(expected);
    }

    @Test
    void mtaStsMaxAgeIsPerfdataAndPoliciesAreVerboseLines() {
        CheckReport ok = Reports.okTwoMx();
        CheckReport withPolicies = new CheckReport(ok.schemaVersion(), ok.domain(), ok.startedAt(), ok.durationMillis(),
                ok.state(), ok.summary(), ok.mxSource(), ok.mx(), ok.findings(),
                new dev.smtpmxcheck.core.report.MtaStsFacts(List.of("v=STSv1; id=42"), "42",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", 200, "text/plain", "enforce",
                        List.of("*.example.test"), 604800L, List.of(), List.of()),
                new dev.smtpmxcheck.core.report.TlsRptFacts(List.of("v=TLSRPTv1; rua=mailto:t@example.test"),
                        List.of("mailto:t@example.test")));

        PluginOutput out = NagiosOutput.render(withPolicies, 1);

        assertThat(out.text().lines().findFirst().orElseThrow())
                .endsWith("| mx_total=2;;;0 mx_reachable=2;;;0;2 mta_sts_max_age=604800s;;;0;31557600");
        assertThat(out.text()).contains("\nMTA-STS: id 42, mode enforce, mx *.example.test, max_age 604800 s\n")
                .contains("\nTLS-RPT: rua mailto:t@example.test\n");
    }

    @Test
    void mtaStsMaxAgeIsUnknownWithoutAPolicyAndAbsentWithoutMtaSts() {
        CheckReport ok = Reports.okTwoMx();
        CheckReport noPolicy = new CheckReport(ok.schemaVersion(), ok.domain(), ok.startedAt(), ok.durationMillis(),
                ok.state(), ok.summary(), ok.mxSource(), ok.mx(), ok.findings(),
                new dev.smtpmxcheck.core.report.MtaStsFacts(List.of("v=STSv1; id=1"), "1",
                        "https://mta-sts.example.test/.well-known/mta-sts.txt", null, null, null, null, null, null,
                        null),
                null);
        CheckReport noRecord = new CheckReport(ok.schemaVersion(), ok.domain(), ok.startedAt(), ok.durationMillis(),
                ok.state(), ok.summary(), ok.mxSource(), ok.mx(), ok.findings(),
                new dev.smtpmxcheck.core.report.MtaStsFacts(List.of(), null, null, null, null, null, null, null, null, null),
                null);

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
        MxReport mx = new MxReport("mx1.example.test", 10, List.of(), null,
                List.of(Reports.healthy("mx1.example.test", "192.0.2.1", tls, RelayVerdict.REFUSED)));

        String text = NagiosOutput.render(Reports.report("example.test", State.CRITICAL, "", MxSource.MX, List.of(mx),
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

        PluginOutput out = NagiosOutput.render(Reports.report("example.test", State.OK, "", MxSource.MX,
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
        CheckReport direct = Reports.report("192.0.2.1", State.OK, "1 host, 1 address accepts mail", MxSource.HOST,
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
    void summaryIsDerivedFromTheWorstFindingWhenEmpty() {
        PluginOutput out = NagiosOutput.render(Reports.dnsFailure(), 0);

        assertThat(out.summary()).isEqualTo("DNS_SERVFAIL broken.test: MX lookup of broken.test answered SERVFAIL");
    }

    @Test
    void summaryCountsMxWhenThereIsNothingToReport() {
        CheckReport healthy = Reports.okTwoMx();
        CheckReport noSummary = Reports.report(healthy.domain(), State.OK, "", healthy.mxSource(), healthy.mx(),
                List.of(Finding.of(FindingCode.BANNER_VERSION_LEAK, "mx1.example.test", "Postfix 3.7")));

        assertThat(NagiosOutput.render(noSummary, 0).summary()).isEqualTo("2 of 2 MX accept mail (2 addresses)");
        CheckReport oneMx = Reports.report(healthy.domain(), State.OK, "", healthy.mxSource(), healthy.mx().subList(0, 1),
                List.of());
        assertThat(NagiosOutput.render(oneMx, 0).summary()).isEqualTo("1 of 1 MX accepts mail (1 address)");
    }

    @Test
    void nullMxSummary() {
        CheckReport r = Reports.report("nomail.test", State.OK, null, MxSource.NULL_MX, List.of(),
                List.of(Finding.of(FindingCode.NULL_MX, "nomail.test", "0 .")));

        PluginOutput out = NagiosOutput.render(r, 0);

        assertThat(out.statusLine()).isEqualTo(
                "SMTP MX OK - nomail.test publishes a null MX: it accepts no mail | mx_total=0;;;0 mx_reachable=0;;;0;0");
    }

    @Test
    void findingsAreSortedWorstFirst() {
        CheckReport base = Reports.okTwoMx();
        CheckReport r = Reports.report("example.test", State.CRITICAL, "x", MxSource.MX, base.mx(), List.of(
                Finding.of(FindingCode.BANNER_VERSION_LEAK, "a", "info"),
                Finding.of(FindingCode.INTERNAL_ERROR, "d", "unknown"),
                Finding.of(FindingCode.STARTTLS_NOT_OFFERED, "b", "warn"),
                Finding.of(FindingCode.OPEN_RELAY, "c", "crit")));

        List<String> lines = NagiosOutput.render(r, 0).longOutput();

        // CRITICAL > WARNING > UNKNOWN > OK, as the verdict ranks them (monitoring-plugins' max_state_alt)
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(']') + 1))
                .containsExactly("[CRITICAL]", "[WARNING]", "[UNKNOWN]", "[INFO]");
    }

    @Test
    void summaryIsCappedAndMadeSafe() {
        CheckReport base = Reports.okTwoMx();
        CheckReport r = Reports.report("example.test", State.WARNING, "a|b\r\nc " + "x".repeat(500), MxSource.MX,
                base.mx(), List.of());

        PluginOutput out = NagiosOutput.render(r, 0);

        assertThat(out.summary()).hasSize(NagiosOutput.MAX_SUMMARY).startsWith("a/b  c x").endsWith("...");
        assertThat(out.statusLine()).hasSizeLessThan(300);
        assertThat(out.text().lines().findFirst().orElseThrow()).isEqualTo(out.statusLine());
    }

    @Test
    void hostileServerTextCannotInjectLinesOrPerfdata() {
        Finding evil = Finding.of(FindingCode.GREETING_UNEXPECTED, Severity.CRITICAL, "mx1.example.test",
                "greeting was '421 busy\nSMTP MX OK - fine | x=1'");
        CheckReport r = Reports.report("example.test", State.CRITICAL, "", MxSource.MX, Reports.okTwoMx().mx(),
                List.of(evil));

        String text = NagiosOutput.render(r, 0).text();

        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(3);  // status, one finding, the perfdata line
        assertThat(lines.get(1)).doesNotContain("|").contains("SMTP MX OK - fine / x=1");
        assertThat(lines.get(2)).startsWith("|'");
    }

    @Test
    void longOutputIsBoundedWithAMoreFindingsLine() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(Finding.of(FindingCode.CERT_WEAK_KEY, "mx" + i + ".example.test [192.0.2.1]:25", "RSA 1024 bits"));
        }
        CheckReport r = Reports.report("example.test", State.WARNING, "", MxSource.MX, Reports.okTwoMx().mx(), many);

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
            assertThat(out.morePerfdata()).hasSize(5 * r.mx().stream().mapToInt(m -> m.addresses().size()).sum());
        }
    }

    @Test
    void labelWithQuoteIsEscaped() {
        MxReport mx = new MxReport("mx'1.example.test", 10, List.of(), null, List.of(
                Reports.healthy("mx'1.example.test", "192.0.2.1",
                        Reports.tls("mx'1.example.test", 80, TrustStatus.TRUSTED, true), RelayVerdict.REFUSED)));
        CheckReport r = Reports.report("example.test", State.OK, "ok", MxSource.MX, List.of(mx), List.of());

        PluginOutput out = NagiosOutput.render(r, 0);

        assertThat(out.morePerfdata()).first().isEqualTo("'mx''1.example.test_192.0.2.1_time_connect'=0.012s;;;0");
    }

    @Test
    void thresholdsOfTheOptionsAppearInPerfdata() {
        CheckOptions options = CheckOptions.defaults().withCertDays(21, 3)
                .withGreetingTime(Range.parse("~:2.5"), Range.parse("10"));

        PluginOutput out = NagiosOutput.render(Reports.okTwoMx(), options, 0);

        assertThat(out.morePerfdata()).contains(
                "'mx1.example.test_192.0.2.1_time_greeting'=0.020s;~:2.5;10;0",
                "'mx1.example.test_192.0.2.1_cert_days'=80;21:;3:");
    }

    @Test
    void blocklistListingsArePerfdataPerAddressWithTheirThreshold() {
        MxReport mx = new MxReport("mx1.example.test", 10, List.of(), null, List.of(
                Reports.healthy("mx1.example.test", "192.0.2.1", Reports.tls("mx1.example.test", 80, TrustStatus.TRUSTED,
                        true), RelayVerdict.REFUSED).withDnsbl(Outcome.done(new DnsblFacts(List.of(
                                new DnsblResult.Listed("bl.test", "1.2.0.192.bl.test", List.of("127.0.0.2"),
                                        List.of("listed"), null),
                                new DnsblResult.NotListed("other.test", "1.2.0.192.other.test")))))));
        CheckReport r = Reports.report("example.test", State.WARNING, "listed", MxSource.MX, List.of(mx), List.of());
        CheckOptions warning = CheckOptions.defaults().withDnsbl(new DnsblOptions(List.of("bl.test", "other.test"), false));
        CheckOptions critical = CheckOptions.defaults().withDnsbl(new DnsblOptions(List.of("bl.test", "other.test"), true));

        assertThat(NagiosOutput.render(r, warning, 0).morePerfdata())
                .contains("'mx1.example.test_192.0.2.1_dnsbl_listings'=1;0;;0;2");
        assertThat(NagiosOutput.render(r, critical, 0).morePerfdata())
                .contains("'mx1.example.test_192.0.2.1_dnsbl_listings'=1;;0;0;2");
        assertThat(NagiosOutput.render(Reports.okTwoMx(), warning, 0).morePerfdata())
                .noneMatch(p -> p.contains("dnsbl"));
    }

    @Test
    void aShareOfTheLifetimeLeavesTheDaysFieldOfCertDaysEmpty() {
        CheckOptions options = CheckOptions.defaults().withCertPercent(new CheckOptions.CertPercent(33, null));

        assertThat(NagiosOutput.render(Reports.okTwoMx(), options, 0).morePerfdata())
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
