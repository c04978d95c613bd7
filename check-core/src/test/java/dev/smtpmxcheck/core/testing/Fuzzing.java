package dev.smtpmxcheck.core.testing;

/**
 * Settings shared by the {@code *FuzzTest} classes (Jazzer's JUnit integration).
 *
 * <p>Without the environment variable {@code JAZZER_FUZZ} a {@code @FuzzTest} is a regression test: it runs the
 * empty input and every seed file under {@code src/test/resources/<package>/<Class>Inputs/<method>/}. With
 * {@code JAZZER_FUZZ=1} and one test selected ({@code -Dtest=Class#method}) Jazzer fuzzes that method for
 * {@link #MAX_DURATION}; {@code lab/fuzz} runs every target that way. A crash is written as {@code crash-<hash>}
 * into the seed directory, so that it becomes a regression test once committed.
 */
public final class Fuzzing {
    /**
     * How long one target is fuzzed in fuzzing mode: 10 s, the short run of CI. Longer runs pass libFuzzer's
     * {@code -max_total_time} instead (see {@code lab/fuzz}).
     */
    public static final String MAX_DURATION = "10s";

    private Fuzzing() {}
}
