package dev.smtpmxcheck.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StarvationJudgeTest {
    private static final long S = 1_000_000_000L;

    @ParameterizedTest(name = "waited {1} ns of {0} ns -> starved {2}")
    @CsvSource(textBlock = """
            33000000000, 24100000000, true
            33000000000, 16500000000, true
            33000000000, 16499999999, false
            4000000000,  40000000,    false
            4000000000,  0,           false
            4000000000,  90000000000, true
            1,           1,           true
            """)
    void starvedFromHalfOfTheElapsedTimeOn(long elapsedNanos, long waitNanos, boolean starved) {
        assertThat(StarvationJudge.starved(CpuWait.of(elapsedNanos, waitNanos))).isEqualTo(starved);
    }

    @Test
    void anUnmeasuredWaitIsNeverStarved() {
        assertThat(StarvationJudge.starved(CpuWait.unmeasured(33 * S))).isFalse();
    }

    @Test
    void nothingElapsedIsNotStarved() {
        assertThat(StarvationJudge.starved(CpuWait.of(0, 5 * S))).isFalse();
    }

    @Test
    void figuresOfYearsDoNotOverflow() {
        long years = 100L * 365 * 24 * 3600 * S;

        assertThat(StarvationJudge.starved(CpuWait.of(years, years / 2))).isTrue();
        assertThat(StarvationJudge.starved(CpuWait.of(years, years / 3))).isFalse();
    }

    @Test
    void negativeFiguresAndAWaitThatWasNotMeasuredAreRefused() {
        assertThatThrownBy(() -> CpuWait.of(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elapsed -1 ns");
        assertThatThrownBy(() -> CpuWait.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuWait(1, 5, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not measured");
    }
}
