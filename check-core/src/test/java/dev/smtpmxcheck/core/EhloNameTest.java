package dev.smtpmxcheck.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EhloNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"mx.example.com", "monitor.example.org.", "localhost", "[192.0.2.1]", "[IPv6:2001:db8::1]"})
    void aDomainOrAnAddressLiteralIsValid(String name) {
        assertThat(EhloName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\rb", "a\nb", "a\0b", "a\tb", "bücher.example", "bad_name!", "[192.0.2.999]",
        "-lead.example"})
    void spacesControlCharactersAndBadLiteralsAreNot(String name) {
        assertThat(EhloName.isValid(name)).isFalse();
        assertThat(EhloName.isValid(null)).isFalse();
        assertThat(EhloName.isValid("a".repeat(256))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "monitor.example.org, monitor.example.org",
        "monitor.example.org., monitor.example.org",
        "monitor, localhost",
        "127.0.1.1, localhost",
        "fe80::1, localhost",
        "null, localhost",
        "'bad name.example', localhost",
    })
    void theDefaultIsADottedCanonicalNameElseLocalhost(String canonical, String ehlo) {
        assertThat(EhloName.fromCanonicalName(canonical)).isEqualTo(ehlo);
    }

    @Test
    void aSlowLookupGivesLocalhostAfterTheWait() {
        long start = System.nanoTime();
        String name = EhloName.ofThisHost(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow.example.org";
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(name).isEqualTo("localhost");
        assertThat(took).isGreaterThanOrEqualTo(EhloName.LOOKUP_WAIT).isLessThan(EhloName.LOOKUP_WAIT.multipliedBy(3));
    }

    @Test
    void aQuickLookupIsUsedAndAFailedOneIsLocalhost() {
        assertThat(EhloName.ofThisHost(() -> "agent.example.org.")).isEqualTo("agent.example.org");
        assertThat(EhloName.ofThisHost(() -> {
            throw new IllegalStateException("no name");
        })).isEqualTo("localhost");
    }
}
