package dev.smtpmxcheck.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.ReverseDns;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.testing.Reports;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.FakeTicker;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AddressDiagnosticsTest {
    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();
    private static final TlsVersionScan SCAN = new TlsVersionScan(List.of(), null, null, "refused");

    @Test
    void theScanRunsOnlyWhereStartTlsIsOfferedAndEndsBeforeTheProbeDeadline() {
        AtomicReference<Deadline> scanDeadline = new AtomicReference<>();
        AddressDiagnostics diagnostics = new AddressDiagnostics((name, address, deadline) -> {
            scanDeadline.set(deadline);
            return SCAN;
        }, null);
        FakeTicker ticker = new FakeTicker();
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);
        AddressReport offering = Reports.accepting("127.0.0.1");
        AddressReport plain = AddressReport.builder("127.0.0.1", 25).connected(3).greeting(offering.greeting())
                .ehlo(Ehlo.ehlo(offering.ehlo().seen().orElseThrow().reply(), List.of())).totalMillis(20).build();

        AddressReport scanned = diagnostics.run("mx.example.test", ADDRESS, deadline, () -> offering);
        AddressReport notScanned = new AddressDiagnostics((n, a, d) -> {
            throw new AssertionError("scanned without STARTTLS");
        }, null).run("mx.example.test", ADDRESS, deadline, () -> plain);

        assertThat(scanned.tlsVersions().seen().orElse(null)).isSameAs(SCAN);
        assertThat(scanDeadline.get().remaining())
                .isEqualTo(Duration.ofSeconds(10).minusMillis(TimeBudget.DIAGNOSTICS_RESERVE_MILLIS));
        assertThat(notScanned.tlsVersions().seen().orElse(null)).isNull();
        assertThat(scanned.reverseDns().seen().orElse(null)).isNull();
    }

    @Test
    void theReverseLookupRunsWhileTheProbeRuns() {
        AtomicReference<Thread> lookupThread = new AtomicReference<>();
        AddressDiagnostics diagnostics = new AddressDiagnostics(null, address -> {
            lookupThread.set(Thread.currentThread());
            return new ReverseDns(List.of("mx.example.test"), List.of("mx.example.test"), null);
        });

        AddressReport report = diagnostics.run("mx.example.test", ADDRESS, Deadline.after(Duration.ofSeconds(10)),
                () -> Reports.accepting("127.0.0.1"));

        assertThat(report.reverseDns().seen().orElseThrow().confirmedNames()).containsExactly("mx.example.test");
        assertThat(lookupThread.get()).isNotSameAs(Thread.currentThread());
        assertThat(report.tlsVersions().seen().orElse(null)).isNull();
    }

    @Test
    void aReverseLookupThatOutlastsTheDeadlineIsReportedAsATimeout() {
        AddressDiagnostics diagnostics = new AddressDiagnostics(null, address -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ReverseDns(List.of("late.example.test"), List.of(), null);
        });

        AddressReport report = diagnostics.run("mx.example.test", ADDRESS,
                Deadline.after(Duration.ofMillis(TimeBudget.DIAGNOSTICS_RESERVE_MILLIS + 200)),
                () -> Reports.accepting("127.0.0.1"));

        assertThat(report.reverseDns().seen().orElseThrow().problem()).startsWith("timeout");
        assertThat(report.reverseDns().seen().orElseThrow().ptrNames()).isEmpty();
    }

    /**
     * A load balancer's pair behind one address, as a fake server whose connections alternate between a node that
     * offers STARTTLS (and refuses it) and one that does not, each greeting with its own name: --probes 4 sees both.
     */
    @Test
    void sessionsToAnAlternatingServerDisagreeAndTheExtraOnesSkipTheRelayProbe() throws Exception {
        try (dev.smtpmxcheck.core.testing.FakeSmtpServer server = new dev.smtpmxcheck.core.testing.FakeSmtpServer()) {
            for (int i = 0; i < 2; i++) {
                server.enqueue(dev.smtpmxcheck.core.testing.FakeSmtpServer.Script.script()
                        .reply("220 node-a.example.test ESMTP").expect("EHLO")
                        .reply("250-node-a.example.test").reply("250 STARTTLS")
                        .expect("STARTTLS").reply("454 4.7.0 TLS not available").expect("QUIT").reply("221 bye"));
                server.enqueue(dev.smtpmxcheck.core.testing.FakeSmtpServer.Script.script()
                        .reply("220 node-b.example.test ESMTP").expect("EHLO")
                        .reply("250 node-b.example.test").expect("QUIT").reply("221 bye"));
            }
            dev.smtpmxcheck.core.smtp.SmtpProbe probe = new dev.smtpmxcheck.core.smtp.SmtpProbe(
                    new dev.smtpmxcheck.core.smtp.ProbeSettings(server.port(), Duration.ofSeconds(3),
                            "probe.test.example", false, null, null),
                    (protocol, suite, millis, name, chain) -> {
                        throw new AssertionError("no handshake expected");
                    });
            AddressDiagnostics diagnostics = new AddressDiagnostics(null, null, null, probe::probe, 4);
            Deadline deadline = Deadline.after(Duration.ofSeconds(20));

            AddressReport report = diagnostics.run("mx.example.test", server.address(), deadline,
                    () -> probe.probe("mx.example.test", server.address(), deadline));

            List<dev.smtpmxcheck.core.report.SessionSample> samples = report.sessions().seen().orElseThrow();
            assertThat(samples).extracting(dev.smtpmxcheck.core.report.SessionSample::greetingHost)
                    .containsExactly("node-a.example.test", "node-b.example.test", "node-a.example.test",
                            "node-b.example.test");
            assertThat(server.connectionCount()).isEqualTo(4);
            assertThat(server.receivedCommands()).noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT"));
            server.assertNoDataSent();
            assertThat(AddressDiagnostics.addressFindings("mx.example.test", report))
                    .filteredOn(f -> f.code() == dev.smtpmxcheck.core.report.FindingCode.PROBES_DISAGREE)
                    .singleElement().satisfies(f -> assertThat(f.message()).isEqualTo("4 sessions answered differently:"
                            + " STARTTLS offered in 2 of 4; greeting host names node-a.example.test in 2 of 4,"
                            + " node-b.example.test in 2 of 4"));
        }
    }
}
