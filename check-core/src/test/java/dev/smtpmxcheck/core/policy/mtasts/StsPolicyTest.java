package dev.smtpmxcheck.core.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8461 §3.2: the policy file grammar. */
class StsPolicyTest {

    private static StsPolicy valid(String text) {
        StsPolicy.Parse parse = StsPolicy.parse(text);
        assertThat(parse).as(parse.toString()).isInstanceOf(StsPolicy.Parse.Valid.class);
        return ((StsPolicy.Parse.Valid) parse).policy();
    }

    @Test
    void theRfcExampleWithCrlf() {
        StsPolicy p = valid("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\n"
                + "mx: backupmx.example.com\r\nmax_age: 604800\r\n");

        assertThat(p.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(p.mx()).extracting(MxPattern::text)
                .containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(p.maxAge()).isEqualTo(604800);
    }

    @Test
    void lfLineEndingsNoFinalNewlineAndSpaces() {
        StsPolicy p = valid("version: STSv1\nmode:testing\nmx:   mx1.example.com  \nmax_age: 0");

        assertThat(p.mode()).isEqualTo(Mode.TESTING);
        assertThat(p.mx()).extracting(MxPattern::text).containsExactly("mx1.example.com");
        assertThat(p.maxAge()).isZero();
    }

    @Test
    void unknownKeysAreIgnoredAndRepeatedOnesKeepTheFirstValue() {
        StsPolicy p = valid("version: STSv1\nmode: none\nmode: enforce\nmx: a.example\nmax_age: 86400\n"
                + "x-comment: hello world\n\n");

        assertThat(p.mode()).isEqualTo(Mode.NONE);
        assertThat(p.extensions()).containsEntry("x-comment", "hello world");
    }

    @Test
    void theLargestMaxAge() {
        assertThat(valid("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557600\n").maxAge())
                .isEqualTo(StsPolicy.MAX_AGE_LIMIT);
    }

    @ParameterizedTest(name = "invalid ({1})")
    @CsvSource(delimiter = '|', value = {
        "mode: enforce\\nmx: a.example\\nmax_age: 86400|no version field",
        "version: STSv2\\nmode: enforce\\nmx: a.example\\nmax_age: 86400|not STSv1",
        "version: stsv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400|not STSv1",
        "version: STSv1\\nmx: a.example\\nmax_age: 86400|no mode field",
        "version: STSv1\\nmode: Enforce\\nmx: a.example\\nmax_age: 86400|not enforce, testing or none",
        "version: STSv1\\nmode: strict\\nmx: a.example\\nmax_age: 86400|not enforce, testing or none",
        "version: STSv1\\nmode: enforce\\nmx: a.example|no max_age field",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 31557601|exceeds the limit",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: -1|is not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 12345678901|is not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 1 week|is not 1 to 10 digits",
        "version: STSv1\\nmode: enforce\\nmax_age: 86400|no mx field",
        "version: STSv1\\nmode: enforce\\nmx: mx*.example.com\\nmax_age: 86400|line 3: mx",
        "version: STSv1\\nmode: enforce\\nmx: *.*.example.com\\nmax_age: 86400|line 3: mx",
        "version: STSv1\\nmode enforce\\nmx: a.example\\nmax_age: 86400|line 2 is not \"key: value\"",
        "version : STSv1\\nmode: enforce\\nmx: a.example\\nmax_age: 86400|line 1 is not",
        "version: STSv1\\nmode: enforce\\nmx:\\nmax_age: 86400|the value of mx is empty",
        "<html><body>Not Found</body></html>|line 1 is not"
    })
    void invalid(String escaped, String reason) {
        StsPolicy.Parse parse = StsPolicy.parse(escaped.replace("\\n", "\n"));

        assertThat(parse).isInstanceOf(StsPolicy.Parse.Invalid.class);
        assertThat(((StsPolicy.Parse.Invalid) parse).reason()).contains(reason);
    }

    @Test
    void aBareCarriageReturnInsideALineIsInvalid() {
        StsPolicy.Parse parse = StsPolicy.parse("version: STSv1\rmode: enforce\nmx: a.example\nmax_age: 1\n");

        assertThat(parse).isInstanceOf(StsPolicy.Parse.Invalid.class);
    }

    @Test
    void allowsChecksEveryPattern() {
        StsPolicy p = valid("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.backup.example.com\nmax_age: 1\n");

        assertThat(p.allows("mx1.example.com")).isTrue();
        assertThat(p.allows("b1.backup.example.com")).isTrue();
        assertThat(p.allows("mx2.example.com")).isFalse();
    }
}
