package dev.smtpmxcheck.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpmxcheck.core.testing.Fuzzing;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for {@link DomainNames}, which takes the domain or host the user typed. A name is either refused with
 * a one-line {@link IllegalArgumentException} that shows no raw control character, or converted to lower-case
 * A-labels within the RFC 1035 limits, which convert to themselves again.
 */
class DomainNamesFuzzTest {

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void domain(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String ascii;
        try {
            ascii = DomainNames.toAscii(text);
        } catch (IllegalArgumentException e) {
            checkMessage(e);
            return;
        }
        checkName(ascii);
        assertThat(DomainNames.toAscii(ascii)).isEqualTo(ascii);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void host(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String ascii;
        try {
            ascii = DomainNames.hostToAscii(text);
        } catch (IllegalArgumentException e) {
            checkMessage(e);
            return;
        }
        if (DomainNames.isIpLiteral(ascii)) {
            assertThat(ascii).matches("[0-9a-f:.]+");
        } else {
            checkName(ascii);
        }
        assertThat(DomainNames.hostToAscii(ascii)).isEqualTo(ascii);
    }

    private static void checkName(String ascii) {
        assertThat(ascii.length()).isBetween(1, DomainNames.MAX_NAME_OCTETS);
        assertThat(ascii).matches("[a-z0-9-]+(\\.[a-z0-9-]+)*");
        for (String label : ascii.split("\\.")) {
            assertThat(label.length()).isBetween(1, DomainNames.MAX_LABEL_OCTETS);
        }
    }

    private static void checkMessage(IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as(e.getMessage()).isTrue();
    }
}
