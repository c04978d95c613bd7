package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.FakeDnsServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Behaviour;
import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import dev.smtpmxcheck.core.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee, measured: the built launcher, started as a process as Nagios starts it, against every hostile
 * scenario (scripted SMTP server and DNS server on loopback). For each run: the wall time from process start to exit
 * is at most {@code -t} plus {@link #MARGIN}, the exit code is 0 to 3 and the expected one, stdout starts with a
 * status line, the finding names the stage, no stack trace is printed, and the server never received DATA.
 *
 * <p>The margin is the plugin's watchdog grace ({@link CheckSmtpMx#GRACE_SECONDS}) plus half a second for the
 * process to be created and torn down; JVM start-up itself is charged to {@code -t} (see {@link CheckSmtpMx}).
 */
class WallTimeGuaranteeIT {
    private static final Path LAUNCHER = Paths.get(System.getProperty("check_smtp_mx.launcher",
            "target/check_smtp_mx/bin/check_smtp_mx")).toAbsolutePath();

    /** The {@code -t} of a run, in seconds. */
    private static final int TIMEOUT_SECONDS = 3;

    /**
     * The {@code -t} of a run whose TLS handshake completes: a cold JVM spends about a second of CPU on its first
     * handshake and chain evaluation, which on a loaded machine does not fit in 3 s with JVM start-up (the run would
     * still end in time, as "check did not finish", but without the finding asserted here).
     */
    private static final int TLS_TIMEOUT_SECONDS = 5;

    /** How far past {@code -t} a run may end. */
    static final Duration MARGIN = Duration.ofSeconds(CheckSmtpMx.GRACE_SECONDS).plusMillis(500);

    private static final String STATUS_LINE = "SMTP MX (OK|WARNING|CRITICAL|UNKNOWN) - .*";

    private FakeSmtpServer smtp;
    private FakeDnsServer dns;

    @BeforeEach
    void start() throws IOException {
        smtp = new FakeSmtpServer();
        dns = FakeDnsServer.start();
    }

    @AfterEach
    void stop() throws IOException {
        smtp.close();
        dns.close();
        smtp.assertNoDataSent();
    }

    /**
     * One hostile scenario.
     *
     * @param name what the server or the DNS does
     * @param target {@code -H 127.0.0.1} (SMTP scenarios) or {@code -D <domain>} (DNS scenarios)
     * @param setup scripts the fake servers
     * @param exitCode the expected exit code
     * @param expected text the output must contain: the finding code and the stage
     */
    record Scenario(String name, List<String> target, BiConsumer<FakeSmtpServer, FakeDnsServer> setup, int exitCode,
            List<String> expected, int timeoutSeconds) {
        Scenario(String name, List<String> target, BiConsumer<FakeSmtpServer, FakeDnsServer> setup, int exitCode,
                List<String> expected) {
            this(name, target, setup, exitCode, expected, TIMEOUT_SECONDS);
        }

        /** This scenario with {@code -t} {@link #TLS_TIMEOUT_SECONDS}. */
        Scenario withTls() {
            return new Scenario(name, target, setup, exitCode, expected, TLS_TIMEOUT_SECONDS);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Scenario smtp(String name, Script script, int exitCode, String... expected) {
        return new Scenario(name, List.of("-H", "127.0.0.1"), (s, d) -> s.enqueue(script), exitCode, List.of(expected));
    }

    private static Scenario dns(String name, String domain, BiConsumer<FakeSmtpServer, FakeDnsServer> setup,
            int exitCode, String... expected) {
        return new Scenario(name, List.of("-D", domain), setup, exitCode, List.of(expected));
    }

    private static SSLContext tls() {
        TestCertificates.Held ca = TestCertificates.ca("Wall Time CA");
        TestCertificates.Held leaf = TestCertificates.builder().commonName("mx.test.example")
                .dnsName("mx.test.example").signedBy(ca).build();
        return TestCertificates.serverContext(leaf, ca.certificate());
    }

    private static Script untilStartTls() {
        return Script.script().reply("220 mx.test.example ESMTP").expect("EHLO")
                .send("250-mx.test.example\r\n250 STARTTLS\r\n").expect("STARTTLS");
    }

    static Stream<Scenario> scenarios() {
        SSLContext tls = tls();
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            many.append("many.test. MX ").append(i).append(" mx").append(i).append(".many.test.\n")
                    .append("mx").append(i).append(".many.test. A 127.0.0.1\n");
        }
        return Stream.of(
                smtp("greeting never comes", Script.script().stall(Duration.ofSeconds(30)), 2,
                        "SMTP_TIMEOUT", "greeting"),
                smtp("greeting just under the timeout", Script.script().stall(Duration.ofMillis(1200))
                        .reply("220 mx.test.example ESMTP").behave(new Behaviour().rcptReply("554 5.7.1 no")), 1,
                        "STARTTLS_NOT_OFFERED"),
                smtp("one octet per second", Script.script().drip("220 mx.test.example ESMTP\r\n",
                        Duration.ofSeconds(1)), 2, "SMTP_TIMEOUT", "greeting"),
                smtp("endless multi-line reply", Script.script().reply("220 mx.test.example ESMTP").expect("EHLO")
                        .endlessContinuation(250), 2, "SMTP_PROTOCOL_ERROR", "EHLO"),
                smtp("a reply line of two megabytes", Script.script().send("220 " + "x".repeat(2 << 20) + "\r\n"), 2,
                        "SMTP_PROTOCOL_ERROR", "greeting"),
                smtp("binary garbage", Script.script().send("\u0000\u00ff\u0016\u0003\u0001garbage")
                        .stall(Duration.ofSeconds(30)), 2, "SMTP_PROTOCOL_ERROR", "greeting"),
                smtp("no CRLF", Script.script().send("220 mx.test.example ESMTP").stall(Duration.ofSeconds(30)), 2,
                        "SMTP_TIMEOUT", "greeting"),
                smtp("reset after the greeting", Script.script().reply("220 mx.test.example ESMTP").expect("EHLO")
                        .reset(), 2, "SMTP_CONNECTION_LOST", "EHLO"),
                smtp("421 greeting", Script.script().reply("421 4.3.2 mx.test.example busy").close(), 2,
                        "GREETING_TEMPORARY_FAILURE", "greeting"),
                smtp("421 to STARTTLS", untilStartTls().reply("421 4.3.2 shutting down").close(), 2,
                        "SESSION_TEMPORARY_FAILURE", "STARTTLS"),
                smtp("EHLO and HELO refused", Script.wellBehaved(new Behaviour().ehloReply("550 no")
                        .heloReply("550 no")), 2, "HELO_REJECTED", "EHLO"),
                smtp("STARTTLS then 454", Script.wellBehaved(new Behaviour().starttls("454 4.7.0 no TLS today")
                        .rcptReply("554 5.7.1 no")), 1, "STARTTLS_REJECTED"),
                // A handshake cut off by the deadline is a timeout, not a TLS failure: WARNING, as any timeout
                // after the server took the session.
                smtp("STARTTLS accepted then silence", untilStartTls().reply("220 go ahead")
                        .stall(Duration.ofSeconds(30)), 1, "SMTP_TIMEOUT", "TLS handshake: overall deadline reached"),
                smtp("STARTTLS accepted then garbage", untilStartTls().reply("220 go ahead")
                        .send("\u0016\u0003\u0003\u0000\u0005hello").stall(Duration.ofSeconds(30)), 2,
                        "TLS_HANDSHAKE_FAILED", "TLS handshake"),
                smtp("client certificate demanded", untilStartTls().reply("220 go ahead")
                        .startTlsRequiringClientCertificate(tls), 2, "TLS_HANDSHAKE_FAILED", "TLS handshake").withTls(),
                smtp("open relay", Script.wellBehaved(new Behaviour().tls(tls)), 2, "OPEN_RELAY").withTls(),
                dns("resolver never answers", "silent.test", (s, d) -> d.behaviour(FakeDnsServer.Behaviour.SILENT), 2,
                        "DNS_TIMEOUT"),
                dns("SERVFAIL", "servfail.test", (s, d) -> d.behaviour(FakeDnsServer.Behaviour.SERVFAIL), 2,
                        "DNS_SERVFAIL"),
                dns("truncated UDP, TCP retry", "tc.test", (s, d) -> {
                    d.truncateUdp(true).zone("tc.test. MX 10 mx.tc.test.\nmx.tc.test. A 127.0.0.1\n");
                    s.enqueue(Script.wellBehaved(new Behaviour().tls(tls).closedRelayTakingPostmaster()));
                    // The test CA is not trusted, but opportunistic senders deliver anyway: WARNING, not CRITICAL.
                }, 1, "CERT_UNTRUSTED").withTls(),
                dns("CNAME loop", "loop.test", (s, d) -> d.zone("loop.test. MX 10 a.loop.test.\n"
                        + "a.loop.test. CNAME b.loop.test.\nb.loop.test. CNAME a.loop.test.\n"), 2,
                        "MX_HOST_NO_ADDRESS"),
                dns("MX host without addresses", "noaddr.test", (s, d) -> d.zone("noaddr.test. MX 10 mx.noaddr.test.\n"
                        + "mx.noaddr.test. TXT \"nothing\"\n"), 2, "MX_HOST_NO_ADDRESS"),
                dns("50 MX hosts that all stall", "many.test", (s, d) -> {
                    d.zone(many.toString());
                    for (int i = 0; i < 50; i++) {
                        s.enqueue(Script.script().stall(Duration.ofSeconds(30)));
                    }
                }, 2, "SMTP_TIMEOUT"),
                dns("IPv6 refused beside working IPv4", "dual.test", (s, d) -> {
                    d.zone("dual.test. MX 10 mx.dual.test.\nmx.dual.test. A 127.0.0.1\nmx.dual.test. AAAA ::1\n");
                    s.enqueue(Script.wellBehaved(new Behaviour().closedRelayTakingPostmaster()));
                }, 1, "MX_UNREACHABLE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void endsWithinTheTimeoutWithAStateAndAReason(Scenario scenario) throws Exception {
        scenario.setup().accept(smtp, dns);
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        cmd.addAll(scenario.target());
        cmd.addAll(List.of("-p", Integer.toString(smtp.port()), "-s", "127.0.0.1:" + dnsPort(), "-t",
                Integer.toString(scenario.timeoutSeconds()), "-e", "probe.test.example", "-C", caFile().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));

        long start = System.nanoTime();
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = p.waitFor(scenario.timeoutSeconds() + 30, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(ended).as("the process ended").isTrue();
        assertThat(millis).as("wall time in ms; output:%n%s", out)
                .isLessThanOrEqualTo(scenario.timeoutSeconds() * 1000L + MARGIN.toMillis());
        assertThat(p.exitValue()).as(out).isBetween(0, 3).isEqualTo(scenario.exitCode());
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).isNotEmpty();
        assertThat(lines.get(0)).matches(STATUS_LINE);
        for (String text : scenario.expected()) {
            assertThat(out).contains(text);
        }
        assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out.length()).as("output is bounded").isLessThan(64 * 1024);
    }

    private int dnsPort() {
        String address = dns.address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static Path caFile;

    /** A PEM file with an unrelated CA, so that -C is exercised and the fake's chain stays untrusted. */
    private static synchronized Path caFile() throws IOException {
        if (caFile == null) {
            caFile = java.nio.file.Files.createTempFile("wall-time-ca", ".pem");
            caFile.toFile().deleteOnExit();
            java.nio.file.Files.writeString(caFile, TestCertificates.pem(TestCertificates.ca("Unrelated CA").certificate()));
        }
        return caFile;
    }

    private static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"));
                Socket c = new Socket(InetAddress.getByName("::1"), s.getLocalPort())) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
