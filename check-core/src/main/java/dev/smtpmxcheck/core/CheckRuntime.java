package dev.smtpmxcheck.core;

import dev.smtpmxcheck.core.smtp.Watchdog;
import org.xbill.DNS.NioClient;

/**
 * What the checks of one process share and hold beyond a single check, and its release.
 *
 * <p>A check leaves threads behind that may sit in native code: dnsjava's NIO selector thread (one per process,
 * in {@code epoll_wait} for as long as it lives) and the threads of probes that lost the race with the check's
 * deadline (blocked in a socket read until the watchdog closes their socket). HotSpot's exit, even through
 * {@link Runtime#halt}, waits up to 300 ms (30 × 10 ms) for threads in native code to block: a command-line
 * front end that prints its result and exits pays that wait at every run unless it calls {@link #release()}
 * first.
 */
public final class CheckRuntime {

    /** The name dnsjava gives its NIO selector thread. */
    public static final String DNS_SELECTOR_THREAD = "dnsjava NIO selector";

    private CheckRuntime() {}

    /**
     * Releases what the checks of this process still hold: closes dnsjava's NIO client (its selector, its open UDP
     * and TCP channels; the selector thread ends before this returns) and every socket that a probe still holds
     * (see {@link Watchdog#closeAllNow()}). Queries and probes still running end with an I/O error.
     *
     * <p>Call it when no check runs any more and none will start, e.g. just before a command-line front end exits;
     * never while another check of the same process is running (a long-lived host such as Jenkins simply does not
     * call it). A check started afterwards works: dnsjava opens a new selector on its first query. Calling it twice
     * is harmless.
     */
    public static void release() {
        Watchdog.closeAllNow();
        NioClient.close();
    }
}
