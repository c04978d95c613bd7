package dev.smtpmxcheck.core.report;

import java.util.Objects;
import java.util.Optional;

/**
 * How one stage of the probe of an address, or one optional diagnostic, ended: done with its facts, failed with a
 * {@link Failure} whose reason comes from a closed set, or not run with a {@link NotRunReason}. Judges decide on this
 * type and on the failure's reason and reply, never on the failure's words (sslyze's {@code ScanCommandAttempt}).
 *
 * @param <T> the facts the stage yields
 */
public sealed interface Outcome<T> {

    /**
     * The stage completed.
     *
     * @param facts what it saw, never null
     */
    record Done<T>(T facts) implements Outcome<T> {
        public Done {
            Objects.requireNonNull(facts, "facts");
        }
    }

    /**
     * The stage failed.
     *
     * @param failure where and why, never null
     * @param partial what the stage saw before it failed (the greeting that refused the session, the refused HELO
     *     reply, the relay replies before RSET broke), or null when it saw nothing
     */
    record Failed<T>(Failure failure, T partial) implements Outcome<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The stage was not run.
     *
     * @param why the reason, never null
     */
    record NotRun<T>(NotRunReason why) implements Outcome<T> {
        public NotRun {
            Objects.requireNonNull(why, "why");
        }
    }

    /** A completed stage with {@code facts}. */
    static <T> Outcome<T> done(T facts) {
        return new Done<>(facts);
    }

    /** A failed stage that saw nothing worth keeping. */
    static <T> Outcome<T> failed(Failure failure) {
        return new Failed<>(failure, null);
    }

    /** A failed stage with what it saw before failing ({@code partial}, may be null). */
    static <T> Outcome<T> failed(Failure failure, T partial) {
        return new Failed<>(failure, partial);
    }

    /** A stage that did not run, for {@code why}. */
    static <T> Outcome<T> notRun(NotRunReason why) {
        return new NotRun<>(why);
    }

    /** True when the stage completed. */
    default boolean isDone() {
        return this instanceof Done;
    }

    /** The facts of a completed stage, or what a failed one saw before it failed; empty otherwise. */
    default Optional<T> seen() {
        if (this instanceof Done<T> done) {
            return Optional.of(done.facts());
        }
        if (this instanceof Failed<T> failed) {
            return Optional.ofNullable(failed.partial());
        }
        return Optional.empty();
    }

    /** The failure of a failed stage; empty otherwise. */
    default Optional<Failure> failed() {
        return this instanceof Failed<T> failed ? Optional.of(failed.failure()) : Optional.empty();
    }

    /** Why the stage did not run; empty when it ran. */
    default Optional<NotRunReason> notRun() {
        return this instanceof NotRun<T> notRun ? Optional.of(notRun.why()) : Optional.empty();
    }
}
