package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Bad input from the user, through the whole plugin with the real core: every case ends UNKNOWN (exit 3) with one
 * status line naming the problem and the usage line, no stack trace, and before any connection: the fake SMTP
 * server on the {@code -p} port records no connection and the fake resolver given with {@code -s} no query.
 */
class BadInputTest {
    private FakeSmtpServer smtp;
    private DnsSentinel dns;

    @BeforeEach
    void start() throws IOException {
        smtp = new FakeSmtpServer();
        dns = new DnsSentinel();
    }

    @AfterEach
    void stop() throws IOException {
        smtp.close();
        dns.close();
        smtp.assertNoDataSent();
    }

    /** The plugin's output and exit code. */
    private record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Runs the plugin with {@code args}, pointed at the fakes, with -t 3 and an EHLO name unless the case gives them. */
    private Run run(String... args) {
        // A single-valued option may be given once: the defaults only for what the case does not give.
        List<String> all = new ArrayList<>(List.of("-s", dns.address()));
        if (!gives(args, "-p", "--port")) {
            all.addAll(List.of("-p", Integer.toString(smtp.port())));
        }
        if (!gives(args, "-t", "--timeout")) {
            all.addAll(List.of("-t", "3"));
        }
        if (!gives(args, "-e", "--ehlo")) {
            all.addAll(List.of("-e", "probe.test.example"));
        }
        all.addAll(Arrays.asList(args));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int rc = new CheckSmtpMx().run(all.toArray(String[]::new), out);
        return new Run(rc, bytes.toString(StandardCharsets.UTF_8));
    }

    private static boolean gives(String[] args, String shortOption, String longOption) {
        for (String a : args) {
            if (a.startsWith(shortOption) || a.equals(longOption) || a.startsWith(longOption + "=")) {
                return true;
            }
        }
        return false;
    }

    static Stream<Arguments> badInput() {
        String label63 = "a".repeat(63);
        String longName = String.join(".", label63, label63, label63, label63) + ".test"; // 260 octets
        return Stream.of(
                // the domain
                Arguments.of(new String[] {"-D", ""}, "empty -D/--domain"),
                Arguments.of(new String[] {"-D", " "}, "empty -D/--domain"),
                Arguments.of(new String[] {"-D", longName}, "longer than 253 octets"),
                Arguments.of(new String[] {"-D", "a".repeat(64) + ".test"}, "longer than 63 octets"),
                Arguments.of(new String[] {"-D", "exa_mple.test"}, "not a valid host name"),
                Arguments.of(new String[] {"-D", "exa!mple.test"}, "not a valid host name"),
                Arguments.of(new String[] {"-D", "exa mple.test"}, "contains white space"),
                Arguments.of(new String[] {"-D", "a..b.test"}, "empty label"),
                Arguments.of(new String[] {"-D", "."}, "is empty (the root)"),
                Arguments.of(new String[] {"-D", "-lead.test"}, "starts with a hyphen"),
                Arguments.of(new String[] {"-D", "xn--a.test"}, "not valid Punycode"),
                Arguments.of(new String[] {"-D", "postmaster@example.test"}, "looks like an e-mail address"),
                Arguments.of(new String[] {"-D", "192.0.2.1"}, "domain '192.0.2.1' is an IP address, not a domain name;"
                        + " use -H 192.0.2.1 to check a single host by address"),
                Arguments.of(new String[] {"-D", "[192.0.2.1]"}, "is an IP address, not a domain name;"
                        + " use -H [192.0.2.1] to check"),
                Arguments.of(new String[] {"-D", "2001:db8::1"}, "is an IP address, not a domain name;"
                        + " use -H 2001:db8::1 to check"),
                Arguments.of(new String[] {"-D", "example.test\r\nDATA"}, "control characters"),
                Arguments.of(new String[] {"-D", "example.test\n"}, "control characters"),
                Arguments.of(new String[] {"-D", "exa\0mple.test"}, "control characters"),
                Arguments.of(new String[] {"-D", "example.test\u2028"}, "white space"),
                // the host
                Arguments.of(new String[] {"-H", ""}, "empty -H/--hostname"),
                Arguments.of(new String[] {"-H", "mx.test\r\nQUIT"}, "control characters"),
                Arguments.of(new String[] {"-H", "[not-an-address]"}, "is in brackets but is not an IP address"),
                Arguments.of(new String[] {"-H", "192.0.2.999"}, "its last label is all digits"),
                Arguments.of(new String[] {"-H", "postmaster@mx.test"}, "looks like an e-mail address"),
                // the EHLO name and the relay-probe addresses: nothing that ends or adds a command line
                Arguments.of(new String[] {"-D", "example.test", "-e", "probe\r\nDATA"}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "-e", "probe\0"}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "-e", "probe example"}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "-e", "<probe>"}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "-e", ""}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "-e", "pröbe.test"}, "invalid -e/--ehlo"),
                Arguments.of(new String[] {"-D", "example.test", "--relay-from", "a@b.test\r\nDATA"},
                        "invalid --relay-from"),
                Arguments.of(new String[] {"-D", "example.test", "--relay-to", "a@b.test>\r\nRCPT TO:<c@d.test"},
                        "invalid --relay-to"),
                Arguments.of(new String[] {"-D", "example.test", "--relay-to", "<a@b.test>"}, "invalid --relay-to"),
                Arguments.of(new String[] {"-D", "example.test", "--relay-to", "a@b.test\0"}, "invalid --relay-to"),
                Arguments.of(new String[] {"-D", "example.test", "--relay-from", "a b@c.test"}, "invalid --relay-from"),
                // option values
                Arguments.of(new String[] {"-D", "example.test", "-t", "-1"}, "-t/--timeout"),
                Arguments.of(new String[] {"-D", "example.test", "-t", "0"}, "invalid -t/--timeout '0'"),
                Arguments.of(new String[] {"-D", "example.test", "-t", "abc"}, "invalid -t/--timeout 'abc'"),
                Arguments.of(new String[] {"-D", "example.test", "-t", "5:MAYBE"}, "the state after ':'"),
                Arguments.of(new String[] {"-D", "example.test", "-t", "1e9"}, "invalid -t/--timeout"),
                Arguments.of(new String[] {"-D", "example.test", "-t", "NaN"}, "invalid -t/--timeout"),
                Arguments.of(new String[] {"-D", "example.test", "-p", "0"}, "invalid -p/--port '0'"),
                Arguments.of(new String[] {"-D", "example.test", "-p", "65536"}, "invalid -p/--port '65536'"),
                Arguments.of(new String[] {"-D", "example.test", "-p", "-25"}, "-p/--port"),
                Arguments.of(new String[] {"-D", "example.test", "-w", "5", "-c", "10"},
                        "must be at least the critical days"),
                Arguments.of(new String[] {"-D", "example.test", "-w", "-3"}, "-w/--warning"),
                Arguments.of(new String[] {"-D", "example.test", "-c", "1.5"}, "invalid -c/--critical '1.5'"),
                Arguments.of(new String[] {"-D", "example.test", "--warning-time", "5:1"}, "--warning-time: invalid range"),
                Arguments.of(new String[] {"-D", "example.test", "--critical-time", "@"}, "--critical-time: invalid range"),
                Arguments.of(new String[] {"-D", "example.test", "--critical-time", "1:2:3"},
                        "--critical-time: invalid range"),
                // found by ReportParsersFuzzTest#range (seed line-feed-in-invalid-range): the message kept the raw LF
                Arguments.of(new String[] {"-D", "example.test", "--warning-time", "1\n2"},
                        "--warning-time: invalid range '1\\x0A2': expected"),
                Arguments.of(new String[] {"-D", "example.test", "--critical-time", "~:~"},
                        "--critical-time: invalid range"),
                Arguments.of(new String[] {"-D", "example.test", "-s", "127.0.0.1:0"}, "invalid -s/--dns-server"),
                Arguments.of(new String[] {"-D", "example.test", "-s", "bad\r\nhost"}, "invalid -s/--dns-server"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badInput")
    void badInputIsUnknownWithOneClearLineAndNoConnection(String[] args, String message) {
        Run run = run(args);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.lines()).as(run.output()).hasSize(2);
        assertThat(run.lines().get(0)).startsWith("SMTP MX UNKNOWN - ").contains(message)
                .doesNotContain("Exception").doesNotContain("internal error");
        assertThat(run.lines().get(1)).isEqualTo(PluginArguments.USAGE);
        assertThat(run.output()).doesNotContain("\tat ").doesNotContain("\r").doesNotContain("\0");
        assertThat(smtp.connectionCount()).as("SMTP connections").isZero();
        assertThat(dns.questions()).as("DNS queries").isEmpty();
    }

    static Stream<Arguments> acceptedSpellings() {
        return Stream.of(
                Arguments.of("EXAMPLE.Test", "example.test."),
                Arguments.of("example.test.", "example.test."),
                Arguments.of("bücher.test", "xn--bcher-kva.test."),
                Arguments.of("BÜCHER.test.", "xn--bcher-kva.test."),
                Arguments.of("xn--bcher-kva.test", "xn--bcher-kva.test."),
                Arguments.of("straße.test", "xn--strae-oqa.test."),
                // UTS #46 maps default-ignorable characters such as U+200B ZERO WIDTH SPACE to nothing, as browsers
                // and mail clients do: the name asked is the visible one, and nothing invisible reaches the wire.
                Arguments.of("example.test\u200b", "example.test."));
    }

    @ParameterizedTest(name = "{0} is asked as {1}")
    @MethodSource("acceptedSpellings")
    void validSpellingsOfADomainAreAskedInALabelForm(String typed, String asked) {
        Run run = run("-D", typed);

        // The sentinel answers SERVFAIL: a DNS failure, CRITICAL, after one question in A-label form.
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(dns.questions()).first().isEqualTo(asked + "/MX");
        assertThat(smtp.connectionCount()).isZero();
    }

    @Test
    void anIpLiteralHostIsProbedWithoutResolvingAName() {
        Run run = run("-H", "[127.0.0.1]");

        // The fake has no script: it closes every connection at once.
        assertThat(run.exitCode()).as(run.output()).isBetween(1, 2);
        assertThat(smtp.connectionCount()).isEqualTo(1);
        // No name is resolved; only a reverse (PTR) lookup of the address may be asked, where that check runs.
        assertThat(dns.questions()).allMatch(q -> q.endsWith(".in-addr.arpa./PTR"));
    }

    /** A resolver stand-in on 127.0.0.1 that records each question and answers SERVFAIL. */
    private static final class DnsSentinel implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        private final List<String> questions = new CopyOnWriteArrayList<>();
        private final Thread thread = new Thread(this::serve, "dns-sentinel");

        DnsSentinel() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        List<String> questions() {
            return List.copyOf(questions);
        }

        private void serve() {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                    questions.add(query.getQuestion().getName() + "/"
                            + org.xbill.DNS.Type.string(query.getQuestion().getType()));
                    Message answer = new Message(query.getHeader().getID());
                    answer.getHeader().setFlag(Flags.QR);
                    answer.getHeader().setRcode(Rcode.SERVFAIL);
                    answer.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
                    byte[] wire = answer.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                } catch (IOException e) {
                    // closed, or a malformed packet: go on until closed
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
