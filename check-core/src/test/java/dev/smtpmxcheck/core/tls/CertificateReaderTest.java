package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.testing.TestCertificates;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @ParameterizedTest(name = "[{index}] notAfter = now {0} ms -> {1}")
    @CsvSource({
            "86400000, 1",
            "86399999, 0",
            "1, 0",
            "0, 0",
            "-1, -1",
            "-86400000, -1",
            "-86400001, -2",
            "2592000000, 30"})
    void countsWholeDaysLeftRoundedDown(long offsetMillis, long expected) {
        // Given a notAfter offsetMillis after the check's time

        // When
        long daysLeft = CertificateReader.daysLeft(NOW.plusMillis(offsetMillis), NOW);

        // Then
        assertThat(daysLeft).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            192.0.2.1                | 192.0.2.1
            2001:DB8:0:0:0:0:0:1     | 2001:db8::1
            [2001:db8::1]            | 2001:db8::1
            2001:db8:0:0:1:0:0:1     | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1     | 2001:db8:0:1:1:1:1:1
            0:0:0:0:0:0:0:0          | ::
            fe80:0:0:0:0:0:0:0       | fe80::
            256.0.0.1                | -
            1.2.3                    | -
            mx.example.com           | -
            g::1                     | -
            fe80::1%eth0             | -
            """)
    void parsesAndPrintsIpLiteralsWithoutDns(String text, String expected) {
        // Given a string that may be an IP literal

        // When
        byte[] address = IpLiterals.parse(text);

        // Then
        assertThat(address == null ? null : IpLiterals.format(address)).isEqualTo(expected);
    }

    @Test
    void theCommonNameIsTheLastCnOfTheSubject() {
        TestCertificates.Held ca = TestCertificates.ca("Test CA");
        TestCertificates.Held twoCns = TestCertificates.builder()
                .commonName("outer.example.test,O=Example,CN=mx1.example.test").signedBy(ca).build();
        TestCertificates.Held utf8 = TestCertificates.builder().commonName("m\u00fcller.example.test").signedBy(ca).build();

        assertThat(CertificateReader.read(twoCns.certificate(), 0, NOW).subjectCommonName()).isEqualTo("mx1.example.test");
        assertThat(CertificateReader.read(utf8.certificate(), 0, NOW).subjectCommonName()).isEqualTo("m\u00fcller.example.test");
        assertThat(CertificateReader.read(ca.certificate(), 1, NOW).subjectCommonName()).isEqualTo("Test CA");
    }
}
