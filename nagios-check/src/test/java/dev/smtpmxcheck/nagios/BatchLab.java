package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the batch-mode engine tests share: the batch file over lab domains, running the built plugin, and the
 * expected result of each line, taken from a run with {@code --submit stdout} (the outputs have no timing in them
 * apart from the performance data, whose labels are compared).
 */
final class BatchLab {

    /** engine host, engine service, batch line, expected exit code. */
    record Line(String host, String service, String text, int exitCode) {}

    static final List<Line> LINES = List.of(
            new Line("lab-mail", "mx-good.test", "good.test", 0),
            new Line("lab-mail", "mx-closed.test", "closed.test", 1),
            new Line("lab-mail", "mx-badcert.test", "badcert.test --no-relay-test", 2),
            new Line("lab-mx-hosts", "mx1.good.test",
                    "-H mx1.good.test -e batch.test --engine-host lab-mx-hosts --engine-service mx1.good.test", 0));

    /** A result as an engine stores it: state, status line without perfdata, long output, perfdata labels. */
    record Expected(int exitCode, String statusLine, String longOutput, List<String> perfdataLabels) {}

    private BatchLab() {}

    /** Writes the batch file (with a comment and a blank line) into DIR. */
    static Path writeBatchFile(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# lab domains for the batch-mode engine tests\n\n");
        for (Line l : LINES) {
            sb.append(l.text()).append('\n');
        }
        Path f = dir.resolve("batch.txt");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** The check options of every batch run: the lab's DNS server and CA. */
    static List<String> checkOptions(Path ca) {
        return List.of("-s", LabEngines.DNS_SERVER, "-C", ca.toString(), "-t", "20",
                "--host-template", "lab-mail", "--service-template", "mx-{target}");
    }

    /** Runs the built plugin with ARGS. */
    static LabEngines.Run plugin(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LabEngines.pluginLayout().resolve("bin/check_smtp_mx").toString());
        cmd.addAll(args);
        return LabEngines.run(cmd, Map.of(), 120);
    }

    /** The expected result per "host!service", from a run with {@code --submit stdout}. */
    static Map<String, Expected> expected(Path batchFile, Path ca) throws Exception {
        List<String> args = new ArrayList<>(List.of("--batch", batchFile.toString()));
        args.addAll(checkOptions(ca));
        LabEngines.Run r = plugin(args);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : r.lines()) {
            JsonNode n = StdoutSink.MAPPER.readTree(line);
            if (!n.get("type").asText().equals("result")) {
                continue;
            }
            out.put(n.get("host").asText() + "!" + n.get("service").asText(), split(n.get("exitCode").asInt(), n.get("output").asText()));
        }
        assertThat(out).as(r.describe()).hasSize(LINES.size());
        for (Line l : LINES) {
            assertThat(out.get(l.host() + "!" + l.service()).exitCode()).as(l.text()).isEqualTo(l.exitCode());
        }
        return out;
    }

    /** Splits plugin output as the engines do: status line, long output, perfdata labels. */
    static Expected split(int exitCode, String output) {
        String[] lines = output.split("\n", -1);
        String first = lines[0];
        List<String> perf = new ArrayList<>();
        int bar = first.indexOf(" | ");
        String status = bar < 0 ? first : first.substring(0, bar);
        if (bar >= 0) {
            perf.addAll(PassiveResult.perfdataEntries(first.substring(bar + 3)));
        }
        List<String> longLines = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("|")) {
                perf.addAll(PassiveResult.perfdataEntries(lines[i].substring(1)));
            } else {
                longLines.add(lines[i]);
            }
        }
        return new Expected(exitCode, status, String.join("\n", longLines).strip(), labels(perf));
    }

    /** The labels of perfdata entries, without quotes. */
    static List<String> labels(List<String> entries) {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            String label = e.substring(0, e.lastIndexOf('='));
            out.add(label.startsWith("'") ? label.substring(1, label.length() - 1).replace("''", "'") : label);
        }
        return out;
    }
}
