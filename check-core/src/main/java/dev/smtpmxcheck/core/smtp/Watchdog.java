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
 */
final class Watchdog {
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
}
