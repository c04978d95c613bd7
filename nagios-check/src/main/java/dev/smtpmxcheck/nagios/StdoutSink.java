package dev.smtpmxcheck.nagios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smtpmxcheck.core.report.json.JsonReport;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;

/**
 * {@code --submit stdout}: one JSON object per line (JSON Lines), in the order the entries end. A result line is
 *
 * <pre>
 * {"type":"result","line":3,"target":"example.com","host":"example.com","service":"smtp-mx","state":"OK",
 *  "exitCode":0,"elapsedMillis":412,"output":"SMTP MX OK - ...\n...","report":{"schemaVersion":...}}
 * </pre>
 *
 * <p>on one line: {@code output} is what a single run would have printed (lines joined by {@code \n}),
 * {@code report} the JSON report exactly as {@code --json} writes it (same schema and fields, without the
 * indentation), present only when the check returned a report (not for an invalid line, a timeout or an internal
 * error). {@code host} and {@code service} are left out when the line names none that can be used. The last line
 * is the summary, {@code {"type":"summary",...}} (see {@link BatchSummary#json()}).
 */
public final class StdoutSink implements ResultSink {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;

    /** A sink that prints to {@code out}. */
    public StdoutSink(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void deliver(BatchResult result) throws IOException {
        out.println(line(result));
        out.flush();
        if (out.checkError()) {
            throw new IOException("standard output is closed");
        }
    }

    /** The JSON line of one result, without the newline. */
    static String line(BatchResult result) {
        BatchEntry e = result.entry();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", "result");
        node.put("line", e.line());
        if (e.target() != null) {
            node.put("target", e.target());
        }
        if (e.hasObjectNames()) {
            node.put("host", e.engineHost());
            node.put("service", e.engineService());
        }
        node.put("state", result.state().name());
        node.put("exitCode", result.output().exitCode());
        node.put("elapsedMillis", result.elapsedMillis());
        String text = result.output().text();
        node.put("output", text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        try {
            if (result.report() != null) {
                node.set("report", MAPPER.readTree(JsonReport.write(result.report())));
            }
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e2) {
            throw new IllegalStateException("cannot write the JSON line of line " + e.line(), e2);
        }
    }

    @Override
    public void close() {
        out.flush();
    }

    @Override
    public String describe() {
        return "stdout";
    }
}
