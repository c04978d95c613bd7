package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.time.CpuWait;
import dev.smtpmxcheck.core.time.StarvationJudge;
import java.time.Duration;
import java.util.Locale;

/**
 * What the plugin prints when a check did not finish within its overall timeout ({@code -t}), for a single run and
 * for a batch entry alike. Usually {@code SMTP MX CRITICAL - check did not finish within N s}, at the state chosen
 * with {@code -t N:STATE}. When the check was starved of CPU on the checking host ({@link StarvationJudge}: it
 * waited for a CPU for at least half of the time it ran), the timeout says nothing about the mail servers, and
 * the result is UNKNOWN whatever {@code -t N:STATE} chose, with the cause and the figure:
 * {@code SMTP MX UNKNOWN - check did not finish within 30 s: this host was overloaded (the check's threads waited
 * 24.1 s for a CPU in 33.2 s); no verdict on the mail servers}: the wait is summed over the threads, so it can exceed
 * the time the check ran. The Monitoring Plugins guidelines reserve UNKNOWN for a plugin that could
 * not determine the state of what it checks.
 */
final class TimeoutOutput {
    private TimeoutOutput() {}

    /**
     * The result of a check that ran out of time.
     *
     * @param chosen the state of a timeout ({@code -t N:STATE}, CRITICAL by default)
     * @param timeout the overall timeout, as given
     * @param wait how long the check waited for a CPU, measured when it ran out of time
     * @return the result to print or submit
     */
    static PluginOutput of(State chosen, Duration timeout, CpuWait wait) {
        String text = "check did not finish within " + CheckSmtpMx.seconds(timeout) + " s";
        if (StarvationJudge.starved(wait)) {
            // The wait is summed over the check's threads, so it can exceed the time the check ran: say both.
            return PluginOutput.line(State.UNKNOWN, text + ": this host was overloaded (the check's threads waited "
                    + String.format(Locale.ROOT, "%.1f s for a CPU in %.1f s", wait.runQueueWaitNanos() / 1e9,
                            wait.elapsedNanos() / 1e9) + "); no verdict on the mail servers");
        }
        return PluginOutput.line(chosen, text);
    }
}
