package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeTest {

    @ParameterizedTest(name = "{0} with {1} alerts={2}")
    @CsvSource({
        // 10: alert outside 0..10
        "10, -1, true",
        "10, 0, false",
        "10, 5, false",
        "10, 10, false",
        "10, 10.001, true",
        // 10: alert below 10
        "'10:', 9.99, true",
        "'10:', 10, false",
        "'10:', 1e9, false",
        // ~:10 alert above 10
        "'~:10', -1000, false",
        "'~:10', 10, false",
        "'~:10', 10.5, true",
        // 10:20 alert outside
        "'10:20', 9, true",
        "'10:20', 10, false",
        "'10:20', 20, false",
        "'10:20', 21, true",
        // @10:20 alert inside, end points included
        "'@10:20', 9, false",
        "'@10:20', 10, true",
        "'@10:20', 15, true",
        "'@10:20', 20, true",
        "'@10:20', 20.1, false",
        // decimals, negative numbers, omitted start
        "'0.5:1.5', 0.4, true",
        "'0.5:1.5', 1.5, false",
        "'-1.5:-0.5', -1, false",
        "'-1.5:-0.5', 0, true",
        "':10', -0.1, true",
        "':10', 3, false",
        "'.25', 0.3, true",
        "'@5', 3, true",
        "'@5', 6, false",
        "'~:', -1e300, false",
        "' 10:20 ', 15, false",
    })
    void alertsFollowTheGuidelines(String text, double value, boolean alerts) {
        Range range = Range.parse(text);

        boolean result = range.alerts(value);

        assertThat(result).isEqualTo(alerts);
    }

    @ParameterizedTest
    @CsvSource({
        "10, 0, 10, false",
        "'10:', 10, Infinity, false",
        "'~:10', -Infinity, 10, false",
        "'@10:20', 10, 20, true",
        "'1.5:2.25', 1.5, 2.25, false",
    })
    void parsesEndPoints(String text, double start, double end, boolean inside) {
        Range range = Range.parse(text);

        assertThat(range.start()).isEqualTo(start);
        assertThat(range.end()).isEqualTo(end);
        assertThat(range.inside()).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10:", "~:10", "10:20", "@10:20", "0.5:1.5", "@~:0.25"})
    void toStringGivesTheTextForPerfdata(String text) {
        assertThat(Range.parse(text)).hasToString(text);
        assertThat(Range.parse(" " + text + "\t")).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "10:x", "1,5", "1e3", "NaN", "Infinity", "10::20", "@", ":", "~", "~10",
        "10:20:30", "@@1", "0x10", "10 :20", "1.5.2"})
    void refusesGarbageNamingTheText(String text) {
        assertThatThrownBy(() -> Range.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesEmpty(String text) {
        assertThatThrownBy(() -> Range.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Range.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20:10", "@5:1", "-1", "0.5:0.25"})
    void refusesStartAfterEnd(String text) {
        assertThatThrownBy(() -> Range.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("greater than end");
    }

    @Test
    void constructorDerivesTextWhenNull() {
        assertThat(new Range(0, 10, false, null)).hasToString("10");
        assertThat(new Range(10, Double.POSITIVE_INFINITY, false, null)).hasToString("10:");
        assertThat(new Range(Double.NEGATIVE_INFINITY, 10, true, null)).hasToString("@~:10");
        assertThat(new Range(0.5, 1.5, false, null)).hasToString("0.5:1.5");
    }

    @Test
    void nanNeverAlerts() {
        assertThat(Range.parse("10").alerts(Double.NaN)).isFalse();
        assertThat(Range.parse("@10").alerts(Double.NaN)).isFalse();
    }
}
