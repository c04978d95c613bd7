package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * check_smtp_mx behind a real NRPE ({@code nagios-nrpe-server}), queried with the real {@code check_nrpe} over
 * loopback inside the lab's namespace. NRPE runs as the user {@code nagios} with the environment NRPE gives
 * plugins (no JAVA_HOME, PATH {@code /usr/bin:/bin:/usr/sbin:/sbin}); its config is in {@code lab/run/nrpe}.
 * State (exit code), status line and performance data must come through intact. NRPE 4 (packet v3/v4) carries
 * up to 64 KiB of output; a v2 packet ({@code check_nrpe -2}) only 1 KiB, which cuts the performance data of a
 * long report: a test shows both.
 */
class NrpeIT {

    private static final String CHECK_NRPE = "/usr/lib/nagios/plugins/check_nrpe";
    private static Path dir;
    private static Process nrpe;

    @BeforeAll
    static void startNrpe() throws Exception {
        LabEngines.requireLab();
        dir = LabEngines.engineDirectory("nrpe");
        Path plugin = LabEngines.installPluginCopy(dir);
        String common = plugin + " -s " + LabEngines.DNS_SERVER + " -C " + dir.resolve("ca.pem") + " -e nrpe.test -t 20";
        String config = String.join("\n",
                "# written by NrpeIT",
                "pid_file=" + dir.resolve("nrpe.pid"),
                "server_address=127.0.0.1",
                "server_port=5666",
                "nrpe_user=" + LabEngines.ENGINE_USER,
                "nrpe_group=" + LabEngines.ENGINE_USER,
                "allowed_hosts=127.0.0.1",
                "dont_blame_nrpe=0",
                "allow_bash_command_substitution=0",
                "command_timeout=60",
                "connection_timeout=120",
                "command[smtp_mx_good]=" + common + " -D good.test",
                "command[smtp_mx_closed]=" + common + " -D closed.test",
                "command[smtp_mx_badcert]=" + common + " -D badcert.test",
                "command[smtp_mx_multi_vvv]=" + common + " -D multi.test -vvv",
                "command[smtp_mx_bad_option]=" + plugin + " --bogus",
                "command[plugin_env]=/usr/bin/env",
                "");
        Files.writeString(dir.resolve("nrpe.cfg"), config, StandardCharsets.UTF_8);

        // As an init script starts it: root, which NRPE leaves for nrpe_user; no JAVA_HOME, no HOME.
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/nrpe", "-c", dir.resolve("nrpe.cfg").toString(), "-f")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nrpe.out").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        nrpe = pb.start();
        for (int i = 0; i < 100; i++) {
            if (LabEngines.run(List.of(CHECK_NRPE, "-H", "127.0.0.1", "-t", "5"), Map.of(), 20).exitCode() == 0) {
                return;
            }
            if (!nrpe.isAlive()) {
                fail("NRPE exited with " + nrpe.exitValue() + ": " + Files.readString(dir.resolve("nrpe.out")));
            }
            Thread.sleep(100);
        }
        fail("NRPE does not answer on 127.0.0.1:5666: " + Files.readString(dir.resolve("nrpe.out")));
    }

    @AfterAll
    static void stopNrpe() throws InterruptedException {
        if (nrpe != null) {
            LabEngines.stop(nrpe, 10);
        }
    }

    private static LabEngines.Run query(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(CHECK_NRPE, "-H", "127.0.0.1", "-t", "60"));
        cmd.addAll(List.of(extra));
        return LabEngines.run(cmd, Map.of(), 90);
    }

    @Test
    void okStatusLineAndPerfdataComeThrough() throws Exception {
        LabEngines.Run r = query("-c", "smtp_mx_good");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.lines().get(0)).as(r.describe())
                .isEqualTo("SMTP MX OK - 2 MX, 2 addresses accept mail | mx_total=2;;;0 mx_reachable=2;;;0;2");
        assertThat(r.stdout()).as(r.describe())
                .containsPattern("\\n\\|'mx1\\.good\\.test_127\\.0\\.0\\.11_time_total'=\\d+\\.\\d{3}s;;;0 ")
                .containsPattern("'mx2\\.good\\.test_127\\.0\\.0\\.12_cert_days'=36[45];30:;7: ")
                .containsPattern("'mx2\\.good\\.test_tlsa_records'=0;;;0\n?$");
    }

    @Test
    void warningKeepsItsExitCodeAndLongOutput() throws Exception {
        LabEngines.Run r = query("-c", "smtp_mx_closed");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.lines().get(0)).as(r.describe()).isEqualTo(
                "SMTP MX WARNING - 1 of 2 MX unreachable (mx2.closed.test) | mx_total=2;;;0 mx_reachable=1;;;0;2");
        assertThat(r.lines()).as(r.describe())
                .anyMatch(l -> l.startsWith("[WARNING] MX_UNREACHABLE mx2.closed.test [127.0.0.22]:25: "));
    }

    @Test
    void criticalAndUnknownKeepTheirExitCodes() throws Exception {
        LabEngines.Run critical = query("-c", "smtp_mx_badcert");
        LabEngines.Run unknown = query("-c", "smtp_mx_bad_option");

        assertThat(critical.exitCode()).as(critical.describe()).isEqualTo(2);
        assertThat(critical.lines().get(0)).as(critical.describe()).startsWith("SMTP MX CRITICAL - ");
        assertThat(critical.stdout()).as(critical.describe()).contains("CERT_EXPIRED");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(3);
        assertThat(unknown.lines().get(0)).as(unknown.describe()).isEqualTo("SMTP MX UNKNOWN - unknown option '--bogus'");
    }

    @Test
    void pluginsRunAsNagiosWithoutJavaHome() throws Exception {
        LabEngines.Run r = query("-c", "plugin_env");

        assertThat(r.lines()).as(r.describe()).contains("USER=" + LabEngines.ENGINE_USER)
                .noneMatch(l -> l.startsWith("JAVA_HOME="));
    }

    /** -vvv over 6 addresses prints several KiB: NRPE 4's packets carry it whole, a v2 packet cuts it at 1 KiB. */
    @Test
    void longOutputFitsNrpe4ButNotAVersion2Packet() throws Exception {
        LabEngines.Run whole = query("-c", "smtp_mx_multi_vvv");
        LabEngines.Run v2 = query("-2", "-c", "smtp_mx_multi_vvv");

        assertThat(whole.exitCode()).as(whole.describe()).isZero();
        assertThat(whole.stdout().getBytes(StandardCharsets.UTF_8).length).as(whole.describe()).isGreaterThan(4096);
        assertThat(whole.stdout()).as(whole.describe())
                .contains("'mx3.multi.test_127.0.0.185_cert_days'=")
                .containsPattern("'mx3\\.multi\\.test_127\\.0\\.0\\.185_cert_days'=36[45];30:;7: ")
                .containsPattern("'mx3\\.multi\\.test_tlsa_records'=0;;;0\n?$");
        assertThat(v2.exitCode()).as(v2.describe()).isZero();
        assertThat(v2.stdout().getBytes(StandardCharsets.UTF_8).length).as(v2.describe()).isLessThanOrEqualTo(1024);
        assertThat(v2.lines().get(0)).as(v2.describe()).isEqualTo(whole.lines().get(0));
        assertThat(v2.stdout()).as(v2.describe()).doesNotContain("'mx3.multi.test_127.0.0.185_cert_days'=");
    }
}
