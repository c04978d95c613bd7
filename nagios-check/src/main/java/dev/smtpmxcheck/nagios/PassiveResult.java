package dev.smtpmxcheck.nagios;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One passive check result for a service of the monitoring engine, made from a {@link BatchResult}: what an active
 * run of {@code check_smtp_mx} would have printed and exited with, split the way the engines' interfaces want it.
 * Formatting only; no I/O.
 *
 * @param host the host object's name
 * @param service the service object's name
 * @param exitStatus 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
 * @param output the plugin output as printed, lines separated by {@code \n}, without a final newline
 * @param pluginOutput the plugin output without performance data: the status line before {@code |}, then the
 *     long output (Icinga 2's {@code plugin_output})
 * @param performanceData the performance data entries, one per element (Icinga 2's {@code performance_data})
 */
public record PassiveResult(String host, String service, int exitStatus, String output, String pluginOutput,
        List<String> performanceData) {

    /**
     * Nagios reads an external command file line by line; a write of at most this many bytes to a FIFO is atomic
     * (POSIX {@code PIPE_BUF} on Linux), so lines written by several threads never interleave.
     */
    public static final int MAX_COMMAND_BYTES = 4096;

    /** Copies the list; requires every field. */
    public PassiveResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(pluginOutput, "pluginOutput");
        performanceData = List.copyOf(performanceData);
    }

    /**
     * The passive result of an entry whose engine object names are known.
     *
     * @throws IllegalArgumentException when the entry has no host or service name
     */
    public static PassiveResult of(BatchResult result) {
        BatchEntry e = result.entry();
        if (!e.hasObjectNames()) {
            throw new IllegalArgumentException("line " + e.line() + " names no host and service object");
        }
        PluginOutput out = result.output();
        List<String> perf = new ArrayList<>(perfdataEntries(out.perfdata()));
        perf.addAll(out.morePerfdata());
        StringBuilder plain = new StringBuilder(PluginOutput.SERVICE).append(' ').append(out.state().name())
                .append(" - ").append(out.summary());
        for (String line : out.longOutput()) {
            plain.append('\n').append(line);
        }
        String text = out.text();
        return new PassiveResult(e.engineHost(), e.engineService(), out.exitCode(),
                text.endsWith("\n") ? text.substring(0, text.length() - 1) : text, plain.toString(), perf);
    }

    /**
     * The Nagios external command for this result, with its newline:
     * {@code [EPOCH] PROCESS_SERVICE_CHECK_RESULT;host;service;code;output}. The output is the plugin's, its lines
     * joined by the two characters {@code \n} (and a backslash doubled), which Nagios 3 and 4 turn back into the
     * long output; Nagios takes the performance data after {@code |} itself. When the line would be longer than
     * {@value #MAX_COMMAND_BYTES} bytes, long-output lines are left out from the end, and as a last resort the
     * status line is cut.
     *
     * @param epochSeconds the time of the result, seconds since 1970 (UTC)
     */
    public String nagiosCommand(long epochSeconds) {
        String head = "[" + epochSeconds + "] PROCESS_SERVICE_CHECK_RESULT;" + host + ";" + service + ";" + exitStatus + ";";
        List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
        while (true) {
            StringBuilder sb = new StringBuilder(head);
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    sb.append("\\n");
                }
                sb.append(lines.get(i).replace("\\", "\\\\"));
            }
            sb.append('\n');
            String command = sb.toString();
            int bytes = command.getBytes(StandardCharsets.UTF_8).length;
            if (bytes <= MAX_COMMAND_BYTES) {
                return command;
            }
            if (lines.size() > 1) {
                lines.remove(lines.size() - 1);
            } else {
                String only = lines.get(0);
                lines.set(0, only.substring(0, Math.max(0, only.length() - (bytes - MAX_COMMAND_BYTES) - 1)));
            }
        }
    }

    /**
     * The entries of a perfdata string: separated by spaces, where a label in single quotes may hold spaces and
     * {@code ''} stands for a quote (Monitoring Plugins Development Guidelines, "Performance data").
     */
    static List<String> perfdataEntries(String perfdata) {
        List<String> out = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < perfdata.length(); i++) {
            char c = perfdata.charAt(i);
            if (c == '\'') {
                if (quoted && i + 1 < perfdata.length() && perfdata.charAt(i + 1) == '\'') {
                    entry.append("''");
                    i++;
                    continue;
                }
                quoted = !quoted;
                entry.append(c);
            } else if (c == ' ' && !quoted) {
                if (entry.length() > 0) {
                    out.add(entry.toString());
                    entry.setLength(0);
                }
            } else {
                entry.append(c);
            }
        }
        if (entry.length() > 0) {
            out.add(entry.toString());
        }
        return out;
    }
}
