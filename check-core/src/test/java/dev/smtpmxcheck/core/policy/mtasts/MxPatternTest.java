package dev.smtpmxcheck.core.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8461 §4.1: MX host matching, the wildcard standing for exactly one left-most label. */
class MxPatternTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "mail.example.com, mail.example.com, true",
        "mail.example.com, MAIL.Example.COM., true",
        "mail.example.com, mail2.example.com, false",
        "mail.example.com, example.com, false",
        "*.example.com, mail.example.com, true",
        "*.example.com, MX1.EXAMPLE.COM., true",
        "*.example.com, example.com, false",
        "*.example.com, foo.bar.example.com, false",
        "*.example.com, mail.example.net, false",
        "*.example.com, mailexample.com, false"
    })
    void matching(String pattern, String host, boolean expected) {
        assertThat(new MxPattern(pattern).matches(host)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "not a pattern: [{0}]")
    @ValueSource(strings = {"", "*", "*.", "mx*.example.com", "*.*.example.com", "a.*.example.com", "*example.com",
        "mx..example.com", "-mx.example.com", "mx_1.example.com", "mx example.com", ".example.com", "mail.example.com."})
    void invalidPatterns(String pattern) {
        assertThat(MxPattern.valid(pattern)).isFalse();
        assertThatThrownBy(() -> new MxPattern(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
