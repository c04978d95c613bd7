package dev.smtpmxcheck.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.dns.DnsjavaResolver;
import dev.smtpmxcheck.core.dns.FakeDnsServer;
import dev.smtpmxcheck.core.report.DnsblFacts;
import dev.smtpmxcheck.core.report.DnsblResult;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DnsblLookup} through dnsjava against {@link FakeDnsServer} on 127.0.0.1. */
class DnsblLookupTest {
    private FakeDnsServer dns;

    @BeforeEach
    void start() throws IOException {
        dns = FakeDnsServer.start();
        dns.zone("""
                7.2.0.192.listed.test. A 127.0.0.2
                7.2.0.192.listed.test. TXT "Listed: see https://listed.test/q?192.0.2.7"
                7.2.0.192.refused.test. A 127.255.255.254
                7.2.0.192.rewritten.test. A 192.0.2.80
                """);
        dns.behaviour("7.2.0.192.silent.test", FakeDnsServer.Behaviour.SILENT);
        dns.behaviour("7.2.0.192.silent2.test", FakeDnsServer.Behaviour.SILENT);
        dns.behaviour("7.2.0.192.broken.test", FakeDnsServer.Behaviour.SERVFAIL);
    }

    @AfterEach
    void stop() throws IOException {
        dns.close();
    }

    @Test
    void everyListGetsItsOwnResultInOrder() {
        DnsblLookup lookup = lookup(Duration.ofMillis(400), "listed.test", "clean.test", "refused.test",
                "rewritten.test", "silent.test", "broken.test");

        DnsblFacts facts = lookup.start(DnsblLookupTest.ip("192.0.2.7")).finish(Deadline.after(Duration.ofSeconds(3)));

        assertThat(facts.results()).hasSize(6);
        assertThat(facts.results().get(0)).isEqualTo(new DnsblResult.Listed("listed.test", "7.2.0.192.listed.test",
                List.of("127.0.0.2"), List.of("listed"), "Listed: see https://listed.test/q?192.0.2.7"));
        assertThat(facts.results().get(1)).isEqualTo(new DnsblResult.NotListed("clean.test", "7.2.0.192.clean.test"));
        assertThat(why(facts, 2)).isEqualTo(DnsblResult.Why.REFUSED_BY_LIST);
        assertThat(why(facts, 3)).isEqualTo(DnsblResult.Why.NOT_A_LISTING);
        assertThat(why(facts, 4)).isEqualTo(DnsblResult.Why.TIMEOUT);
        assertThat(why(facts, 5)).isEqualTo(DnsblResult.Why.DNS_ERROR);
        assertThat(facts.listings()).isEqualTo(1);
        assertThat(dns.questions()).noneMatch(q -> q.contains("TXT") && !q.contains("listed.test"));
    }

    @Test
    void silentListsAreWaitedForInParallelAndOnlyUntilTheDeadline() {
        // Given two lists that never answer and a resolver that would wait 5 s for each
        DnsblLookup lookup = lookup(Duration.ofSeconds(5), "silent.test", "silent2.test");
        long start = System.nanoTime();

        // When the lookups may take 600 ms in all
        DnsblFacts facts = lookup.start(DnsblLookupTest.ip("192.0.2.7")).finish(Deadline.after(Duration.ofMillis(600)));

        // Then both are timeouts, found together within the deadline
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(why(facts, 0)).isEqualTo(DnsblResult.Why.TIMEOUT);
        assertThat(why(facts, 1)).isEqualTo(DnsblResult.Why.TIMEOUT);
        assertThat(millis).isBetween(550L, 1500L);
    }

    private DnsblLookup lookup(Duration queryTimeout, String... zones) {
        return new DnsblLookup(DnsjavaResolver.newResolver(List.of(dns.address()), queryTimeout), List.of(zones));
    }

    private static DnsblResult.Why why(DnsblFacts facts, int i) {
        assertThat(facts.results().get(i)).isInstanceOf(DnsblResult.Unchecked.class);
        return ((DnsblResult.Unchecked) facts.results().get(i)).why();
    }

    /** An IP literal as an address; no DNS query is made for a literal. */
    static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
