package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.time.RunQueueWaitReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CheckSmtpMxTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicReference<CheckOptions> seenOptions = new AtomicReference<>();
    private final AtomicReference<PluginArguments.Target> seenTarget = new AtomicReference<>();

    private CheckSmtpMx plugin(MailChecker checker) {
        return new CheckSmtpMx((t, o) -> {
            seenTarget.set(t);
            seenOptions.set(o);
            return checker.check(t, o);
        }, r -> "{\"domain\":\"" + r.domain() + "\"}", () -> "monitor.example.org", Duration.ofMillis(300));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void exitCodeIsTheReportState(State state) {
        Map<State, FindingCode> worst = Map.of(State.WARNING, FindingCode.STARTTLS_NOT_OFFERED,
                State.CRITICAL, FindingCode.OPEN_RELAY, State.UNKNOWN, FindingCode.INTERNAL_ERROR);
        List<Finding> findings = state == State.OK ? List.of()
                : List.of(Finding.of(worst.get(state), PluginArguments.severityOf(state), "mx1.example.test", "problem"));
        CheckReport r = Reports.report("example.test", Reports.okTwoMx().mxSource(), Reports.okTwoMx().mx(), findings);

        int rc = plugin((t, o) -> r).run(new String[] {"-D", "example.test"}, out);

        assertThat(r.state()).isEqualTo(state);
        assertThat(rc).isEqualTo(state.exitCode()).isEqualTo(List.of(0, 1, 2, 3).get(state.ordinal()));
        assertThat(output()).startsWith("SMTP MX " + state.name() + " - " + r.summary() + " | mx_total=2");
    }

    @Test
    void rendersTheReportForADomain() {
        int rc = plugin((t, o) -> Reports.warningOneUnreachable()).run(new String[] {"-D", "example.test", "-v"}, out);

        assertThat(rc).isEqualTo(1);
        assertThat(output()).isEqualTo(NagiosOutput.render(Reports.warningOneUnreachable(), 1).text());
        assertThat(seenTarget.get().kind()).isEqualTo(PluginArguments.TargetKind.DOMAIN);
    }

    @Test
    void hostOptionChecksTheHost() {
        plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"-H", "mx1.example.test"}, out);

        assertThat(seenTarget.get()).isEqualTo(new PluginArguments.Target(PluginArguments.TargetKind.HOST, "mx1.example.test"));
    }

    @Test
    void defaultEhloNameIsTheLocalFqdn() {
        plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"-D", "example.test"}, out);

        assertThat(seenOptions.get().ehloName()).isEqualTo("monitor.example.org");
    }

    @Test
    void aSlowHostNameLookupFallsBackToLocalhostWithinASecond() {
        java.util.concurrent.atomic.AtomicReference<dev.smtpmxcheck.core.CheckOptions> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        CheckSmtpMx slowDns = new CheckSmtpMx((t, o) -> {
            seen.set(o);
            return Reports.okTwoMx();
        }, r -> "{}", () -> {
            try {
                Thread.sleep(30_000); // a reverse lookup that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow.example.org";
        }, Duration.ofMillis(300));

        int rc = slowDns.run(new String[] {"-D", "example.test", "-t", "5"}, out);

        assertThat(rc).isEqualTo(0);
        assertThat(seen.get().ehloName()).isEqualTo("localhost");
    }

    @Test
    void ehloOptionWins() {
        plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"-D", "example.test", "-e", "given.example"}, out);

        assertThat(seenOptions.get().ehloName()).isEqualTo("given.example");
    }

    @Test
    void usageErrorIsUnknownWithOneReasonAndAUsageLine() {
        int rc = plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"-D", "example.test", "-p", "x"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output().lines()).containsExactly(
                "SMTP MX UNKNOWN - invalid -p/--port 'x': expected a port number from 1 to 65535",
                PluginArguments.USAGE);
        assertThat(seenTarget.get()).isNull();
    }

    @Test
    void invalidDomainFromTheCoreIsUnknown() {
        int rc = plugin((t, o) -> {
            throw new IllegalArgumentException("invalid domain 'exa mple': contains a space");
        }).run(new String[] {"-D", "exa_mple"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output().lines().findFirst()).hasValue("SMTP MX UNKNOWN - invalid domain 'exa mple': contains a space");
    }

    @Test
    void unexpectedExceptionIsAnInternalErrorWithoutStackTrace() {
        int rc = plugin((t, o) -> {
            throw new NullPointerException("boom\nsecond line");
        }).run(new String[] {"-D", "example.test"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output()).isEqualTo("SMTP MX UNKNOWN - internal error: NullPointerException: boom\n");
    }

    @Test
    void stackTraceOnlyAtVerbosityThree() {
        int rc = plugin((t, o) -> {
            throw new IllegalStateException("boom");
        }).run(new String[] {"-D", "example.test", "-vvv"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output()).startsWith("SMTP MX UNKNOWN - internal error: IllegalStateException: boom\n")
                .contains("at dev.smtpmxcheck.nagios.CheckSmtpMxTest");
    }

    @Test
    void nullReportIsAnInternalError() {
        int rc = plugin((t, o) -> null).run(new String[] {"-D", "example.test"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output()).startsWith("SMTP MX UNKNOWN - internal error: ");
    }

    @Test
    void watchdogReportsCriticalWhenTheCheckOverruns() {
        long start = System.nanoTime();

        int rc = plugin((t, o) -> {
            sleep(10_000);
            return Reports.okTwoMx();
        }).run(new String[] {"-D", "example.test", "-t", "0.2"}, out);

        assertThat(rc).isEqualTo(2);
        assertThat(output()).isEqualTo("SMTP MX CRITICAL - check did not finish within 0.2 s\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void watchdogStateIsConfigurable() {
        int rc = plugin((t, o) -> {
            sleep(10_000);
            return Reports.okTwoMx();
        }).run(new String[] {"-D", "example.test", "-t", "0.1:UNKNOWN"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output()).isEqualTo("SMTP MX UNKNOWN - check did not finish within 0.1 s\n");
    }

    /** A plugin whose run-queue waits are read from {@code task}, laid out as {@code /proc/self/task}. */
    private CheckSmtpMx pluginReading(Path task, MailChecker checker) {
        return new CheckSmtpMx(checker, r -> "{}", () -> "monitor.example.org", Duration.ofMillis(300),
                RunQueueWaitReader.of(task));
    }

    private static void thread(Path task, String tid, long waitNanos) throws IOException {
        Path dir = Files.createDirectories(task.resolve(tid));
        Files.writeString(dir.resolve("schedstat"), "120000000 " + waitNanos + " 40\n");
    }

    private static final MailChecker HANGS = (t, o) -> {
        sleep(10_000);
        return Reports.okTwoMx();
    };

    @Test
    void aCheckStarvedOfCpuOnThisHostIsUnknownWhateverTheTimeoutStateSays(@TempDir Path task) throws IOException {
        // two threads that stood in the run queue for 3.5 s together, over a run of about half a second
        thread(task, "4100", 2_000_000_000L);
        thread(task, "4101", 1_500_000_000L);

        int rc = pluginReading(task, HANGS).run(new String[] {"-D", "example.test", "-t", "0.2:WARNING"}, out);

        assertThat(rc).isEqualTo(3);
        assertThat(output()).matches("SMTP MX UNKNOWN - check did not finish within 0\\.2 s: this host was overloaded"
                + " \\(the check's threads waited 3\\.5 s for a CPU in \\d+\\.\\d s\\); no verdict on the mail servers\n");
    }

    @Test
    void aCheckThatGotItsCpuKeepsTheTimeoutState(@TempDir Path task) throws IOException {
        thread(task, "4100", 20_000_000L);

        int rc = pluginReading(task, HANGS).run(new String[] {"-D", "example.test", "-t", "0.2"}, out);

        assertThat(rc).isEqualTo(2);
        assertThat(output()).isEqualTo("SMTP MX CRITICAL - check did not finish within 0.2 s\n");
    }

    @Test
    void withoutSchedulerStatisticsTheTimeoutStateStands(@TempDir Path dir) {
        int rc = pluginReading(dir.resolve("no-proc"), HANGS)
                .run(new String[] {"-D", "example.test", "-t", "0.2:WARNING"}, out);

        assertThat(rc).isEqualTo(1);
        assertThat(output()).isEqualTo("SMTP MX WARNING - check did not finish within 0.2 s\n");
    }

    @Test
    void aCheckThatFinishesIsNeverJudgedOnItsWait(@TempDir Path task) throws IOException {
        thread(task, "4100", 3_600_000_000_000L);

        int rc = pluginReading(task, (t, o) -> Reports.okTwoMx()).run(new String[] {"-D", "example.test"}, out);

        assertThat(rc).isZero();
        assertThat(output()).startsWith("SMTP MX OK - ");
    }

    @Test
    void jsonPrintsTheCodecOutputAndKeepsTheExitCode() {
        int rc = plugin((t, o) -> Reports.criticalOpenRelay()).run(new String[] {"-D", "example.test", "--json"}, out);

        assertThat(rc).isEqualTo(2);
        assertThat(output()).isEqualTo("{\"domain\":\"example.test\"}\n");
    }

    @Test
    void jsonWithTheRealCodecIsTheMappedCoreReport() {
        CheckSmtpMx real = new CheckSmtpMx((t, o) -> Reports.okTwoMx(), dev.smtpmxcheck.core.report.json.JsonReport::write,
                () -> null, Duration.ofSeconds(1));

        int rc = real.run(new String[] {"-D", "example.test", "--json"}, out);

        assertThat(rc).isEqualTo(0);
        assertThat(dev.smtpmxcheck.core.report.json.JsonReport.read(output()))
                .isEqualTo(dev.smtpmxcheck.core.report.json.ReportJsonMapper.toJson(Reports.okTwoMx()));
    }

    @Test
    void helpAndVersionExitUnknownLikeMonitoringPlugins() {
        int rcHelp = plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"--help"}, out);

        assertThat(rcHelp).isEqualTo(3);
        assertThat(output()).startsWith("check_smtp_mx v").contains(PluginArguments.USAGE, "--timeout", "RANGE");
        // Every MX host whose DANE check ran gets the value, 0 when it publishes no TLSA record.
        assertThat(output()).contains("<host>_tlsa_records (0 when it publishes none)")
                .doesNotContain("per MX host that publishes TLSA records");

        bytes.reset();
        int rcVersion = plugin((t, o) -> Reports.okTwoMx()).run(new String[] {"-V"}, out);

        assertThat(rcVersion).isEqualTo(3);
        assertThat(output().lines()).singleElement().asString().matches("check_smtp_mx v\\S+ \\(smtp-mx-check\\)");
    }

    @Test
    void secondsForMessages() {
        assertThat(CheckSmtpMx.seconds(Duration.ofSeconds(30))).isEqualTo("30");
        assertThat(CheckSmtpMx.seconds(Duration.ofMillis(2500))).isEqualTo("2.5");
        assertThat(CheckSmtpMx.seconds(Duration.ofMillis(250))).isEqualTo("0.25");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
