package dev.smtpmxcheck.core.policy.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TxtFieldsTest {

    @Test
    void splitsFieldsWithBlanksAroundSeparatorsAndAnOptionalFinalSeparator() {
        TxtFields.Split split = TxtFields.split(" ; id=20260101 ;\tx-ext=1;");

        assertThat(split).isEqualTo(new TxtFields.Split.Fields(List.of(
                new TxtFields.Field("id", "20260101"), new TxtFields.Field("x-ext", "1"))));
    }

    @Test
    void keepsAnEqualsSignInTheValueAndTheNameAsWritten() {
        TxtFields.Split split = TxtFields.split(";RUA=mailto:a@example.test?x=y");

        assertThat(split).isEqualTo(new TxtFields.Split.Fields(List.of(
                new TxtFields.Field("RUA", "mailto:a@example.test?x=y"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "; id=1;; x=2 | empty field (\";;\")",
        "; id        | field \"id\" is not name=value",
    })
    void malformedListsSayWhy(String rest, String reason) {
        assertThat(TxtFields.split(rest)).isEqualTo(new TxtFields.Split.Invalid(reason));
    }

    @Test
    void theListMustStartWithASeparator() {
        assertThat(TxtFields.startsWithSeparator(" ;id=1")).isTrue();
        assertThat(TxtFields.startsWithSeparator("id=1")).isFalse();
        assertThatThrownBy(() -> TxtFields.split("id=1")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "x-ext   | 1     | null",
        "v       | STSv1 | v= appears again after the first field",
        "_x      | 1     | field name \"_x\" is not valid",
        "x       | a b   | value of x is empty or holds a space, \";\" or \"=\"",
        "x       | a=b   | value of x is empty or holds a space, \";\" or \"=\"",
    })
    void extensionsFollowTheSharedGrammar(String name, String value, String problem) {
        assertThat(TxtFields.extensionProblem(new TxtFields.Field(name, value))).isEqualTo(problem);
    }
}
