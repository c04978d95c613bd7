package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerfdataTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "mx_total|mx_total",
        "mx1.example.test_192.0.2.1_time_connect|'mx1.example.test_192.0.2.1_time_connect'",
        "mx'1_x|'mx''1_x'",
        "a=b|a_b",
        "a=b c|'a_b c'",
        "with space|'with space'",
        "mx.test_2001:db8::1_cert_days|'mx.test_2001:db8::1_cert_days'",
    })
    void labelsAreQuotedAndEscaped(String raw, String label) {
        assertThat(Perfdata.label(raw)).isEqualTo(label);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.000s", "12, 0.012s", "1234, 1.234s", "10000, 10.000s", "-5, -0.005s"})
    void secondsHaveThreeDecimals(long millis, String text) {
        assertThat(Perfdata.seconds(millis)).isEqualTo(text);
    }

    @Test
    void missingValueIsU() {
        assertThat(Perfdata.seconds(null)).isEqualTo("U");
    }

    @Test
    void trailingEmptyFieldsAreDropped() {
        assertThat(Perfdata.entry("a", "1", null, null, null, null)).isEqualTo("a=1");
        assertThat(Perfdata.entry("a", "1", null, null, "0", null)).isEqualTo("a=1;;;0");
        assertThat(Perfdata.entry("a", "1", Range.parse("30:"), Range.parse("7:"), null, null)).isEqualTo("a=1;30:;7:");
        assertThat(Perfdata.entry("a", "1", null, null, "0", "5")).isEqualTo("a=1;;;0;5");
    }
}
