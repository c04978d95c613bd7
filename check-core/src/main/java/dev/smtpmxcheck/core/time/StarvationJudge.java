package dev.smtpmxcheck.core.time;

/**
 * Whether a check that ran out of time was starved of CPU on the checking host, so that its timeout says nothing
 * about the mail servers. Pure: it decides on a {@link CpuWait}, a measurement, never on words.
 *
 * <p>The rule: starved when the check's threads waited for a CPU for at least {@value #STARVED_PERCENT} % of the
 * wall time the check ran ({@code runQueueWait * 100 >= elapsed * STARVED_PERCENT}). Why this threshold:
 *
 * <ul>
 * <li>A check that waits for a server is blocked in a socket read or a DNS query, and a blocked thread does not
 *     wait in the run queue at all, however busy the host is. A check whose servers are slow but whose host is
 *     healthy therefore shows almost no run-queue wait: a few tens of milliseconds over seconds of wall time.</li>
 * <li>The overall timeout only fires after the check overran its own deadlines (it ends the probes before
 *     {@code -t} itself, see {@link TimeBudget}), which takes threads that were not run when they had to be. A wait
 *     of half the wall time means that, on average over the whole check, at least half a thread of it stood ready
 *     to run and got no CPU: the host took half of the check's time away from it, and the time the servers got is
 *     no longer known.</li>
 * <li>It errs towards the old verdict: the wait of threads that already ended is lost (see {@link CpuWait}), so a
 *     starved check can only be missed, never a healthy one accused.</li>
 * <li>Measured on the 2-core lab host, the two cases lie far apart: a check waiting for a server that never sends
 *     its greeting waited 16 ms for a CPU over 8 s (0.2 %); in a burst of 120 checks at once, each check that hit
 *     the deadline had waited 24 to 28 s over about 33 s (73 to 85 %); a check pinned to one CPU beside a busy
 *     loop of higher priority waited 9.3 s over 8.4 s (the sum over threads exceeds the wall time).</li>
 * </ul>
 *
 * <p>The Monitoring Plugins guidelines reserve UNKNOWN for a plugin that could not determine the state of what it
 * checks (the host's resources exhausted among the reasons): a starved check is UNKNOWN, whatever state
 * {@code -t N:STATE} chose for a timeout.
 */
public final class StarvationJudge {
    private StarvationJudge() {}

    /** The least run-queue wait, in percent of the elapsed wall time, that makes a check starved. */
    public static final int STARVED_PERCENT = 50;

    /**
     * True when the check waited for a CPU for at least {@value #STARVED_PERCENT} % of the time it ran; false when
     * the wait was not measured, or nothing has elapsed.
     *
     * @param wait the measurement taken when the check ran out of time
     */
    public static boolean starved(CpuWait wait) {
        if (!wait.measured() || wait.elapsedNanos() == 0) {
            return false;
        }
        // doubles hold every nanosecond count below 2^53 (104 days) exactly, and never overflow
        return (double) wait.runQueueWaitNanos() * 100 >= (double) wait.elapsedNanos() * STARVED_PERCENT;
    }
}
