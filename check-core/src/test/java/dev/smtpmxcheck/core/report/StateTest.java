package dev.smtpmxcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateTest {
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
        "OK, OK, OK",
        "OK, UNKNOWN, UNKNOWN",
        "UNKNOWN, WARNING, WARNING",
        "WARNING, UNKNOWN, WARNING",
        "CRITICAL, UNKNOWN, CRITICAL",
        "WARNING, CRITICAL, CRITICAL",
        "CRITICAL, OK, CRITICAL"
    })
    void combinesLikeMaxStateAlt(State a, State b, State expected) {
        assertThat(a.worse(b)).isEqualTo(expected);
        assertThat(b.worse(a)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"OK, 0", "WARNING, 1", "CRITICAL, 2", "UNKNOWN, 3"})
    void exitCodesFollowThePluginGuidelines(State s, int code) {
        assertThat(s.exitCode()).isEqualTo(code);
    }
}
