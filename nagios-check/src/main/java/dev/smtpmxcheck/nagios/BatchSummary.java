package dev.smtpmxcheck.nagios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpmxcheck.core.report.State;
import java.util.List;

/**
 * What a batch did: how many entries ended in which state, how many results were delivered, and what it cost.
 *
 * @param entries the entries of the batch file
 * @param ok entries in state OK
 * @param warning entries in state WARNING
 * @param critical entries in state CRITICAL
 * @param unknown entries in state UNKNOWN (invalid lines among them)
 * @param delivered results delivered
 * @param failed results that could not be delivered
 * @param wallMillis wall time of the batch in milliseconds, from reading the file to the last delivery
 * @param cpuMillis CPU time of the whole process in milliseconds (user and system, JVM start included), or -1
 */
public record BatchSummary(int entries, int ok, int warning, int critical, int unknown, int delivered, int failed,
        long wallMillis, long cpuMillis) {

    /**
     * The state of the batch itself: OK when every result was delivered, CRITICAL when there were entries and none
     * was delivered, WARNING otherwise. The states of the entries do not count: they are the entries' own results.
     */
    public State state() {
        if (failed == 0) {
            return State.OK;
        }
        return delivered == 0 ? State.CRITICAL : State.WARNING;
    }

    /** The summary as the last line of {@code --submit stdout}: {@code {"type":"summary",...}}. */
    public String json() {
        ObjectNode node = StdoutSink.MAPPER.createObjectNode();
        node.put("type", "summary");
        node.put("state", state().name());
        node.put("entries", entries);
        node.put("ok", ok);
        node.put("warning", warning);
        node.put("critical", critical);
        node.put("unknown", unknown);
        node.put("delivered", delivered);
        node.put("failed", failed);
        node.put("wallMillis", wallMillis);
        node.put("cpuMillis", cpuMillis);
        try {
            return StdoutSink.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }

    /**
     * The summary as plugin output, printed on standard output after the results went to an engine, so that the
     * batch itself can run as a check:
     * {@code SMTP MX OK - batch of 12 entries, 12 submitted to ... (9 OK, 1 WARNING, 2 CRITICAL, 0 UNKNOWN) | ...}.
     *
     * @param destination where the results went ({@link ResultSink#describe()})
     */
    public PluginOutput pluginOutput(String destination) {
        String summary = "batch of " + entries + " entries, " + delivered + " submitted to " + destination
                + (failed > 0 ? ", " + failed + " not submitted" : "")
                + " (" + ok + " OK, " + warning + " WARNING, " + critical + " CRITICAL, " + unknown + " UNKNOWN)";
        String perf = "entries=" + entries + ";;;0 submitted=" + delivered + ";;;0 failed=" + failed + ";;;0"
                + " ok=" + ok + ";;;0 warning=" + warning + ";;;0 critical=" + critical + ";;;0 unknown=" + unknown + ";;;0"
                + " time=" + Perfdata.secondsNumber(wallMillis) + "s;;;0"
                + (cpuMillis >= 0 ? " cpu=" + Perfdata.secondsNumber(cpuMillis) + "s;;;0" : "");
        return new PluginOutput(state(), NagiosOutput.safe(summary), perf, List.of(), List.of());
    }
}
