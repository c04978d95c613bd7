package dev.smtpmxcheck.core.time;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A point in time by which an operation must end, on a monotonic {@link Ticker} ({@link System#nanoTime()} in
 * production) so that a step of the wall clock can neither stretch nor shrink it. It owns the two things every
 * step of the check needs: the time left (for socket timeouts, see {@link #soTimeoutMillis()}, and for the
 * limit of one stage, see {@link #limit(Duration)}), and waiting for tasks that run on other threads until the
 * deadline, cancelling those still running then ({@link #await(Future)}, {@link #awaitAll(List)}).
 *
 * <p>Readings are only ever compared by their difference, as {@link System#nanoTime()} requires; durations far
 * beyond any real run (more than about 73 years) are clamped so that such differences never overflow.
 */
public final class Deadline {
    /** A quarter of the {@code long} range: sums and differences of two such values never overflow. */
    private static final long FAR = Long.MAX_VALUE / 4;

    private final Ticker ticker;
    private final long deadlineNanos;

    private Deadline(Ticker ticker, long deadlineNanos) {
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The deadline {@code duration} from now on the system's monotonic clock.
     *
     * @param duration the time allowed; zero or negative gives a deadline already passed
     */
    public static Deadline after(Duration duration) {
        return after(duration, Ticker.SYSTEM);
    }

    /**
     * The deadline {@code duration} from now on {@code ticker}.
     *
     * @param duration the time allowed; zero or negative gives a deadline already passed
     * @param ticker the time source (a fake one in tests)
     */
    public static Deadline after(Duration duration, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        return new Deadline(ticker, ticker.nanos() + clampedNanos(duration));
    }

    /**
     * The earlier of this deadline and {@code stage} from now: the deadline of one stage (one reply, one connect,
     * one DNS query) within the whole.
     */
    public Deadline limit(Duration stage) {
        long stageEnd = ticker.nanos() + clampedNanos(stage);
        // Compared by difference, as System.nanoTime() must be: the readings may wrap around.
        return new Deadline(ticker, stageEnd - deadlineNanos < 0 ? stageEnd : deadlineNanos);
    }

    /**
     * This deadline moved earlier by {@code reserve}: the end of a part of the work that must leave time for what
     * comes after it (a negative reserve moves it later, as a grace period).
     */
    public Deadline minus(Duration reserve) {
        return new Deadline(ticker, deadlineNanos - clampedNanos(reserve));
    }

    /** This deadline moved later by {@code grace}. */
    public Deadline plus(Duration grace) {
        return new Deadline(ticker, deadlineNanos + clampedNanos(grace));
    }

    /** The time left, zero once the deadline has passed (never negative). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - ticker.nanos()));
    }

    /** Milliseconds left, rounded up; 0 or negative once passed. */
    public long remainingMillis() {
        long nanos = deadlineNanos - ticker.nanos();
        return nanos <= 0 ? nanos / 1_000_000 : (nanos + 999_999) / 1_000_000;
    }

    /** True once the deadline has passed. */
    public boolean expired() {
        return deadlineNanos - ticker.nanos() <= 0;
    }

    /** True when this deadline is strictly before {@code other} (both on the same ticker). */
    public boolean isBefore(Deadline other) {
        return deadlineNanos - other.deadlineNanos < 0;
    }

    /**
     * The socket timeout for the next blocking call, in milliseconds: the time left, at least 1 (0 would mean
     * "wait forever") and at most {@link Integer#MAX_VALUE}.
     *
     * @throws SocketTimeoutException when the deadline has already passed
     */
    public int soTimeoutMillis() throws SocketTimeoutException {
        if (expired()) {
            throw new SocketTimeoutException("deadline reached");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
    }

    /**
     * Waits for {@code task} until this deadline, and cancels it (with interruption) when it has not finished
     * by then. A task already finished is reported as such even after the deadline.
     *
     * @param task the task, usually running on another thread
     * @return what became of it; never null, never throws for the task's own failure
     */
    public <T> Waited<T> await(Future<T> task) {
        long wait = Math.max(0, deadlineNanos - ticker.nanos());
        try {
            return new Waited.Completed<>(task.get(wait, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            task.cancel(true);
            return new Waited.TimedOut<>();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new Waited.Interrupted<>();
        } catch (ExecutionException e) {
            return new Waited.Failed<>(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            // Cancelled elsewhere before it could finish: it will never give a value in time.
            return new Waited.TimedOut<>();
        }
    }

    /**
     * Waits for every task until this deadline, in order, and cancels (with interruption) each one not finished
     * by then. One slow task does not cost the others their time: all share the one deadline.
     *
     * @param tasks the tasks, usually running on other threads
     * @return what became of each, in the order of {@code tasks}
     */
    public <T> List<Waited<T>> awaitAll(List<? extends Future<T>> tasks) {
        List<Waited<T>> out = new ArrayList<>(tasks.size());
        for (Future<T> task : tasks) {
            out.add(await(task));
        }
        return out;
    }

    private static long clampedNanos(Duration d) {
        try {
            return Math.max(-FAR, Math.min(FAR, d.toNanos()));
        } catch (ArithmeticException e) {
            return d.isNegative() ? -FAR : FAR;
        }
    }

    @Override
    public String toString() {
        return "Deadline[" + remainingMillis() + " ms left]";
    }
}
