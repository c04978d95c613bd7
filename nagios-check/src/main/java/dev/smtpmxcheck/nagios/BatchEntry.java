package dev.smtpmxcheck.nagios;

import java.util.Objects;

/**
 * One check of a batch, ready to run: its line, the parsed options, and the names of the host and service objects
 * in the monitoring engine that its result belongs to. A line that could not be parsed is an entry too: it has no
 * invocation, and its result is UNKNOWN with {@link #error()}.
 *
 * @param line the line number in the batch file, from 1
 * @param invocation the parsed options and target, or null when the line is invalid
 * @param target the domain or host as written on the line, or null when even that is unknown
 * @param engineHost the host object name, or null when it could not be made
 * @param engineService the service object name, or null when it could not be made
 * @param error why the line is invalid (one line), or null
 */
public record BatchEntry(int line, PluginArguments.Invocation invocation, String target, String engineHost,
        String engineService, String error) {

    /** An entry must have an invocation or an error. */
    public BatchEntry {
        if ((invocation == null) == (error == null)) {
            throw new IllegalArgumentException("line " + line + ": give an invocation or an error, not both or neither");
        }
    }

    /** A valid entry. */
    public static BatchEntry of(int line, PluginArguments.Invocation invocation, String engineHost, String engineService) {
        Objects.requireNonNull(invocation, "invocation");
        return new BatchEntry(line, invocation, invocation.target().name(), engineHost, engineService, null);
    }

    /** True when the result can be addressed to an engine object. */
    public boolean hasObjectNames() {
        return engineHost != null && engineService != null;
    }
}
