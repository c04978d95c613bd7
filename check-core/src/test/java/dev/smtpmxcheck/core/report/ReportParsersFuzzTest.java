package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpmxcheck.core.report.json.JsonReport;
import dev.smtpmxcheck.core.report.json.ReportJson;
import dev.smtpmxcheck.core.testing.Fuzzing;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for the parsers of {@code report/} that read text from outside: {@link Range#parse} (threshold
 * ranges from the command line) and {@link JsonReport#read} (a stored report). Bad input is an
 * {@link IllegalArgumentException} with a one-line message, nothing else.
 */
class ReportParsersFuzzTest {

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void range(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Range range;
        try {
            range = Range.parse(text);
        } catch (IllegalArgumentException e) {
            // One line, no raw control character: it goes into a plugin status line as it is.
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.getMessage().chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)))
                    .as(e.getMessage()).isTrue();
            return;
        }
        assertThat(range.start()).isLessThanOrEqualTo(range.end());
        assertThat(range.toString()).isEqualTo(text.trim());
        Range again = Range.parse(range.toString());
        assertThat(again.start()).isEqualTo(range.start());
        assertThat(again.end()).isEqualTo(range.end());
        assertThat(again.inside()).isEqualTo(range.inside());
        assertThat(range.alerts(Double.NaN)).isFalse();
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void jsonReport(byte[] input) {
        ReportJson report;
        try {
            report = JsonReport.read(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // What was read can be written again.
        assertThat(JsonReport.write(report)).isNotBlank();
    }
}
