package dev.smtpmxcheck.core.dnsbl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The query names of RFC 5782 §2.1 (IPv4) and §2.4 (IPv6), with the RFC's own examples. */
class DnsblQueryTest {

    @ParameterizedTest(name = "{0} under {1} is {2}")
    @CsvSource({
        // RFC 5782 §2.1
        "192.168.42.23, dnsbl.example.net, 23.42.168.192.dnsbl.example.net",
        "127.0.0.11, bl.test, 11.0.0.127.bl.test",
        "192.0.2.99, Zen.Spamhaus.Org., 99.2.0.192.zen.spamhaus.org",
        // RFC 5782 §2.4
        "2001:db8:1:2:3:4:567:89ab, ugly.example.com,"
                + " b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.ugly.example.com",
        "::1, bl.test, 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.bl.test",
    })
    void reversesOctetsOrNibbles(String address, String zone, String expected) {
        assertThat(DnsblQuery.name(DnsblLookupTest.ip(address), zone)).isEqualTo(expected);
    }

    @Test
    void anEmptyZoneIsAProgrammingError() {
        assertThatThrownBy(() -> DnsblQuery.name(DnsblLookupTest.ip("192.0.2.1"), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
