package dev.smtpmxcheck.gate;

import dev.smtpmxcheck.core.report.State;
import java.util.Locale;

/**
 * When a check changes its build's result.
 *
 * <p>The absolute gates compare the domain's state with a threshold in the order of {@link State#worse}
 * (CRITICAL &gt; WARNING &gt; UNKNOWN &gt; OK): {@code failOn = WARNING} fails the build on WARNING and on
 * CRITICAL, not on UNKNOWN. The regression gate compares with the domain's previous report (see {@link Gate}).
 *
 * @param failOn the state from which the build fails outright, or null for never
 * @param unstableOn the state from which the build becomes UNSTABLE, or null for never
 * @param failOnRegression whether a regression changes the build result at all (it is logged either way)
 * @param regressionResult what a regression makes of the build: {@link BuildResult#FAILURE} or
 *     {@link BuildResult#UNSTABLE}
 */
public record GateSettings(State failOn, State unstableOn, boolean failOnRegression, BuildResult regressionResult) {

    /** The word that turns an absolute gate off. */
    public static final String NEVER = "NEVER";

    public GateSettings {
        if (failOn == State.OK || unstableOn == State.OK) {
            throw new IllegalArgumentException("a gate on OK would judge every build; use WARNING, CRITICAL, UNKNOWN or "
                    + NEVER);
        }
        if (regressionResult == null || regressionResult == BuildResult.SUCCESS) {
            throw new IllegalArgumentException("regressionResult must be FAILURE or UNSTABLE, got " + regressionResult);
        }
    }

    /** Fail on CRITICAL, no UNSTABLE threshold, a regression fails the build. */
    public static GateSettings defaults() {
        return new GateSettings(State.CRITICAL, null, true, BuildResult.FAILURE);
    }

    /**
     * Parses a threshold of {@code failOn} or {@code unstableOn}: {@code WARNING}, {@code CRITICAL}, {@code UNKNOWN}
     * or {@code NEVER} (null), any case; blank means {@code fallback}.
     *
     * @param setting the setting's name, for the message
     * @throws IllegalArgumentException for any other text, with a one-line message
     */
    public static State parseThreshold(String setting, String text, State fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        switch (name) {
            case NEVER:
                return null;
            case "WARNING":
            case "CRITICAL":
            case "UNKNOWN":
                return State.valueOf(name);
            default:
                throw new IllegalArgumentException(setting + " must be WARNING, CRITICAL, UNKNOWN or NEVER, got '" + text + "'");
        }
    }

    /** True when {@code state} is {@code threshold} or worse; never for a null threshold or OK. */
    static boolean reaches(State state, State threshold) {
        return threshold != null && state != State.OK && State.rank(state) >= State.rank(threshold);
    }
}
