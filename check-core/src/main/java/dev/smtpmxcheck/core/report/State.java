package dev.smtpmxcheck.core.report;

/**
 * The service state of a check, with the exit codes of the Monitoring Plugins Development Guidelines
 * (OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3).
 *
 * <p>States combine by {@link #worse(State)} in the order CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK
 * (monitoring-plugins' {@code max_state_alt}), so a part that could not be checked is never masked
 * by a part that is fine.
 */
public enum State {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int exitCode;

    State(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The plugin exit status, 0 to 3. */
    public int exitCode() {
        return exitCode;
    }

    /** The worse of this state and {@code other}, ranked CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK. */
    public State worse(State other) {
        return rank(other) > rank(this) ? other : this;
    }

    /** The order of {@link #worse(State)}: OK 0, UNKNOWN 1, WARNING 2, CRITICAL 3. */
    public static int rank(State s) {
        switch (s) {
            case CRITICAL:
                return 3;
            case WARNING:
                return 2;
            case UNKNOWN:
                return 1;
            default:
                return 0;
        }
    }
}
