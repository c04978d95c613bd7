package dev.smtpmxcheck.nagios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How long this process has been running, charged to {@code -t} so that the JVM's start-up is part of the budget
 * as it is for a native plugin.
 *
 * <p>On Linux both sides are read relative to the boot, from the same clock: {@code /proc/self/stat} field 22
 * ({@code starttime}, the process start in clock ticks since boot) against {@code /proc/uptime} (seconds since
 * boot, to 1/100 s), see proc(5). This is good to about 10 ms. {@link ProcessHandle.Info#startInstant()} is not:
 * on Linux the JDK adds the start ticks to {@code btime} of {@code /proc/stat}, the boot time in whole seconds on
 * the wall clock, so the start it gives can be up to a second early (more when the wall clock was stepped since
 * the boot), and a check believed it had spent that much more of {@code -t} than it had. Where {@code /proc} is
 * missing or does not parse, {@link ProcessHandle} is the fallback.
 *
 * <p>Cheap on purpose, as it runs at every start: two small file reads and no JVM management subsystem.
 */
final class ProcessAge {
    /**
     * Clock ticks per second of {@code starttime} in {@code /proc/self/stat} ({@code sysconf(_SC_CLK_TCK)},
     * {@code USER_HZ}): 100 on every Linux architecture the JDK runs on. Assumed here, because Java cannot call
     * {@code sysconf}; a kernel with another value would make {@link #fromProc} wrong by that factor.
     */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Index of {@code starttime} (field 22) among the fields after the {@code comm} field's closing ')'. */
    private static final int STARTTIME_AFTER_COMM = 22 - 3;

    private static final Path SELF_STAT = Path.of("/proc/self/stat");
    private static final Path UPTIME = Path.of("/proc/uptime");

    private ProcessAge() {}

    /**
     * The time since this process started: from {@code /proc} ({@link #fromProc}) where it can be read, else from
     * {@link ProcessHandle.Info#startInstant()} against the wall clock; zero when neither is known. Never negative,
     * never throws.
     */
    static Duration ofThisProcess() {
        try {
            String stat = Files.readString(SELF_STAT, StandardCharsets.US_ASCII);
            String uptime = Files.readString(UPTIME, StandardCharsets.US_ASCII);
            Optional<Duration> age = fromProc(stat, uptime);
            if (age.isPresent()) {
                return age.get();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, /proc not mounted or not readable: the JDK's figure below
        }
        return ProcessHandle.current().info().startInstant()
                .map(started -> Duration.between(started, Instant.now()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    /**
     * The age of a process from the text of its {@code /proc/<pid>/stat} and of {@code /proc/uptime} read after
     * it: the uptime less {@code starttime} ({@link #CLOCK_TICKS_PER_SECOND}). A start a little after the uptime
     * (both are truncated to 10 ms) is an age of zero.
     *
     * @return the age, to 10 ms; empty when either text does not parse
     */
    static Optional<Duration> fromProc(String selfStat, String uptime) {
        OptionalLong ticks = startTicks(selfStat);
        OptionalLong up = uptimeMillis(uptime);
        if (ticks.isEmpty() || up.isEmpty() || ticks.getAsLong() > Long.MAX_VALUE / 1000) {
            return Optional.empty();
        }
        long age = up.getAsLong() - ticks.getAsLong() * 1000 / CLOCK_TICKS_PER_SECOND;
        return Optional.of(Duration.ofMillis(Math.max(0, age)));
    }

    /**
     * Field 22, {@code starttime}, of a {@code /proc/<pid>/stat} line: the process start in clock ticks since boot.
     * The fields are counted after the last ')', as field 2 ({@code comm}, the command name in parentheses) may
     * itself hold spaces and parentheses.
     *
     * @return the ticks; empty when the line has no ')', too few fields or a field 22 that is not a number
     */
    static OptionalLong startTicks(String selfStat) {
        int close = selfStat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = selfStat.substring(close + 1).trim().split(" +");
        if (fields.length <= STARTTIME_AFTER_COMM) {
            return OptionalLong.empty();
        }
        return parseNonNegative(fields[STARTTIME_AFTER_COMM]);
    }

    /**
     * The first number of {@code /proc/uptime}, seconds since boot with a fraction ({@code "12345.67 98765.43"}),
     * in milliseconds.
     *
     * @return the milliseconds; empty when the text does not start with such a number
     */
    static OptionalLong uptimeMillis(String uptime) {
        String first = uptime.trim().split("\\s+", 2)[0];
        int dot = first.indexOf('.');
        String whole = dot < 0 ? first : first.substring(0, dot);
        String fraction = dot < 0 ? "" : first.substring(dot + 1);
        OptionalLong seconds = parseNonNegative(whole);
        if (seconds.isEmpty() || seconds.getAsLong() > Long.MAX_VALUE / 1000
                || !(fraction.isEmpty() || allDigits(fraction))) {
            return OptionalLong.empty();
        }
        String millis = (fraction + "000").substring(0, 3);
        return OptionalLong.of(seconds.getAsLong() * 1000 + Long.parseLong(millis));
    }

    private static OptionalLong parseNonNegative(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !allDigits(digits)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    // a loop rather than a stream: a lambda would be spun at every start, outside the class-data archive
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
