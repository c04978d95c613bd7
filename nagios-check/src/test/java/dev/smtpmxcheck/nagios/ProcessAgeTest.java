package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessAgeTest {

    /** A real /proc/self/stat line of a java process (Linux 6.1), starttime 4221 ticks since boot. */
    private static final String STAT = "12345 (java) S 12300 12345 12300 34816 12345 4194560 3001 0 0 0 52 11 0 0"
            + " 20 0 19 0 4221 3546103808 23010 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0"
            + " 0 0 0 0 0 0 0 0 0 0 0\n";

    @Test
    void startTicksAreField22() {
        assertThat(ProcessAge.startTicks(STAT)).isEqualTo(OptionalLong.of(4221));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedUpToItsLastParenthesis() {
        String stat = STAT.replace("(java)", "(a) 1 2 (b c))");
        assertThat(ProcessAge.startTicks(stat)).isEqualTo(OptionalLong.of(4221));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345 java S 1 2 3", "12345 (java) S 12300 12345", "12345 (java) S 1 2 3 4 5 6 7 8 9"
            + " 10 11 12 13 14 15 16 17 18 -4221 5", "12345 (java) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 x 5"})
    void aStatLineWithoutAStartTimeIsNothing(String stat) {
        assertThat(ProcessAge.startTicks(stat)).isEmpty();
    }

    @Test
    void uptimeIsReadToTheHundredthOfASecond() {
        assertThat(ProcessAge.uptimeMillis("350.27 1344.02\n")).isEqualTo(OptionalLong.of(350_270));
        assertThat(ProcessAge.uptimeMillis("350.5")).isEqualTo(OptionalLong.of(350_500));
        assertThat(ProcessAge.uptimeMillis("350")).isEqualTo(OptionalLong.of(350_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc 12.0", "-3.00 1.00", "3.x4 1.00", ".5 1.0"})
    void anUptimeThatIsNoNumberIsNothing(String uptime) {
        assertThat(ProcessAge.uptimeMillis(uptime)).isEmpty();
    }

    @Test
    void theAgeIsTheUptimeLessTheStartInTicksOfAHundredthOfASecond() {
        assertThat(ProcessAge.fromProc(STAT, "43.18 80.00\n")).contains(Duration.ofMillis(970));
    }

    @Test
    void aStartAfterTheTruncatedUptimeIsAnAgeOfZero() {
        assertThat(ProcessAge.fromProc(STAT, "42.20 80.00\n")).contains(Duration.ZERO);
    }

    @Test
    void eitherTextUnparsedGivesNoAge() {
        assertThat(ProcessAge.fromProc("garbage", "43.18 80.00")).isEmpty();
        assertThat(ProcessAge.fromProc(STAT, "garbage")).isEmpty();
    }

    @Test
    void onLinuxThisProcessIsAsOldAsTheJvmSaysGiveOrTakeItsOwnStartUp() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(Path.of("/proc/uptime")),
                "Linux /proc");
        long jvmBefore = ManagementFactory.getRuntimeMXBean().getUptime();
        Optional<Duration> fromProc = ProcessAge.fromProc(read("/proc/self/stat"), read("/proc/uptime"));
        long jvmAfter = ManagementFactory.getRuntimeMXBean().getUptime();

        assertThat(fromProc).isPresent();
        long age = fromProc.get().toMillis();
        // the process started before the JVM's clock did (exec, loading libjvm): older, by a few seconds at most
        assertThat(age).isBetween(jvmBefore - 20, jvmAfter + 3_000);
        assertThat(ProcessAge.ofThisProcess().toMillis()).isBetween(age, jvmAfter + 3_000);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
