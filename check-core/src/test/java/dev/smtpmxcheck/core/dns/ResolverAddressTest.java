package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolverAddressTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,              127.0.0.1,       53",
        "127.0.0.1:5353,         127.0.0.1,       5353",
        "ns.example.net,         ns.example.net,  53",
        "ns.example.net:53,      ns.example.net,  53",
        "::1,                    ::1,             53",
        "2001:db8::53,           2001:db8::53,    53",
        "[::1],                  ::1,             53",
        "[2001:db8::53]:5353,    2001:db8::53,    5353",
        "localhost:65535,        localhost,       65535"
    })
    void parsesHostPortIpv6AndBracketedIpv6(String text, String host, int port) {
        assertThat(ResolverAddress.parse(text)).isEqualTo(new ResolverAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "127.0.0.1:65536", "1.2.3.4:99999", "127.0.0.1:dns", "[::1", "[::1]53",
        "[::1]:", "bad host", "bad\r\nhost", "-ns.example", "host:", ":53"})
    void refusesAnythingElseWithOneLine(String text) {
        assertThatThrownBy(() -> ResolverAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid resolver address ")
                .hasMessageEndingWith(": expected host, host:port, IPv6 or [IPv6]:port")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\r");
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void refusesAnEmptyAddress(String text) {
        assertThatThrownBy(() -> ResolverAddress.parse(text)).hasMessage("empty resolver address");
        assertThatThrownBy(() -> ResolverAddress.parse(null)).hasMessage("empty resolver address");
    }
}
