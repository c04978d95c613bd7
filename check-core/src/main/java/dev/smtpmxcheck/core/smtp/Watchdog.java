package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.TimeBudget;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The backstop of the deadline: closes a socket shortly after the deadline, so that no blocking call (a TLS
 * handshake fed one octet at a time, a write to a server that never reads) can outlive it. Socket timeouts
 * normally end things first; this only fires when they cannot. One shared daemon thread.
 *
 * <p>{@link #closeAllNow()} closes every resource still in its care at once: the sockets of probes that lost the
 * race with the check's deadline and still sit in a read or a handshake.
 */
public final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private Watchdog() {}

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "smtp-probe-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Closes {@code resource} {@link TimeBudget#SOCKET_CLOSE_GRACE_MILLIS} ms after {@code deadline} unless the
     * returned future is cancelled.
     */
    static Future<?> closeAfter(Deadline deadline, Closeable resource) {
        long delay = Math.max(0, deadline.remainingMillis()) + TimeBudget.SOCKET_CLOSE_GRACE_MILLIS;
        return TIMER.schedule(() -> {
            try {
                resource.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes now every resource whose {@link #closeAfter} has neither fired nor been cancelled, so that no probe
     * thread is left blocked in a socket read or write (a thread in native code delays the JVM's exit by up to
     * 300 ms). Probes that still run then end with an I/O error; call this only when their results are no longer
     * wanted (the check has returned or was given up).
     *
     * @return how many resources were closed
     */
    public static int closeAllNow() {
        int closed = 0;
        for (Runnable pending : TIMER.getQueue().toArray(new Runnable[0])) {
            if (TIMER.remove(pending)) {
                pending.run();
                closed++;
            }
        }
        return closed;
    }
}
