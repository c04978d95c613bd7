package dev.smtpmxcheck.core.time;

/**
 * How long a check waited for a CPU while it ran: the time its threads spent runnable but not running, because
 * every CPU of the checking host was busy with other work (the Linux scheduler's run-queue wait, see
 * {@link RunQueueWaitReader}), next to the wall time the check had been running.
 *
 * <p>The wait is summed over threads, so it can exceed the elapsed time: two threads that both wait for the whole
 * run count twice. It can only be too small, never too large: the wait of threads that ended before the reading is
 * lost with them.
 *
 * @param elapsedNanos wall time of the check until the reading, in nanoseconds (0 or more)
 * @param runQueueWaitNanos run-queue wait of the check's threads over that time, in nanoseconds (0 or more; 0 when
 *     not measured)
 * @param measured whether the wait was measured at all (false where the host does not expose it, e.g. not Linux)
 */
public record CpuWait(long elapsedNanos, long runQueueWaitNanos, boolean measured) {

    /**
     * @throws IllegalArgumentException when a figure is negative, or a wait is given while not measured
     */
    public CpuWait {
        if (elapsedNanos < 0 || runQueueWaitNanos < 0) {
            throw new IllegalArgumentException("negative time: elapsed " + elapsedNanos + " ns, run-queue wait "
                    + runQueueWaitNanos + " ns");
        }
        if (!measured && runQueueWaitNanos != 0) {
            throw new IllegalArgumentException("a wait of " + runQueueWaitNanos + " ns that was not measured");
        }
    }

    /** A measured wait of {@code runQueueWaitNanos} over {@code elapsedNanos} (both in nanoseconds). */
    public static CpuWait of(long elapsedNanos, long runQueueWaitNanos) {
        return new CpuWait(elapsedNanos, runQueueWaitNanos, true);
    }

    /** No measurement of the wait (the host does not expose it) over {@code elapsedNanos} of wall time. */
    public static CpuWait unmeasured(long elapsedNanos) {
        return new CpuWait(elapsedNanos, 0, false);
    }
}
