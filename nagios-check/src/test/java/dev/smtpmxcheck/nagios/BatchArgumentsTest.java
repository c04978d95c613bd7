package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchArgumentsTest {

    @TempDir
    Path dir;

    private Path file(String name, String text, String perms) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    @Test
    void batchOptionsAreTakenOutAndTheRestIsCommonToEveryLine() throws Exception {
        Path f = file("domains", "example.com\n", "rw-r--r--");

        BatchArguments.Batch b = BatchArguments.parse(new String[] {"-t", "20", "--batch", f.toString(), "--parallel=8",
                "-s", "127.0.0.2", "--service-template", "mx-{target}"});

        assertThat(b.file()).isEqualTo(f);
        assertThat(b.parallel()).isEqualTo(8);
        assertThat(b.submit().kind()).isEqualTo(BatchArguments.SubmitKind.STDOUT);
        assertThat(b.common()).containsExactly("-t", "20", "-s", "127.0.0.2");
        assertThat(BatchArguments.objectName(b.serviceTemplate(), "example.com")).isEqualTo("mx-example.com");
        assertThat(BatchArguments.objectName(b.hostTemplate(), "example.com")).isEqualTo("example.com");
    }

    @Test
    void aLineStartsFromTheCommonOptionsAndItsOwnWin() {
        PluginArguments.Invocation inv = BatchArguments.entry(List.of("-t", "20", "-e", "a.example"),
                List.of("-D", "example.com", "-t", "5", "--no-relay-test"));

        assertThat(inv.options().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(inv.options().ehloName()).isEqualTo("a.example");
        assertThat(inv.options().relayProbe()).isFalse();
        assertThat(inv.target()).isEqualTo(new PluginArguments.Target(PluginArguments.TargetKind.DOMAIN, "example.com"));
    }

    @Test
    void aLineOverridesTheCommandLineButGivesEachSingleValuedOptionOnce() {
        assertThat(BatchArguments.entry(List.of("-w", "10"), List.of("-D", "a.test", "-w", "60")).options()
                .certWarningDays()).isEqualTo(60);
        assertThatThrownBy(() -> BatchArguments.entry(List.of(), List.of("-D", "relay.test", "-D", "good.test")))
                .isInstanceOf(UsageException.class)
                .hasMessage("-D/--domain given twice ('relay.test', 'good.test'): give one domain per line");
        assertThatThrownBy(() -> BatchArguments.entry(List.of("-t", "20"), List.of("-D", "a.test", "-w", "10", "-w", "60")))
                .hasMessage("-w/--warning given twice ('10', '60'): give it once");
        assertThat(BatchArguments.entry(List.of("-s", "192.0.2.53"), List.of("-D", "a.test", "-s", "192.0.2.54",
                "--dnsbl", "a.test", "--dnsbl", "b.test")).options().dnsServers())
                .containsExactly("192.0.2.53", "192.0.2.54");
    }

    @Test
    void aSingleValuedOptionTwiceOnTheBatchCommandLineStopsTheBatch() throws Exception {
        Path f = file("domains", "example.com\n", "rw-r--r--");

        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "-t", "5", "-t", "9"}))
                .isInstanceOf(UsageException.class).hasMessage("-t/--timeout given twice ('5', '9'): give it once");
    }

    @Test
    void aLineIsJudgedByTheSameRulesAndWordsAsTheCommandLine() {
        String[] single = {"-H", "mx.example.com", "--no-mta-sts", "-p", "0"};
        String expected;
        try {
            PluginArguments.parse(single);
            throw new AssertionError("the command line should be refused");
        } catch (UsageException e) {
            expected = e.getMessage();
        }

        assertThatThrownBy(() -> BatchArguments.entry(List.of(), List.of(single))).isInstanceOf(UsageException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> BatchArguments.entry(List.of(), List.of("-D", "a.test", "--json")))
                .hasMessageContaining("--json has no place in a batch line");
        assertThatThrownBy(() -> BatchArguments.entry(List.of(), List.of("-D", "a.test", "-V")))
                .hasMessage("-h/--help and -V/--version have no place in a batch line");
    }

    @Test
    void commandLineMistakesStopTheBatchBeforeAnyCheck() throws Exception {
        Path f = file("domains", "example.com\n", "rw-r--r--");

        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "-D", "x.test"}))
                .hasMessageContaining("go in the batch file");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "-t", "-1"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("-t/--timeout");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "--parallel", "0"}))
                .hasMessageContaining("invalid --parallel '0'");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", dir.resolve("none").toString()}))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "--submit", "nagios"}))
                .hasMessageContaining("expected stdout, icinga2-api=https://host:port or nagios-cmd=FILE");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(), "--api-ca-file", f.toString()}))
                .hasMessage("--api-ca-file is only used with --submit icinga2-api=URL");
    }

    @Test
    void theIcinga2ApiNeedsHttpsAndACredentialsFileOnlyItsOwnerReads() throws Exception {
        Path f = file("domains", "example.com\n", "rw-r--r--");
        Path open = file("open.conf", "user = a\npassword = b\n", "rw-r--r--");
        Path closed = file("closed.conf", "user = a\npassword = b\n", "rw-r-----");

        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(),
            "--submit", "icinga2-api=https://localhost:5665"})).hasMessageContaining("needs --api-credentials FILE");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(),
            "--submit", "icinga2-api=http://localhost:5665", "--api-credentials", closed.toString()}))
                .hasMessageContaining("expected icinga2-api=https://host:port");
        assertThatThrownBy(() -> BatchArguments.parse(new String[] {"--batch", f.toString(),
            "--submit", "icinga2-api=https://localhost:5665", "--api-credentials", open.toString()}))
                .hasMessageContaining("is readable by every user");

        BatchArguments.Batch b = BatchArguments.parse(new String[] {"--batch", f.toString(),
            "--submit=icinga2-api=https://localhost:5665/", "--api-credentials", closed.toString()});

        assertThat(b.submit().apiUrl()).hasToString("https://localhost:5665");
        assertThat(b.apiCredentials()).isEqualTo(closed);
    }

    @Test
    void objectNamesRefuseTheSeparatorsOfTheEngines() {
        assertThat(BatchArguments.checkObjectName("mail servers", "--engine-host")).isEqualTo("mail servers");
        assertThatThrownBy(() -> BatchArguments.checkObjectName("a;b", "--engine-host"))
                .hasMessageContaining("invalid --engine-host 'a;b'");
        assertThatThrownBy(() -> BatchArguments.checkObjectName("a!b", "--engine-service")).isInstanceOf(UsageException.class);
    }

    @Test
    void isBatchLooksForTheBatchOptionOnly() {
        assertThat(BatchArguments.isBatch(new String[] {"-t", "3", "--batch=f"})).isTrue();
        assertThat(BatchArguments.isBatch(new String[] {"-D", "batch.test"})).isFalse();
    }

    @Test
    void theHelpAndTheBatchUsageLineNameEveryBatchOption() {
        String help = CheckSmtpMx.help();
        for (org.apache.commons.cli.Option option : BatchArguments.options().getOptions()) {
            assertThat(help).as("help text").contains("--" + option.getLongOpt() + "=");
            assertThat(BatchArguments.USAGE).as("usage line").containsPattern("[ |\\[]--" + option.getLongOpt() + "[ |\\]]");
        }
        assertThat(help).contains(BatchArguments.USAGE);
    }
}
