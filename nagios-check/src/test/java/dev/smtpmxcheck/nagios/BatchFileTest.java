package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchFileTest {

    @Test
    void commentsAndBlankLinesAreSkippedAndLineNumbersKept() {
        String text = "# domains of customer A\n\nexample.com\n   \n  example.org --no-relay-test # no relay here\n";

        List<BatchFile.Line> lines = BatchFile.parse(text);

        assertThat(lines).extracting(BatchFile.Line::line).containsExactly(3, 5);
        assertThat(lines.get(0).args()).containsExactly("-D", "example.com");
        assertThat(lines.get(1).args()).containsExactly("-D", "example.org", "--no-relay-test");
    }

    @Test
    void optionLinesAndEngineNames() {
        List<BatchFile.Line> lines = BatchFile.parse(
                "-H mx1.example.net -e 'mail.example.net' --engine-host mail --engine-service=smtp-mx1\r\n");

        BatchFile.Line line = lines.get(0);
        assertThat(line.args()).containsExactly("-H", "mx1.example.net", "-e", "mail.example.net");
        assertThat(line.engineHost()).isEqualTo("mail");
        assertThat(line.engineService()).isEqualTo("smtp-mx1");
        assertThat(line.error()).isNull();
    }

    @Test
    void aLineThatCannotBeSplitIsKeptWithItsError() {
        List<BatchFile.Line> lines = BatchFile.parse("example.com\nexample.org -e 'open\nexample.net --engine-host\n");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).error()).isEqualTo("a single quote is not closed");
        assertThat(lines.get(2).error()).isEqualTo("option --engine-host needs a value");
        assertThat(lines.get(2).line()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a b  c|a,b,c",
        "'a b' c|a b,c",
        "\"a \\\" b\" c|a \" b,c",
        "a\\ b|a b",
        "x#y z|x#y,z",
        "x #y z|x",
        "''|''",
    })
    void wordsSplitLikeAShellWithoutExpansion(String line, String expected) {
        List<String> words = BatchFile.words(line);

        assertThat(String.join(",", words)).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @Test
    void unclosedDoubleQuoteAndTrailingBackslashAreErrors() {
        assertThatThrownBy(() -> BatchFile.words("a \"b")).hasMessage("a double quote is not closed");
        assertThatThrownBy(() -> BatchFile.words("a b\\")).hasMessage("the line ends in a backslash");
    }
}
