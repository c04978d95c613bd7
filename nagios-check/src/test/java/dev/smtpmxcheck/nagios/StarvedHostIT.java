package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real check starved of CPU on the checking host ends UNKNOWN, "this host was overloaded", not CRITICAL: the
 * built launcher checks the lab's {@code mx1.good.test} (a healthy Postfix) with {@code -t 3}, pinned to CPU 0 at
 * the lowest priority ({@code taskset -c 0 nice -n 19}), while a busy loop of this test's own runs pinned to the
 * same CPU at the test's priority. The control is the same command without the busy loop: OK.
 *
 * <p>The tuning, measured on the 2-core lab machine: Linux gives a nice-19 thread 15/1039 of a CPU that a nice-0
 * thread wants too, so each thread of the check gets about 1.4 % of CPU 0; JVM start-up alone then takes about
 * 3 s, the watchdog fires at about 8 s, and by then the check's threads have waited about 9 s for a CPU together
 * (the line is at half of the wall time). A busy loop at {@code nice -n -20} (weight 88761 against 15) starves the
 * check so completely that the JVM prints nothing within 25 s, so that is not what this test uses. Without the
 * starvation the check cannot print the overload wording: the plugin prints it only from the measured wait.
 */
class StarvedHostIT {
    private static final int TIMEOUT_SECONDS = 3;
    private static final Pattern WAITED = Pattern.compile(
            "^SMTP MX UNKNOWN - check did not finish within 3 s: this host was overloaded \\(the check's threads"
                    + " waited (\\d+\\.\\d) s for a CPU in \\d+\\.\\d s\\); no verdict on the mail servers$");

    @BeforeAll
    static void lab() {
        LabEngines.requireLab();
    }

    /** The check, pinned to CPU 0 at nice 19, against the lab's healthy mx1.good.test. */
    private static List<String> pinnedCheck() {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0", "nice", "-n", "19"));
        cmd.addAll(List.of(LabEngines.launcher().toString(), "-H", "mx1.good.test", "-s", LabEngines.DNS_SERVER,
                "-C", LabEngines.labCa().toString(), "-e", "it.test", "-t", Integer.toString(TIMEOUT_SECONDS)));
        return cmd;
    }

    @Test
    void theSameCheckIsOkWithoutTheBusyLoop() throws Exception {
        LabEngines.Run run = LabEngines.run(pinnedCheck(), Map.of("JAVA_HOME", System.getProperty("java.home")), 60);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.statusLine()).as(run.describe()).startsWith("SMTP MX OK - ");
    }

    @Test
    void aCheckStarvedOfCpuIsUnknownAndSaysThisHostWasOverloaded() throws Exception {
        Process hog = new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LabEngines.Run run;
        long wallNanos;
        long hogTicks;
        try {
            Thread.sleep(300);  // the busy loop is running on CPU 0 before the check starts
            long start = System.nanoTime();
            run = LabEngines.run(pinnedCheck(), Map.of("JAVA_HOME", System.getProperty("java.home")), 90);
            wallNanos = System.nanoTime() - start;
            hogTicks = cpuTicks(hog.pid());
        } finally {
            LabEngines.stop(hog, 2);  // the busy loop this test started, by its pid, and nothing else
        }

        assertThat(hog.isAlive()).isFalse();
        // the busy loop really ran: at least half of the check's wall time on CPU 0 (USER_HZ clock ticks, 100 a second on Linux)
        assertThat(hogTicks * 10_000_000L).as("CPU time of the busy loop, ns").isGreaterThan(wallNanos / 2);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
        assertThat(run.lines()).as(run.describe()).hasSize(1);
        Matcher m = WAITED.matcher(run.statusLine());
        assertThat(m.matches()).as(run.describe()).isTrue();
        // the watchdog fires no earlier than -t plus its grace after the process started, and the rule wants half
        assertThat(Double.parseDouble(m.group(1))).as(run.describe())
                .isGreaterThanOrEqualTo((TIMEOUT_SECONDS + CheckSmtpMx.GRACE_SECONDS) / 2.0);
    }

    /** User plus system CPU time of process PID so far, in clock ticks ({@code /proc/PID/stat} fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm) ": state is field 3 of the file, so utime (14) and stime (15) are at 11 and 12
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
