package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.time.Deadline;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the first TLS handshake of the process run alone for a moment. A check probes every address at once, so the
 * handshakes of a domain's addresses start together, in a JVM that has just started: each would run the key
 * exchange, the signature check and the key schedule in the bytecode interpreter. When the others wait for the
 * first one to end, it has made the JIT compile that code, and they run on compiled code: on the lab's six addresses
 * (multi.test) about 30 ms of CPU less for each check, with no later verdict (performance.adoc, issue 13).
 *
 * <p>The wait is short and never blames a server: a follower waits until the leader's handshake ended (done or
 * failed), at most {@link #MAX_WAIT_MILLIS} ms and never past the deadline, and its handshake time and stage
 * timeout count from after the wait. Once the first handshake has ended the gate stays open. Thread-safe.
 */
final class FirstHandshakeGate {
    /** The longest a handshake waits for the first one, in milliseconds. */
    static final long MAX_WAIT_MILLIS = 200;

    /** The gate of this process: the JIT's compiled code is per process. */
    static final FirstHandshakeGate PROCESS = new FirstHandshakeGate(MAX_WAIT_MILLIS);

    private final long maxWaitMillis;
    private final AtomicBoolean led = new AtomicBoolean();
    private final CountDownLatch firstEnded = new CountDownLatch(1);

    /** @param maxWaitMillis the longest a follower waits, in milliseconds, not negative */
    FirstHandshakeGate(long maxWaitMillis) {
        if (maxWaitMillis < 0) {
            throw new IllegalArgumentException("maxWaitMillis must not be negative, got " + maxWaitMillis);
        }
        this.maxWaitMillis = maxWaitMillis;
    }

    /**
     * Before a handshake: the first caller leads and goes on at once; every later one waits until the leader
     * {@linkplain #leaderDone() is done}, {@code maxWaitMillis} ms have passed or {@code deadline} is near (half its
     * remaining time at most), whichever comes first.
     *
     * @param deadline the check's overall deadline
     * @return true for the leader, which must call {@link #leaderDone()} when its handshake ended, however it ended
     */
    boolean enter(Deadline deadline) {
        if (led.compareAndSet(false, true)) {
            return true;
        }
        long wait = Math.min(maxWaitMillis, deadline.remainingMillis() / 2);
        if (wait > 0 && firstEnded.getCount() > 0) {
            try {
                firstEnded.await(wait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    /** The leader's handshake ended: the gate opens for good. */
    void leaderDone() {
        firstEnded.countDown();
    }
}
