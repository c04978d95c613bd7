package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check_smtp_mx --batch FILE --submit nagios-cmd=...} against a real Nagios 4 (Debian's {@code nagios4-core}):
 * Nagios runs inside the lab's namespace with its own configuration, command FIFO and status file under
 * {@code lab/run/nagios4} (never {@code /etc/nagios4}), as the user {@code nagios}, with passive services that have a
 * freshness check. The batch writes {@code PROCESS_SERVICE_CHECK_RESULT} commands into the FIFO; the test reads
 * what Nagios recorded back from {@code status.dat}.
 */
class BatchNagiosIT {

    private static final String NAGIOS = "/usr/sbin/nagios4";
    private static Path dir;
    private static Process daemon;

    @BeforeAll
    static void startNagios() throws Exception {
        LabEngines.requireLab();
        dir = LabEngines.engineDirectory("nagios4");
        LabEngines.installPluginCopy(dir);
        for (String sub : List.of("rw", "tmp", "checkresults")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.writeString(dir.resolve("nagios.cfg"), String.join("\n",
                "log_file=" + dir.resolve("nagios.log"),
                "cfg_file=" + dir.resolve("objects.cfg"),
                "object_cache_file=" + dir.resolve("objects.cache"),
                "precached_object_file=" + dir.resolve("objects.precache"),
                "resource_file=" + dir.resolve("resource.cfg"),
                "status_file=" + dir.resolve("status.dat"),
                "status_update_interval=1",
                "nagios_user=" + LabEngines.ENGINE_USER,
                "nagios_group=" + LabEngines.ENGINE_USER,
                "check_external_commands=1",
                "command_file=" + dir.resolve("rw/nagios.cmd"),
                "lock_file=" + dir.resolve("nagios.lock"),
                "temp_file=" + dir.resolve("nagios.tmp"),
                "temp_path=" + dir.resolve("tmp"),
                "check_result_path=" + dir.resolve("checkresults"),
                "state_retention_file=" + dir.resolve("retention.dat"),
                "retain_state_information=0",
                "query_socket=" + dir.resolve("rw/nagios.qh"),
                "accept_passive_service_checks=1",
                "execute_service_checks=1",
                "check_service_freshness=1",
                "service_freshness_check_interval=1",
                "additional_freshness_latency=0",
                "enable_notifications=0",
                "enable_flap_detection=0",
                "use_syslog=0",
                "log_passive_checks=1",
                ""), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("resource.cfg"), "$USER1$=/usr/lib/nagios/plugins\n");
        StringBuilder objects = new StringBuilder();
        objects.append("define timeperiod {\n  timeperiod_name 24x7\n  alias always\n");
        for (String day : List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")) {
            objects.append("  ").append(day).append(" 00:00-24:00\n");
        }
        objects.append("}\n")
                .append("define command {\n  command_name no-passive-result\n"
                        + "  command_line $USER1$/check_dummy 3 \"no result from check_smtp_mx --batch in time\"\n}\n")
                .append("define contact {\n  contact_name nobody\n  host_notifications_enabled 0\n"
                        + "  service_notifications_enabled 0\n  host_notification_period 24x7\n"
                        + "  service_notification_period 24x7\n  host_notification_options n\n"
                        + "  service_notification_options n\n  host_notification_commands no-passive-result\n"
                        + "  service_notification_commands no-passive-result\n}\n");
        Set<String> hosts = new LinkedHashSet<>();
        BatchLab.LINES.forEach(l -> hosts.add(l.host()));
        for (String h : hosts) {
            objects.append("define host {\n  host_name ").append(h).append("\n  address 127.0.0.1\n  max_check_attempts 1\n"
                    + "  check_period 24x7\n  active_checks_enabled 0\n  passive_checks_enabled 1\n  contacts nobody\n"
                    + "  notification_period 24x7\n}\n");
        }
        List<String> services = new ArrayList<>();
        BatchLab.LINES.forEach(l -> services.add(l.host() + ";" + l.service() + ";600"));
        // A service that the batch never feeds: its freshness check turns it UNKNOWN.
        services.add("lab-mail;mx-forgotten.test;2");
        for (String s : services) {
            String[] f = s.split(";");
            objects.append("define service {\n  host_name ").append(f[0]).append("\n  service_description ").append(f[1])
                    .append("\n  check_command no-passive-result\n  active_checks_enabled 0\n  passive_checks_enabled 1\n"
                            + "  check_freshness 1\n  freshness_threshold ").append(f[2])
                    .append("\n  max_check_attempts 1\n  check_interval 5\n  retry_interval 1\n  check_period 24x7\n"
                            + "  contacts nobody\n  notification_period 24x7\n}\n");
        }
        Files.writeString(dir.resolve("objects.cfg"), objects.toString(), StandardCharsets.UTF_8);
        LabEngines.runChecked(List.of("chown", "-R", LabEngines.ENGINE_USER + ":" + LabEngines.ENGINE_USER, dir.toString()));

        LabEngines.Run verify = LabEngines.run(List.of(NAGIOS, "-v", dir.resolve("nagios.cfg").toString()), Map.of(), 60);
        assertThat(verify.exitCode()).as(verify.describe()).isZero();

        daemon = new ProcessBuilder(NAGIOS, dir.resolve("nagios.cfg").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nagios.out").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(dir.resolve("rw/nagios.cmd")) && System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                fail("nagios4 exited with " + daemon.exitValue() + ": " + Files.readString(dir.resolve("nagios.out")));
            }
            Thread.sleep(200);
        }
        assertThat(dir.resolve("rw/nagios.cmd")).as("Nagios' command FIFO").exists();
    }

    @AfterAll
    static void stopNagios() throws InterruptedException {
        if (daemon != null) {
            LabEngines.stop(daemon, 15);
        }
    }

    @Test
    void batchResultsReachNagiosThroughTheCommandFileAndFreshnessCatchesAForgottenService() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path batchFile = BatchLab.writeBatchFile(dir);
        Map<String, BatchLab.Expected> expected = BatchLab.expected(batchFile, ca);
        List<String> args = new ArrayList<>(List.of("--batch", batchFile.toString(),
                "--submit", "nagios-cmd=" + dir.resolve("rw/nagios.cmd")));
        args.addAll(BatchLab.checkOptions(ca));

        LabEngines.Run run = BatchLab.plugin(args);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.statusLine()).as(run.describe()).startsWith("SMTP MX OK - batch of 4 entries, 4 submitted to nagios-cmd "
                + dir.resolve("rw/nagios.cmd") + " (2 OK, 1 WARNING, 1 CRITICAL, 0 UNKNOWN) | entries=4;;;0 submitted=4;;;0");
        Map<String, Map<String, String>> status = waitForStatus(expected.keySet(), 30);
        expected.forEach((name, e) -> {
            Map<String, String> s = status.get(name);
            assertThat(s.get("current_state")).as(name + ": " + s).isEqualTo(Integer.toString(e.exitCode()));
            assertThat(s.get("check_type")).as(name + " is a passive result").isEqualTo("1");
            // Nagios turns every ';' of the first line into ':' (its log and status files use ';' as separator).
            assertThat(s.get("plugin_output")).as(name).isEqualTo(e.statusLine().replace(';', ':'));
            assertThat(unescape(s.get("long_plugin_output")).strip()).as(name).isEqualTo(e.longOutput());
            assertThat(BatchLab.labels(PassiveResult.perfdataEntries(s.get("performance_data")))).as(name)
                    .isEqualTo(e.perfdataLabels());
        });
        Map<String, String> forgotten = waitForStatus(Set.of("lab-mail!mx-forgotten.test"), 40).get("lab-mail!mx-forgotten.test");
        assertThat(forgotten.get("current_state")).isEqualTo("3");
        assertThat(forgotten.get("plugin_output")).contains("no result from check_smtp_mx --batch in time");
    }

    /** Waits until Nagios has recorded a result for every one of NAMES (host!service); returns their status. */
    private static Map<String, Map<String, String>> waitForStatus(Set<String> names, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, Map<String, String>> status = Map.of();
        while (System.nanoTime() < deadline) {
            status = serviceStatus();
            Map<String, Map<String, String>> now = status;
            if (names.stream().allMatch(n -> now.containsKey(n) && "1".equals(now.get(n).get("has_been_checked")))) {
                return status;
            }
            Thread.sleep(500);
        }
        return fail("Nagios recorded no result for all of " + names + " within " + seconds + " s: " + status
                + "\nnagios.log:\n" + Files.readString(dir.resolve("nagios.log")));
    }

    /** The servicestatus blocks of status.dat, by host!service. */
    private static Map<String, Map<String, String>> serviceStatus() throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        Path file = dir.resolve("status.dat");
        if (!Files.exists(file)) {
            return out;
        }
        Map<String, String> block = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.equals("servicestatus {")) {
                block = new HashMap<>();
            } else if (t.equals("}") && block != null) {
                out.put(block.get("host_name") + "!" + block.get("service_description"), block);
                block = null;
            } else if (block != null && t.contains("=")) {
                block.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
            }
        }
        return out;
    }

    /** status.dat writes a newline in the long output as backslash-n and a backslash doubled. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
