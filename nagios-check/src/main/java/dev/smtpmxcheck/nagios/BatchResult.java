package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.State;
import java.util.Objects;

/**
 * The result of one entry of a batch: the plugin output that a single {@code check_smtp_mx} run would have
 * printed, and the report behind it when the check returned one.
 *
 * @param entry the entry
 * @param output the plugin output; its state is the entry's state
 * @param report the check's report, or null (invalid line, timeout, internal error)
 * @param elapsedMillis wall time of the entry's check in milliseconds
 */
public record BatchResult(BatchEntry entry, PluginOutput output, CheckReport report, long elapsedMillis) {

    /** Requires the entry and the output. */
    public BatchResult {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(output, "output");
    }

    /** The entry's state. */
    public State state() {
        return output.state();
    }
}
