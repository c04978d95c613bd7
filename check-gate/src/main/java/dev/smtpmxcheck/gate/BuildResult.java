package dev.smtpmxcheck.gate;

import java.util.Locale;

/**
 * The result a check gives its build, with the names and order of Jenkins' {@code hudson.model.Result}
 * (SUCCESS better than UNSTABLE better than FAILURE). The Jenkins step maps it one to one.
 */
public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE;

    /** The worse of this and {@code other}. */
    public BuildResult worse(BuildResult other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * Parses the result a regression gives the build: {@code FAILURE} or {@code UNSTABLE}, any case.
     *
     * @throws IllegalArgumentException for any other text, with a one-line message naming the setting
     */
    public static BuildResult parseRegressionResult(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FAILURE") || name.equals("UNSTABLE")) {
            return valueOf(name);
        }
        throw new IllegalArgumentException("regressionResult must be FAILURE or UNSTABLE, got '" + text + "'");
    }
}
