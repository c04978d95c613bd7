package dev.smtpmxcheck.core.report;

/**
 * A threshold range in the syntax of the Monitoring Plugins Development Guidelines
 * ("10", "10:", "~:10", "10:20", "@10:20"). An alert is raised when a value is outside the range
 * (inside it, with a leading {@code @}).
 */
public record Range(double start, double end, boolean inside, String text) {

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static Range parse(String text) {
        throw new UnsupportedOperationException("TODO: nagios helper");
    }

    /** True when {@code value} should raise an alert. */
    public boolean alerts(double value) {
        throw new UnsupportedOperationException("TODO: nagios helper");
    }

    /** The range as given, for perfdata. */
    @Override
    public String toString() {
        return text;
    }
}
