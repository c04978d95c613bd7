package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.FakeDnsServer;
import dev.smtpmxcheck.core.testing.NativeThreads;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;

class LocalHostNameTest {

    private static final LocalHostName.DnsLookup NO_DNS = name -> {
        throw new AssertionError("DNS asked for " + name);
    };

    @Test
    void aDottedKernelNameIsTheNameWithoutLookingFurther() {
        assertThat(LocalHostName.find("monitor.example.org", List.of(), NO_DNS)).isEqualTo("monitor.example.org");
    }

    @Test
    void aShortNameTakesTheFirstNameOfItsHostsLine() {
        List<String> hosts = List.of(
                "127.0.0.1\tlocalhost",
                "# 192.0.2.9 monitor.wrong.example monitor",
                "192.0.2.7   Monitor.Example.ORG monitor   # the monitoring host",
                "192.0.2.8   other.example.org monitor");

        assertThat(LocalHostName.find("MONITOR", hosts, NO_DNS)).isEqualTo("Monitor.Example.ORG");
        assertThat(LocalHostName.fromHostsFile("absent", hosts)).isNull();
        assertThat(LocalHostName.fromHostsFile("localhost", hosts)).isEqualTo("localhost");
    }

    @Test
    void aShortNameOutsideTheHostsFileIsAskedOfDnsWithTheSearchList() throws Exception {
        try (FakeDnsServer dns = FakeDnsServer.start().zone("""
                monitor.corp.example.test. A 192.0.2.7
                """)) {
            SimpleResolver resolver = resolver(dns);
            List<String> asked = new ArrayList<>();
            LocalHostName.DnsLookup viaDns = LocalHostName.viaDns(resolver,
                    List.of(Name.fromString("lab.example.test."), Name.fromString("corp.example.test.")));

            String found = LocalHostName.find("monitor", List.of("127.0.0.1 localhost"), name -> {
                asked.add(name);
                return viaDns.canonicalName(name);
            });

            assertThat(asked).containsExactly("monitor");
            assertThat(found).isEqualTo("monitor.corp.example.test");
            assertThat(viaDns.canonicalName("nowhere")).isNull();
        }
    }

    @Test
    void noNameGivesNull() {
        assertThat(LocalHostName.find(" ", List.of(), NO_DNS)).isNull();
        assertThat(LocalHostName.find(null, List.of(), NO_DNS)).isNull();
    }

    @Test
    void aLookupGivenUpOnEndsItsThreadAndLeavesNothingInNativeCode() throws Exception {
        CheckRuntime.release();
        try (FakeDnsServer dns = FakeDnsServer.start().behaviour(FakeDnsServer.Behaviour.SILENT)) {
            SimpleResolver resolver = resolver(dns);
            resolver.setTimeout(Duration.ofSeconds(30));
            LocalHostName.DnsLookup viaDns = LocalHostName.viaDns(resolver, List.of(Name.fromString("example.test.")));
            Set<Thread> before = NativeThreads.snapshot();

            String ehlo = EhloName.ofThisHost(() -> LocalHostName.find("monitor", List.of(), viaDns));

            assertThat(ehlo).isEqualTo(EhloName.LOCALHOST);  // given up after the wait: the server never answers
            // The lookup waits in Java, not in the C library: the wait's cancel interrupts it, and it ends.
            long end = System.nanoTime() + NativeThreads.SETTLE_MILLIS * 1_000_000;
            while (!NativeThreads.named("smtp-mx-check-hostname").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(NativeThreads.named("smtp-mx-check-hostname")).isEmpty();
            // dnsjava's selector stays in epoll_wait until the release, as after any check.
            CheckRuntime.release();
            assertThat(NativeThreads.startedSinceAndInNative(before)).isEmpty();
        }
    }

    private static SimpleResolver resolver(FakeDnsServer dns) throws Exception {
        String[] hostPort = dns.address().split(":");
        return new SimpleResolver(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    }
}
