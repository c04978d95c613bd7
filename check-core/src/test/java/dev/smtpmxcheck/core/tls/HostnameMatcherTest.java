package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # reference              | presented DNS-ID            | matches
            mx.example.com           | mx.example.com              | true
            mx.example.com           | MX.Example.COM              | true
            MX.EXAMPLE.COM           | mx.example.com              | true
            mx.example.com.          | mx.example.com              | true
            mx.example.com           | mx.example.com.             | true
            mx.example.com           | mx2.example.com             | false
            mx.example.com           | example.com                 | false
            mx.example.com           | mx.example.com.evil.test    | false
            mx.example.com           | x.mx.example.com            | false
            # wildcard: only the complete left-most label, exactly one label
            mx.example.com           | *.example.com               | true
            MX.example.com           | *.EXAMPLE.com               | true
            mx.example.com.          | *.example.com.              | true
            a.b.example.com          | *.example.com               | false
            example.com              | *.example.com               | false
            .example.com             | *.example.com               | false
            mx.example.com           | *.*.com                     | false
            mx.example.com           | *.mx.example.com            | false
            # partial and misplaced wildcards never match
            mx.example.com           | m*.example.com              | false
            mx.example.com           | *x.example.com              | false
            mx.example.com           | mx*.example.com             | false
            mx.example.com           | mx.*.com                    | false
            mx.example.com           | mx.example.*                | false
            mx.example.com           | *                           | false
            # a wildcard needs two labels after it: no *.com, no *.
            example.com              | *.com                       | false
            mx.com                   | *.com                       | false
            com                      | *.                          | false
            # a literal * in the reference is never matched
            *.example.com            | *.example.com               | false
            # IDN: A-labels compare as ASCII; U-labels never match
            xn--bcher-kva.example    | xn--bcher-kva.example       | true
            xn--bcher-kva.example    | XN--BCHER-KVA.example       | true
            mx.xn--bcher-kva.example | *.xn--bcher-kva.example     | true
            xn--bcher-kva.example    | bücher.example              | false
            bücher.example           | bücher.example              | false
            bücher.example           | xn--bcher-kva.example       | false
            # malformed
            mx.example.com           | mx..example.com             | false
            mx..example.com          | mx..example.com             | false
            mx.example.com           | ''                          | false
            mx.example.com           | 'mx.example.com '           | false
            """)
    void matchesOneDnsId(String reference, String presented, boolean expected) {
        // Given a reference identifier and one presented DNS-ID

        // When
        boolean matches = HostnameMatcher.matchesDnsId(reference, presented);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} vs SAN [{1}] IP [{2}] CN {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # reference         | dNSNames (;)                   | iPAddresses (;)   | CN                | matches
            mx.example.com      | mx.example.com                 | -                 | -                 | true
            mx.example.com      | other.example.net;mx.example.com | -               | -                 | true
            mx.example.com      | other.example.net;*.example.net | -                | -                 | false
            # the CN is consulted only without any dNSName
            mx.example.com      | -                              | -                 | mx.example.com    | true
            mx.example.com      | -                              | -                 | MX.example.com.   | true
            mx.example.com      | -                              | -                 | *.example.com     | true
            mx.example.com      | other.example.net              | -                 | mx.example.com    | false
            mx.example.com      | -                              | 192.0.2.1         | mx.example.com    | true
            mx.example.com      | -                              | -                 | Example Mail Ltd  | false
            mx.example.com      | -                              | -                 | -                 | false
            # an IP literal reference matches only an iPAddress SAN
            192.0.2.1           | 192.0.2.1                      | -                 | 192.0.2.1         | false
            192.0.2.1           | -                              | 192.0.2.1         | -                 | true
            192.0.2.1           | *.0.2.1                        | -                 | -                 | false
            192.0.2.1           | -                              | 192.0.2.2         | -                 | false
            2001:db8::1         | -                              | 2001:db8:0:0:0:0:0:1 | -              | true
            [2001:DB8::1]       | -                              | 2001:db8::1       | -                 | true
            ''                  | mx.example.com                 | -                 | -                 | false
            """)
    void matchesCertificateNames(String reference, String dnsNames, String ipAddresses, String cn, boolean expected) {
        // Given the names read from a leaf certificate

        // When
        boolean matches = HostnameMatcher.matches(reference, list(dnsNames), list(ipAddresses), cn);

        // Then
        assertThat(matches).isEqualTo(expected);
    }

    private static List<String> list(String semicolonSeparated) {
        return semicolonSeparated == null ? List.of() : Arrays.asList(semicolonSeparated.split(";"));
    }
}
