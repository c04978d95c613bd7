package dev.smtpmxcheck.core.smtp;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * A point in time by which an operation must end, measured on the monotonic clock ({@link System#nanoTime()})
 * so that a wall-clock step cannot stretch or shrink it. Socket timeouts are derived from it:
 * {@link #soTimeoutMillis()} is the time left in milliseconds, at least 1 (0 would mean "wait forever").
 */
public final class Deadline {
    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The deadline at the wall-clock {@code instant}, converted once to the monotonic clock. */
    public static Deadline at(Instant instant) {
        long now = System.nanoTime();
        long left;
        try {
            left = Duration.between(Instant.now(), instant).toNanos();
        } catch (ArithmeticException e) {
            left = instant.isBefore(Instant.now()) ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
        }
        return new Deadline(now + Math.max(Long.MIN_VALUE / 4, Math.min(Long.MAX_VALUE / 4, left)));
    }

    /** The deadline {@code duration} from now. */
    public static Deadline after(Duration duration) {
        return at(Instant.now().plus(duration));
    }

    /** The earlier of this deadline and {@code stage} from now: the deadline of one stage (one reply, one connect). */
    public Deadline limit(Duration stage) {
        long stageNanos;
        try {
            stageNanos = stage.toNanos();
        } catch (ArithmeticException e) {
            stageNanos = Long.MAX_VALUE / 4;
        }
        return new Deadline(Math.min(deadlineNanos, System.nanoTime() + Math.min(stageNanos, Long.MAX_VALUE / 4)));
    }

    /** Milliseconds left, rounded up; 0 or negative once passed. */
    public long remainingMillis() {
        long nanos = deadlineNanos - System.nanoTime();
        return nanos <= 0 ? nanos / 1_000_000 : (nanos + 999_999) / 1_000_000;
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /**
     * The socket timeout for the next blocking call, in milliseconds: the time left, at least 1 and at
     * most {@link Integer#MAX_VALUE}.
     *
     * @throws SocketTimeoutException when the deadline has already passed
     */
    public int soTimeoutMillis() throws SocketTimeoutException {
        if (expired()) {
            throw new SocketTimeoutException("deadline reached");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
    }
}
