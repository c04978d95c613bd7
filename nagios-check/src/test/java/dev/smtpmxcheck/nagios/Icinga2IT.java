package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Icinga 2 CheckCommand ({@code src/main/icinga2/check_smtp_mx.conf}) in a real Icinga 2: validated
 * with {@code icinga2 daemon -C}, then run by the daemon against the lab's Postfix. Icinga 2 runs inside the lab's
 * namespace as the user {@code nagios}, with its own configuration, state and run directories under
 * {@code lab/run/icinga2} (never {@code /etc/icinga2}), no API and no JAVA_HOME. Its PerfdataWriter, given a
 * template with the state, exit status and output, tells what Icinga 2 recorded for each service.
 */
class Icinga2IT {

    private static final String ICINGA2 = "/usr/sbin/icinga2";
    private static Path dir;
    private static Process daemon;

    /** service name -> [domain, expected state id, expected status line start] */
    private static final Map<String, List<String>> SERVICES = Map.of(
            "mx-good", List.of("good.test", "0", "SMTP MX OK - 2 MX, 2 addresses accept mail"),
            "mx-closed", List.of("closed.test", "1", "SMTP MX WARNING - 1 of 2 MX unreachable (mx2.closed.test)"),
            "mx-badcert", List.of("badcert.test", "2", "SMTP MX CRITICAL - "));

    @BeforeAll
    static void writeConfig() throws Exception {
        LabEngines.requireLab();
        dir = LabEngines.engineDirectory("icinga2");
        Path plugin = LabEngines.installPluginCopy(dir);
        for (String sub : List.of("etc", "data", "log", "cache", "spool", "run", "perfdata")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path shipped = LabEngines.repositoryRoot().resolve("nagios-check/src/main/icinga2/check_smtp_mx.conf");
        Files.copy(shipped, dir.resolve("etc/check_smtp_mx.conf"));
        StringBuilder services = new StringBuilder();
        SERVICES.forEach((name, s) -> services.append("object Service \"").append(name).append("\" {\n")
                .append("  host_name = \"lab\"\n  check_command = \"smtp_mx\"\n")
                .append("  vars.smtp_mx_domain = \"").append(s.get(0)).append("\"\n")
                .append("  check_interval = 15s\n  retry_interval = 15s\n}\n"));
        String config = "// written by Icinga2IT\n"
                + "include <itl>\n"
                + "const PluginDir = \"" + plugin.getParent() + "\"\n"
                + "include \"check_smtp_mx.conf\"\n"
                + "object CheckerComponent \"checker\" { }\n"
                + "object PerfdataWriter \"perfdata\" {\n"
                + "  service_perfdata_path = \"" + dir.resolve("perfdata/service-perfdata") + "\"\n"
                + "  service_temp_path = \"" + dir.resolve("perfdata/service-perfdata.tmp") + "\"\n"
                + "  host_perfdata_path = \"" + dir.resolve("perfdata/host-perfdata") + "\"\n"
                + "  host_temp_path = \"" + dir.resolve("perfdata/host-perfdata.tmp") + "\"\n"
                + "  service_format_template = \"SERVICE::$service.name$\\tSTATE::$service.state_id$\\tEXIT::"
                + "$service.last_check_result.exit_status$\\tOUTPUT::$service.output$\\tPERFDATA::$service.perfdata$\"\n"
                + "  rotation_interval = 1s\n"
                + "}\n"
                + "object Host \"lab\" { check_command = \"dummy\"\n  enable_active_checks = false }\n"
                // every argument of the CheckCommand, so that -C validates them all
                + "template Service \"smtp-mx-lab\" {\n"
                + "  vars.smtp_mx_dns_server = [ \"" + LabEngines.DNS_SERVER + "\" ]\n"
                + "  vars.smtp_mx_ca_file = \"" + dir.resolve("ca.pem") + "\"\n"
                + "  vars.smtp_mx_ehlo = \"icinga.test\"\n"
                + "  vars.smtp_mx_timeout = \"20\"\n"
                + "  vars.smtp_mx_warning = 30\n"
                + "  vars.smtp_mx_critical = 7\n"
                + "  vars.smtp_mx_perfdata = \"full\"\n"
                + "}\n"
                + services.toString().replace("  host_name = \"lab\"\n", "  import \"smtp-mx-lab\"\n  host_name = \"lab\"\n");
        Files.writeString(dir.resolve("etc/icinga2.conf"), config, StandardCharsets.UTF_8);
        LabEngines.runChecked(List.of("chown", "-R", LabEngines.ENGINE_USER + ":" + LabEngines.ENGINE_USER, dir.toString()));
    }

    @AfterAll
    static void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            LabEngines.stop(daemon, 15);
        }
    }

    /** Icinga 2's paths, all under DIR (the constants of a package install point to /etc, /var and /run). */
    private static List<String> icinga2(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ICINGA2));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-c", dir.resolve("etc/icinga2.conf").toString(),
                "-DConfigDir=" + dir.resolve("etc"), "-DDataDir=" + dir.resolve("data"),
                "-DLogDir=" + dir.resolve("log"), "-DCacheDir=" + dir.resolve("cache"),
                "-DSpoolDir=" + dir.resolve("spool"), "-DInitRunDir=" + dir.resolve("run"),
                "-DPidPath=" + dir.resolve("run/icinga2.pid"), "-DStatePath=" + dir.resolve("data/icinga2.state"),
                "-DObjectsPath=" + dir.resolve("cache/icinga2.debug"), "-DVarsPath=" + dir.resolve("cache/icinga2.vars"),
                "-DModAttrPath=" + dir.resolve("data/modified-attributes.conf"), "-DZonesDir=" + dir.resolve("etc/zones.d"),
                "-DRunAsUser=" + LabEngines.ENGINE_USER, "-DRunAsGroup=" + LabEngines.ENGINE_USER));
        return cmd;
    }

    private static Map<String, String> engineEnvironment() {
        return Map.of("ICINGA2_USER", LabEngines.ENGINE_USER, "ICINGA2_GROUP", LabEngines.ENGINE_USER);
    }

    @Test
    void shippedCheckCommandValidates() throws Exception {
        LabEngines.Run r = LabEngines.run(icinga2("daemon", "-C"), engineEnvironment(), 120);

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).contains("Finished validating the configuration file(s).")
                .containsPattern("Instantiated 3 Services?\\.");
    }

    /** Icinga 2 spreads the first checks over min(check_interval, 60 s) after start: 15 s here. */
    @Test
    void icinga2RunsTheCheckAndRecordsStateOutputAndPerfdata() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(icinga2("daemon"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("icinga2.out").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(engineEnvironment());
        daemon = pb.start();

        Map<String, Map<String, String>> results = new HashMap<>();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (results.size() < SERVICES.size() && System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                fail("icinga2 exited with " + daemon.exitValue() + ": " + Files.readString(dir.resolve("icinga2.out")));
            }
            Thread.sleep(500);
            results = perfdataRecords();
        }
        assertThat(results).as("service results in " + dir.resolve("perfdata") + "; icinga2 log:\n"
                + Files.readString(dir.resolve("icinga2.out"))).containsOnlyKeys(SERVICES.keySet());

        Map<String, Map<String, String>> recorded = results;
        SERVICES.forEach((name, s) -> {
            Map<String, String> rec = recorded.get(name);
            assertThat(rec.get("EXIT")).as(name + ": " + rec).isEqualTo(s.get(1));
            assertThat(rec.get("STATE")).as(name + ": " + rec).isEqualTo(s.get(1));
            assertThat(rec.get("OUTPUT")).as(name + ": " + rec).startsWith(s.get(2));
        });
        // Icinga 2 parsed our performance data: the totals, and per address the times and the certificate's days.
        assertThat(results.get("mx-closed").get("PERFDATA"))
                .contains("mx_total=2;;;0", "mx_reachable=1;;;0;2")
                .containsPattern("mx1\\.closed\\.test_127\\.0\\.0\\.21_time_connect'?=\\d+\\.\\d+s;;;0")
                .containsPattern("mx1\\.closed\\.test_127\\.0\\.0\\.21_cert_days'?=36[45];30:;7:");
        // the per-address line after the long output joins the status line's values unharmed (Icinga issue #8912)
        assertThat(recorded.values()).allSatisfy(rec -> assertThat(rec.get("PERFDATA")).doesNotContain("' '"));
        assertThat(results.get("mx-good").get("PERFDATA"))
                .contains("mx_total=2;;;0", "mx_reachable=2;;;0;2")
                .containsPattern("mx2\\.good\\.test_127\\.0\\.0\\.12_time_tls'?=\\d+\\.\\d+s;;;0");
    }

    /** The first record of each service in the PerfdataWriter's files: field name -> value. */
    private static Map<String, Map<String, String>> perfdataRecords() throws IOException {
        Map<String, Map<String, String>> records = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("perfdata"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("service-perfdata")).sorted()
                    .collect(Collectors.toList());
        }
        for (Path f : files) {
            // One record per check result; $service.output$ spans several lines (the long output).
            for (String record : Files.readString(f, StandardCharsets.UTF_8).split("(?m)^(?=SERVICE::)")) {
                Map<String, String> fields = new HashMap<>();
                for (String field : record.split("\t")) {
                    int sep = field.indexOf("::");
                    if (sep > 0) {
                        fields.put(field.substring(0, sep), field.substring(sep + 2).strip());
                    }
                }
                if (fields.containsKey("SERVICE")) {
                    records.putIfAbsent(fields.get("SERVICE"), fields);
                }
            }
        }
        return records;
    }
}
