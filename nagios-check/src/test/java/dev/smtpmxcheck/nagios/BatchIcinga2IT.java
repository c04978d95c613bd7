package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpmxcheck.core.EhloName;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check_smtp_mx --batch FILE --submit icinga2-api=https://localhost:5665} against a real Icinga 2 with its
 * API on, inside the lab's namespace, with configuration, data and its own PKI (made by {@code icinga2 pki new-ca},
 * {@code new-cert}, {@code sign-csr}; CN {@code localhost}) under {@code lab/run/icinga2-api}, never under
 * {@code /etc/icinga2} or {@code /var/lib/icinga2}. The batch submits as an ApiUser that may only
 * {@code actions/process-check-result}; the test reads the results back as a second ApiUser that may only
 * {@code objects/query/Service}. The services are passive, with a freshness check.
 */
class BatchIcinga2IT {

    private static final String ICINGA2 = "/usr/sbin/icinga2";
    private static final int PORT = 5665;
    private static final String SUBMIT_PASSWORD = "batch-" + Long.toHexString(System.nanoTime());
    private static final String READ_PASSWORD = "reader-" + Long.toHexString(System.nanoTime());
    private static Path dir;
    private static Process daemon;
    private static HttpClient reader;

    @BeforeAll
    static void startIcinga2() throws Exception {
        LabEngines.requireLab();
        dir = LabEngines.engineDirectory("icinga2-api");
        LabEngines.installPluginCopy(dir);
        for (String sub : List.of("etc", "data/certs", "log", "cache", "spool", "run")) {
            Files.createDirectories(dir.resolve(sub));
        }
        LabEngines.runChecked(List.of("chown", "-R", LabEngines.ENGINE_USER + ":" + LabEngines.ENGINE_USER, dir.toString()));
        // Icinga 2's own PKI: a CA in DataDir/ca, and the node's key and certificate where the ApiListener looks.
        Path certs = dir.resolve("data/certs");
        pki("new-ca");
        pki("new-cert", "--cn", "localhost", "--key", certs.resolve("localhost.key").toString(),
                "--csr", certs.resolve("localhost.csr").toString());
        pki("sign-csr", "--csr", certs.resolve("localhost.csr").toString(), "--cert", certs.resolve("localhost.crt").toString());
        Files.copy(dir.resolve("data/ca/ca.crt"), certs.resolve("ca.crt"));
        Files.copy(dir.resolve("data/ca/ca.crt"), dir.resolve("api-ca.crt"));

        StringBuilder config = new StringBuilder("// written by BatchIcinga2IT\ninclude <itl>\n")
                .append("object Endpoint \"localhost\" { }\n")
                .append("object Zone \"master\" { endpoints = [ \"localhost\" ] }\n")
                .append("object ApiListener \"api\" {\n  bind_host = \"127.0.0.1\"\n  bind_port = ").append(PORT)
                .append("\n  accept_config = false\n  accept_commands = false\n}\n")
                .append("object ApiUser \"smtp-mx-batch\" {\n  password = \"").append(SUBMIT_PASSWORD)
                .append("\"\n  permissions = [ \"actions/process-check-result\" ]\n}\n")
                .append("object ApiUser \"reader\" {\n  password = \"").append(READ_PASSWORD)
                .append("\"\n  permissions = [ \"objects/query/Service\" ]\n}\n")
                .append("object CheckerComponent \"checker\" { }\n")
                // The freshness check, as Icinga 2 does it: the active check is the dummy that says UNKNOWN, and every
                // passive result postpones it by check_interval.
                .append("template Service \"smtp-mx-passive\" {\n  check_command = \"dummy\"\n"
                        + "  enable_active_checks = true\n  enable_passive_checks = true\n  check_interval = 10m\n"
                        + "  vars.dummy_state = 3\n  vars.dummy_text = \"no result from check_smtp_mx --batch in time\"\n}\n");
        Set<String> hosts = new LinkedHashSet<>();
        BatchLab.LINES.forEach(l -> hosts.add(l.host()));
        for (String h : hosts) {
            config.append("object Host \"").append(h).append("\" {\n  check_command = \"dummy\"\n  enable_active_checks = false\n}\n");
        }
        for (BatchLab.Line l : BatchLab.LINES) {
            config.append("object Service \"").append(l.service()).append("\" {\n  import \"smtp-mx-passive\"\n  host_name = \"")
                    .append(l.host()).append("\"\n}\n");
        }
        // A service that no batch feeds, with a short interval: its freshness check turns it UNKNOWN.
        config.append("object Service \"mx-forgotten.test\" {\n  import \"smtp-mx-passive\"\n  host_name = \"lab-mail\"\n"
                + "  check_interval = 2s\n}\n");
        Files.writeString(dir.resolve("etc/icinga2.conf"), config.toString(), StandardCharsets.UTF_8);
        LabEngines.runChecked(List.of("chown", "-R", LabEngines.ENGINE_USER + ":" + LabEngines.ENGINE_USER, dir.toString()));

        LabEngines.Run validate = LabEngines.run(icinga2("daemon", "-C"), env(), 120);
        assertThat(validate.exitCode()).as(validate.describe()).isZero();
        ProcessBuilder pb = new ProcessBuilder(icinga2("daemon")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("icinga2.out").toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().putAll(env());
        daemon = pb.start();

        reader = HttpClient.newBuilder().sslContext(trusting(dir.resolve("api-ca.crt")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            if (!daemon.isAlive()) {
                fail("icinga2 exited with " + daemon.exitValue() + ": " + Files.readString(dir.resolve("icinga2.out")));
            }
            try {
                if (get("/v1/objects/services", "reader", READ_PASSWORD).statusCode() == 200) {
                    break;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                fail("the Icinga 2 API did not answer within 60 s: " + Files.readString(dir.resolve("icinga2.out")));
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopIcinga2() throws InterruptedException {
        if (daemon != null) {
            LabEngines.stop(daemon, 15);
        }
    }

    @Test
    void batchResultsAreSubmittedToTheApiAndReadBackExactly() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Path batchFile = BatchLab.writeBatchFile(dir);
        Map<String, BatchLab.Expected> expected = BatchLab.expected(batchFile, ca);
        Path credentials = credentials("smtp-mx-batch", SUBMIT_PASSWORD);
        List<String> args = new ArrayList<>(List.of("--batch", batchFile.toString(), "--parallel", "2",
                "--submit", "icinga2-api=https://localhost:" + PORT, "--api-credentials", credentials.toString(),
                "--api-ca-file", dir.resolve("api-ca.crt").toString()));
        args.addAll(BatchLab.checkOptions(ca));

        LabEngines.Run run = BatchLab.plugin(args);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.statusLine()).as(run.describe()).startsWith("SMTP MX OK - batch of 4 entries, 4 submitted to"
                + " icinga2-api https://localhost:" + PORT + " (2 OK, 1 WARNING, 1 CRITICAL, 0 UNKNOWN)");
        assertThat(run.stderr()).as(run.describe()).isEmpty();
        Map<String, JsonNode> services = services();
        String source = EhloName.ofThisHost();
        expected.forEach((name, e) -> {
            JsonNode attrs = services.get(name);
            assertThat(attrs).as(name + " in " + services.keySet()).isNotNull();
            JsonNode result = attrs.get("last_check_result");
            assertThat(attrs.get("state").asInt()).as(name + ": " + attrs).isEqualTo(e.exitCode());
            // Icinga 2 keeps the submitted exit_status as the result's state (its exit_status is that of a process)
            assertThat(result.get("state").asInt()).as(name + ": " + result).isEqualTo(e.exitCode());
            assertThat(result.get("output").asText()).as(name)
                    .isEqualTo(e.longOutput().isEmpty() ? e.statusLine() : e.statusLine() + "\n" + e.longOutput());
            List<String> perf = new ArrayList<>();
            result.get("performance_data").forEach(p -> perf.add(p.asText()));
            assertThat(BatchLab.labels(perf)).as(name).isEqualTo(e.perfdataLabels());
            assertThat(result.get("check_source").asText()).as(name).isEqualTo(source);
            assertThat(result.get("active").asBoolean()).as(name + " is a passive result").isFalse();
        });
    }

    @Test
    void theSubmittingUserCanDoNothingElseAndAServiceThatIsNotThereIsNamed() throws Exception {
        HttpResponse<String> query = get("/v1/objects/services", "smtp-mx-batch", SUBMIT_PASSWORD);
        // Icinga 2 filters the objects by the user's permissions: none are left
        assertThat(query.statusCode()).as(query.body()).isEqualTo(404);
        assertThat(query.body()).contains("No objects found").doesNotContain("mx-good.test");
        Path batchFile = dir.resolve("missing.txt");
        Files.writeString(batchFile, "good.test --engine-service no-such-service\n");
        List<String> args = new ArrayList<>(List.of("--batch", batchFile.toString(),
                "--submit", "icinga2-api=https://localhost:" + PORT, "--api-credentials",
                credentials("smtp-mx-batch", SUBMIT_PASSWORD).toString(), "--api-ca-file", dir.resolve("api-ca.crt").toString()));
        args.addAll(BatchLab.checkOptions(dir.resolve("ca.pem")));

        LabEngines.Run run = BatchLab.plugin(args);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).as(run.describe())
                .isEqualTo("check_smtp_mx: line 1 (lab-mail!no-such-service) not submitted (OK): no such service: the API answered HTTP 500 with no result\n");
    }

    @Test
    void anApiCertificateFromAnotherCaIsRefused() throws Exception {
        Path batchFile = dir.resolve("one.txt");
        Files.writeString(batchFile, "good.test\n");
        List<String> args = new ArrayList<>(List.of("--batch", batchFile.toString(),
                "--submit", "icinga2-api=https://localhost:" + PORT, "--api-credentials",
                credentials("smtp-mx-batch", SUBMIT_PASSWORD).toString(), "--api-ca-file", dir.resolve("ca.pem").toString()));
        args.addAll(BatchLab.checkOptions(dir.resolve("ca.pem")));

        LabEngines.Run run = BatchLab.plugin(args);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stderr()).as(run.describe()).startsWith("check_smtp_mx: line 1 (lab-mail!mx-good.test) not submitted (OK): ")
                .containsIgnoringCase("certificat");
    }

    @Test
    void aServiceThatNoBatchFeedsTurnsUnknownByItsFreshnessCheck() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode attrs = null;
        while (System.nanoTime() < deadline) {
            attrs = services().get("lab-mail!mx-forgotten.test");
            if (attrs != null && attrs.get("last_check_result").isObject()) {
                break;
            }
            Thread.sleep(500);
        }

        assertThat(attrs).isNotNull();
        assertThat(attrs.get("state").asInt()).as(attrs.toString()).isEqualTo(3);
        assertThat(attrs.get("last_check_result").get("output").asText())
                .isEqualTo("no result from check_smtp_mx --batch in time");
    }

    /** The services' attributes by host!service, as the reader sees them. */
    private static Map<String, JsonNode> services() throws Exception {
        HttpResponse<String> r = get("/v1/objects/services", "reader", READ_PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : StdoutSink.MAPPER.readTree(r.body()).get("results")) {
            out.put(n.get("name").asText(), n.get("attrs"));
        }
        return out;
    }

    private static HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return reader.send(HttpRequest.newBuilder(URI.create("https://localhost:" + PORT + path))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path credentials(String user, String password) throws IOException {
        Path f = dir.resolve("api-" + user + ".conf");
        Files.writeString(f, "# the batch's API user\nuser = " + user + "\npassword = " + password + "\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void pki(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ICINGA2, "pki"));
        cmd.addAll(List.of(args));
        cmd.addAll(defines());
        LabEngines.Run r = LabEngines.run(cmd, env(), 60);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    private static List<String> icinga2(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ICINGA2));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-c", dir.resolve("etc/icinga2.conf").toString()));
        cmd.addAll(defines());
        return cmd;
    }

    /** Icinga 2's paths, all under DIR (a package install points them to /etc, /var and /run). */
    private static List<String> defines() {
        return List.of("-DConfigDir=" + dir.resolve("etc"), "-DDataDir=" + dir.resolve("data"),
                "-DLogDir=" + dir.resolve("log"), "-DCacheDir=" + dir.resolve("cache"),
                "-DSpoolDir=" + dir.resolve("spool"), "-DInitRunDir=" + dir.resolve("run"),
                "-DPidPath=" + dir.resolve("run/icinga2.pid"), "-DStatePath=" + dir.resolve("data/icinga2.state"),
                "-DObjectsPath=" + dir.resolve("cache/icinga2.debug"), "-DVarsPath=" + dir.resolve("cache/icinga2.vars"),
                "-DModAttrPath=" + dir.resolve("data/modified-attributes.conf"), "-DZonesDir=" + dir.resolve("etc/zones.d"),
                "-DNodeName=localhost", "-DZoneName=master",
                "-DRunAsUser=" + LabEngines.ENGINE_USER, "-DRunAsGroup=" + LabEngines.ENGINE_USER);
    }

    private static Map<String, String> env() {
        return Map.of("ICINGA2_USER", LabEngines.ENGINE_USER, "ICINGA2_GROUP", LabEngines.ENGINE_USER);
    }
}
