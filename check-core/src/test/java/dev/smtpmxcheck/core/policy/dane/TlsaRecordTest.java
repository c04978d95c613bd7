package dev.smtpmxcheck.core.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsaRecordTest {

    private static final String SHA256 = "ab".repeat(32);
    private static final String SHA512 = "cd".repeat(64);

    @Test
    void parsesThePresentationFormWithSplitData() {
        TlsaRecord r = TlsaRecord.parse("3 1 1 " + SHA256.substring(0, 20).toUpperCase() + " " + SHA256.substring(20));

        assertThat(r).isEqualTo(new TlsaRecord(3, 1, 1, SHA256));
        assertThat(r.text()).isEqualTo("3 1 1 " + SHA256);
        assertThat(r.usageName()).isEqualTo("DANE-EE(3)");
    }

    @ParameterizedTest(name = "{0} {1} {2} with {3} bytes: usable={4}")
    @CsvSource({
        // RFC 7672 §3.1: DANE-TA(2) and DANE-EE(3) only
        "3, 1, 1, 32, true",
        "2, 0, 1, 32, true",
        "3, 0, 2, 64, true",
        "3, 1, 0, 91, true",
        "1, 1, 1, 32, false",
        "0, 0, 1, 32, false",
        "4, 1, 1, 32, false",
        // RFC 6698 §2.1.2/§2.1.3: unknown selector or matching type
        "3, 2, 1, 32, false",
        "3, 1, 3, 32, false",
        // a digest of the wrong length cannot match anything
        "3, 1, 1, 31, false",
        "3, 1, 2, 32, false",
        "3, 1, 0, 0, false"
    })
    void usableOnlyForTheUsagesSelectorsAndMatchingTypesOfSmtp(int usage, int selector, int matching, int bytes,
            boolean usable) {
        TlsaRecord r = new TlsaRecord(usage, selector, matching, "0f".repeat(bytes));

        assertThat(r.usable()).isEqualTo(usable);
    }

    @Test
    void knowsTheRfc7218Names() {
        assertThat(TlsaRecord.parse("0 0 1 " + SHA256).usageName()).isEqualTo("PKIX-TA(0)");
        assertThat(TlsaRecord.parse("1 0 2 " + SHA512).usageName()).isEqualTo("PKIX-EE(1)");
        assertThat(TlsaRecord.parse("2 0 1 " + SHA256).usageName()).isEqualTo("DANE-TA(2)");
        assertThat(TlsaRecord.parse("9 0 1 " + SHA256).usageName()).isEqualTo("usage 9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3 1 1|needs usage, selector, matching type and data",
        "3 x 1 ab|are numbers",
        "3 1 1 xyz1|not hexadecimal",
        "3 1 1 abc|not hexadecimal",
        "256 1 1 ab|8-bit numbers"
    })
    void refusesMalformedRecords(String text, String message) {
        assertThatThrownBy(() -> TlsaRecord.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
