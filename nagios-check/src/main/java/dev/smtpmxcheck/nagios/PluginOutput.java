package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.report.State;
import java.util.List;
import java.util.Objects;

/**
 * What the plugin prints, in the shape of the Monitoring Plugins Development Guidelines ("Plugin Output"):
 * the status line with the first perfdata, the long output, and a last line with the remaining perfdata.
 *
 * <pre>
 * SMTP MX WARNING - 1 of 2 MX unreachable (mx2.example.test) | mx_total=2;;;0 mx_reachable=1;;;0;2
 * mx1.example.test [192.0.2.1]:25 MX 10: connects 0.012 s, STARTTLS TLSv1.3, certificate valid 80 d, relay refused
 * mx2.example.test [192.0.2.2]:25 MX 20: does not connect (refused)
 * [WARNING] MX_UNREACHABLE mx2.example.test [192.0.2.2]:25: ... — fix: ...
 * |'mx1.example.test_192.0.2.1_time_total'=0.105s;;;0 ...
 * </pre>
 *
 * <p>The extra perfdata goes on one line starting with {@code |}: Nagios and Naemon treat everything after the
 * first {@code |} in the long output as perfdata, and Icinga 2 takes perfdata from every line that has a
 * {@code |} followed by {@code =}, so one line suits both.
 *
 * @param state the service state; the exit code is {@code state.exitCode()}
 * @param summary the text after {@code "SMTP MX STATE - "}, one line, without {@code |}
 * @param perfdata perfdata of the status line (space separated entries), may be empty
 * @param longOutput further lines, without {@code |}
 * @param morePerfdata further perfdata entries, printed on the last line; may be empty
 */
public record PluginOutput(State state, String summary, String perfdata, List<String> longOutput,
        List<String> morePerfdata) {

    /** The service name at the start of every status line. */
    public static final String SERVICE = "SMTP MX";

    /** Copies the lists; requires every field. */
    public PluginOutput {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(perfdata, "perfdata");
        longOutput = List.copyOf(longOutput);
        morePerfdata = List.copyOf(morePerfdata);
    }

    /** A status line without perfdata or long output, e.g. for usage errors. */
    public static PluginOutput line(State state, String summary) {
        return new PluginOutput(state, summary, "", List.of(), List.of());
    }

    /** The first line: {@code SMTP MX <STATE> - <summary>[ | <perfdata>]}. */
    public String statusLine() {
        return SERVICE + " " + state.name() + " - " + summary + (perfdata.isEmpty() ? "" : " | " + perfdata);
    }

    /** The whole output, every line ending in {@code \n}. */
    public String text() {
        StringBuilder sb = new StringBuilder(statusLine()).append('\n');
        for (String line : longOutput) {
            sb.append(line).append('\n');
        }
        if (!morePerfdata.isEmpty()) {
            // No blank after '|': Icinga 2 before 2.13.8/2.14 (issue #8912) took it into the first label.
            sb.append('|').append(String.join(" ", morePerfdata)).append('\n');
        }
        return sb.toString();
    }

    /** The exit code of the plugin: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
    public int exitCode() {
        return state.exitCode();
    }
}
