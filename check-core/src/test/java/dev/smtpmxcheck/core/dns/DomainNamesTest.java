package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

    /** What ICU's UTS #46 processing (the options of DomainNames) makes of {@code name}: the A-labels, or null on error. */
    private static String icu(String name) {
        StringBuilder out = new StringBuilder();
        com.ibm.icu.text.IDNA.Info info = new com.ibm.icu.text.IDNA.Info();
        com.ibm.icu.text.IDNA.getUTS46Instance(com.ibm.icu.text.IDNA.NONTRANSITIONAL_TO_ASCII
                | com.ibm.icu.text.IDNA.CHECK_BIDI | com.ibm.icu.text.IDNA.CHECK_CONTEXTJ
                | com.ibm.icu.text.IDNA.USE_STD3_RULES).nameToASCII(name, out, info);
        return info.hasErrors() ? null : out.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String ours(String name) {
        try {
            return DomainNames.toAscii(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Example.COM", "mx1.good.test", "a.b", "a--b.test", "ab--c.test", "xn--bcher-kva.example",
        "XN--BCHER-KVA.example", "xn--zz.test", "-a.test", "a-.test", "a_b.test", "1.2.3.com", "0.test", "a..b",
        "A23456789012345678901234567890123456789012345678901234567890123.test",
        "A234567890123456789012345678901234567890123456789012345678901234.test", "mx.example.test"})
    void plainAsciiNamesComeOutAsIcuMakesThem(String name) {
        String icu = icu(name);

        String ours = ours(name);

        if (icu == null) {
            assertThat(ours).as("ICU refuses %s", name).isNull();
        } else if (ours != null) {
            assertThat(ours).isEqualTo(icu);
        } else {
            // refused by a rule of DomainNames beyond UTS #46 (an all-numeric last label)
            assertThat(icu.substring(icu.lastIndexOf('.') + 1)).containsOnlyDigits();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.999", "192.0.2", "1.2.3.4.5", "example.123"})
    void aNameEndingInDigitsIsNeitherAnAddressNorAHost(String input) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DomainNames.hostToAscii(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither a valid IP address nor a host name");
    }


    private static final String LABEL_63 = "a".repeat(63);
    /** 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 octets. */
    private static final String NAME_253 = LABEL_63 + "." + LABEL_63 + "." + LABEL_63 + "." + "b".repeat(61);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "straße.de,                 xn--strae-oqa.de",
        "BÜCHER.example,            xn--bcher-kva.example",
        "bücher.example.,           xn--bcher-kva.example",
        "xn--bcher-kva.example,     xn--bcher-kva.example",
        "XN--BCHER-KVA.EXAMPLE,     xn--bcher-kva.example",
        "Example.COM.,              example.com",
        "example.com,               example.com",
        "mail-1.example.com,        mail-1.example.com",
        "example。com,              example.com"
    })
    void convertsToLowerCaseALabels(String input, String expected) {
        assertThat(DomainNames.toAscii(input)).isEqualTo(expected);
    }

    @Test
    void acceptsTheLongestLegalLabelAndName() {
        assertThat(DomainNames.toAscii(LABEL_63 + ".example")).isEqualTo(LABEL_63 + ".example");
        assertThat(DomainNames.toAscii(NAME_253)).isEqualTo(NAME_253);
        assertThat(DomainNames.toAscii(NAME_253 + ".")).isEqualTo(NAME_253);
    }

    static Stream<Arguments> badDomains() {
        return Stream.of(
                Arguments.of("", "is empty"),
                Arguments.of(".", "is empty"),
                Arguments.of("a..example", "empty label"),
                Arguments.of(".example.com", "empty label"),
                Arguments.of("example.com..", "empty label"),
                Arguments.of("a".repeat(64) + ".example", "longer than 63 octets"),
                Arguments.of("ü".repeat(60) + ".example", "longer than 63 octets"),
                Arguments.of(NAME_253 + "b", "longer than 253 octets"),
                Arguments.of("exa mple.com", "whitespace"),
                Arguments.of(" example.com", "whitespace"),
                Arguments.of("example.com\t", "whitespace"),
                Arguments.of("example.com\u00a0", "whitespace"),
                Arguments.of("example.com\r\nRCPT TO:<x@y>", "carriage return (CR)"),
                Arguments.of("example.com\n", "line feed (LF)"),
                Arguments.of("exa\0mple.com", "NUL"),
                Arguments.of("\u001b[31mexample.com", "control character"),
                Arguments.of("postmaster@example.com", "looks like an e-mail address; give the domain part"),
                Arguments.of("192.0.2.1", "is an IP address"),
                Arguments.of("[192.0.2.1]", "is an IP address"),
                Arguments.of("2001:db8::1", "is an IP address"),
                Arguments.of("[2001:db8::1]", "is an IP address"),
                Arguments.of("exa_mple.com", "not allowed in host names"),
                Arguments.of("example.com/path", "not allowed in host names"),
                Arguments.of("\u202eexample.com", "not allowed in host names"),
                Arguments.of("-example.com", "starts with a hyphen"),
                Arguments.of("example-.com", "ends with a hyphen"),
                Arguments.of("ab--cd.example", "positions 3 and 4"),
                Arguments.of("xn--.example", "not valid Punycode"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badDomains")
    void rejectsBadDomainsWithAOneLineMessage(String input, String reason) {
        assertThatThrownBy(() -> DomainNames.toAscii(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\0", "\u001b", "\u202e"));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DomainNames.toAscii(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("domain is missing");
    }

    @Test
    void escapesControlCharactersInMessages() {
        assertThatThrownBy(() -> DomainNames.toAscii("a\r\nb\u0000c\u001bd.com"))
                .hasMessageContaining("\"a\\r\\nb\\0c\\u001bd.com\"");
        assertThatThrownBy(() -> DomainNames.toAscii("\u202eexample.com")).hasMessageContaining("\\u202e");
    }

    @Test
    void cutsLongInputInMessages() {
        String input = "x".repeat(300) + "@example.com";

        assertThatThrownBy(() -> DomainNames.toAscii(input))
                .hasMessageContaining("...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "[192.0.2.1]", "0.0.0.0", "255.255.255.255", "2001:db8::1", "[2001:db8::1]",
        "::1", "::", "::ffff:192.0.2.1", "2001:DB8:0:0:0:0:0:1"})
    void recognisesIpLiterals(String text) {
        assertThat(DomainNames.isIpLiteral(text)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "example.com", "[example.com]", "[]",
        "2001:db8::1%eth0", "1::2::3", "2001:db8::g", "192.0.2.1a", "[192.0.2.1"})
    void rejectsNonIpLiterals(String text) {
        assertThat(DomainNames.isIpLiteral(text)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.0.2.1,                 192.0.2.1",
        "[192.0.2.1],               192.0.2.1",
        "[2001:DB8:0:0:0:0:0:1],    2001:db8::1",
        "2001:db8::1,               2001:db8::1",
        "MX1.Example.com.,          mx1.example.com",
        "bücher.example,            xn--bcher-kva.example"
    })
    void convertsHosts(String input, String expected) {
        assertThat(DomainNames.hostToAscii(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "[example.com],  in brackets",
        "[192.0.2.1,     in brackets",
        "user@host,      looks like an e-mail address",
        "a b.example,    whitespace",
        "'',             is empty",
        "exa_mple.com,   not allowed in host names"
    })
    void rejectsBadHosts(String input, String reason) {
        assertThatThrownBy(() -> DomainNames.hostToAscii(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2001:db8:0:0:1:0:0:1,   2001:db8::1:0:0:1",
        "2001:0db8:0:0:0:0:2:1,  2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1,   2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0,        ::",
        "0:0:0:0:0:0:0:1,        ::1",
        "1:0:0:0:0:0:0:0,        1::",
        "1:0:0:2:0:0:0:3,        1:0:0:2::3",
        "192.0.2.1,              192.0.2.1"
    })
    void writesAddressesInRfc5952Form(String input, String expected) {
        assertThat(dev.smtpmxcheck.core.report.Subjects.addressText(DomainNames.parseIpLiteral(input))).isEqualTo(expected);
    }
}
