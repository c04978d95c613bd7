package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.FakeDnsServer;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.testing.FakeSmtpServer;
import dev.smtpmxcheck.core.testing.NativeThreads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A real check (dnsjava against a DNS server on 127.0.0.1, a probe against an SMTP server on 127.0.0.1) leaves a
 * thread in native code behind, and {@link CheckRuntime#release()} ends it: after the release no thread that the
 * check started is left in native code, where it would hold up HotSpot's exit.
 */
class CheckRuntimeTest {

    private static CheckOptions options(FakeDnsServer dns, FakeSmtpServer smtp) {
        return CheckOptions.defaults().withPort(smtp.port()).withDnsServers(List.of(dns.address()))
                .withEhloName("client.example.test").withTimeout(Duration.ofSeconds(10))
                .withRelayProbe(false, null, null)
                .withDane(new DaneOptions(false, null, false))
                .withDiagnostics(new CheckOptions.DiagnosticOptions(false, false));
    }

    @Test
    void afterReleaseNoThreadOfTheCheckIsLeftInNativeCode() throws Exception {
        CheckRuntime.release();  // no selector of an earlier test: this one sees the check's own
        try (FakeDnsServer dns = FakeDnsServer.start().zone("mx.example.test. 60 IN A 127.0.0.1");
                FakeSmtpServer smtp = new FakeSmtpServer()) {
            smtp.enqueue(FakeSmtpServer.Script.wellBehaved());
            Set<Thread> before = NativeThreads.snapshot();  // the servers' own threads wait in accept and receive

            CheckReport report = MailCheck.checkHost("mx.example.test", options(dns, smtp));

            assertThat(smtp.connectionCount()).as(report.summary()).isEqualTo(1);
            // what the release is for: dnsjava's selector thread outlives the check, in epoll_wait
            assertThat(NativeThreads.named(CheckRuntime.DNS_SELECTOR_THREAD)).isNotEmpty();

            CheckRuntime.release();

            assertThat(NativeThreads.named(CheckRuntime.DNS_SELECTOR_THREAD)).isEmpty();
            assertThat(NativeThreads.startedSinceAndInNative(before)).isEmpty();
        }
    }

    @Test
    void aCheckAfterTheReleaseStillResolves() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.start().zone("mx.example.test. 60 IN A 127.0.0.1");
                FakeSmtpServer smtp = new FakeSmtpServer()) {
            smtp.enqueue(FakeSmtpServer.Script.wellBehaved());
            smtp.enqueue(FakeSmtpServer.Script.wellBehaved());
            MailCheck.checkHost("mx.example.test", options(dns, smtp));
            CheckRuntime.release();

            CheckReport again = MailCheck.checkHost("mx.example.test", options(dns, smtp));

            assertThat(again.state()).as(again.summary()).isNotEqualTo(State.UNKNOWN);
            assertThat(smtp.connectionCount()).as(again.summary()).isEqualTo(2);
            CheckRuntime.release();
        }
    }
}
