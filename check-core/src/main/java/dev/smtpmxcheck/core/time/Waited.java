package dev.smtpmxcheck.core.time;

/**
 * What became of a task that was waited for until a {@link Deadline}: it completed with a value, it failed with an
 * exception, it was still running at the deadline (and has been cancelled), or the waiting thread was interrupted
 * (the task has been cancelled and the thread's interrupt flag is set again).
 *
 * @param <T> the task's value
 */
public sealed interface Waited<T> {

    /** The task returned {@code value} (which may be null when the task returns null). */
    record Completed<T>(T value) implements Waited<T> {}

    /** The task threw {@code cause} (the task's own exception, not the {@code ExecutionException} around it). */
    record Failed<T>(Throwable cause) implements Waited<T> {
        public Failed {
            java.util.Objects.requireNonNull(cause, "cause");
        }
    }

    /** The deadline passed before the task returned; the task has been cancelled. */
    record TimedOut<T>() implements Waited<T> {}

    /** The waiting thread was interrupted; the task has been cancelled and the interrupt flag is set again. */
    record Interrupted<T>() implements Waited<T> {}
}
