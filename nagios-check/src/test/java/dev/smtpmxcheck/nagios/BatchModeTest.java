package dev.smtpmxcheck.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.time.RunQueueWaitReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchModeTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** A checker that answers by the target's name: OK, a crash, an Error, a hang, a bad name. */
    private static final MailChecker FAKE = (target, options) -> {
        switch (target.name()) {
            case "crash.test":
                throw new IllegalStateException("probe fell over\nsecond line");
            case "error.test":
                throw new StackOverflowError();
            case "hang.test":
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Reports.okTwoMx();
            case "bad..test":
                throw new IllegalArgumentException("invalid domain 'bad..test': empty label");
            case "warn.test":
                return Reports.warningOneUnreachable();
            default:
                return Reports.okTwoMx();
        }
    };

    private int run(MailChecker checker, BatchMode.SinkFactory sinks, String text, String... extra) throws IOException {
        Path f = dir.resolve("batch.txt");
        Files.writeString(f, text);
        List<String> args = new ArrayList<>(List.of("--batch", f.toString()));
        args.addAll(List.of(extra));
        BatchMode mode = new BatchMode(checker, () -> "checker.example.net", Duration.ofMillis(100), sinks, () -> 1234L);
        return mode.run(args.toArray(new String[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add(StdoutSink.MAPPER.readTree(line));
        }
        return out;
    }

    private static Map<Integer, JsonNode> byLine(List<JsonNode> lines) {
        Map<Integer, JsonNode> m = new HashMap<>();
        for (JsonNode n : lines) {
            if (n.get("type").asText().equals("result")) {
                m.put(n.get("line").asInt(), n);
            }
        }
        return m;
    }

    @Test
    void everyLineGetsItsOwnResultAndOneFailureStopsNoOther() throws Exception {
        String text = "# lab\n"
                + "good.test\n"
                + "crash.test\n"
                + "error.test -t 1\n"
                + "hang.test -t 0.3:WARNING\n"
                + "bad..test\n"
                + "-H mx1.good.test --no-mta-sts --engine-host mail --engine-service mx1\n"
                + "warn.test --bogus\n"
                + "warn.test -e 'open\n";

        int rc = run(FAKE, BatchMode.SINKS, text, "-t", "5");

        List<JsonNode> lines = jsonLines();
        Map<Integer, JsonNode> r = byLine(lines);
        assertThat(rc).isZero();
        assertThat(r).containsOnlyKeys(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(r.get(2).get("state").asText()).isEqualTo("OK");
        assertThat(r.get(2).get("report").get("schemaVersion").asInt()).isPositive();
        assertThat(r.get(2).get("report").get("domain").asText()).isEqualTo(Reports.okTwoMx().domain());
        assertThat(r.get(2).get("host").asText()).isEqualTo("good.test");
        assertThat(r.get(2).get("service").asText()).isEqualTo("smtp-mx");
        assertThat(r.get(3).get("output").asText())
                .isEqualTo("SMTP MX UNKNOWN - internal error: IllegalStateException: probe fell over");
        assertThat(r.get(3).get("exitCode").asInt()).isEqualTo(3);
        assertThat(r.get(3).has("report")).isFalse();
        assertThat(r.get(4).get("output").asText()).isEqualTo("SMTP MX UNKNOWN - internal error: StackOverflowError: StackOverflowError");
        assertThat(r.get(5).get("output").asText()).isEqualTo("SMTP MX WARNING - check did not finish within 0.3 s");
        assertThat(r.get(5).get("elapsedMillis").asLong()).isBetween(300L, 5_000L);
        assertThat(r.get(6).get("output").asText()).isEqualTo("SMTP MX UNKNOWN - invalid domain 'bad..test': empty label");
        assertThat(r.get(7).get("host").asText()).isEqualTo("mail");
        assertThat(r.get(7).get("service").asText()).isEqualTo("mx1");
        assertThat(r.get(7).get("target").asText()).isEqualTo("mx1.good.test");
        assertThat(r.get(8).get("output").asText()).isEqualTo("SMTP MX UNKNOWN - line 8: unknown option '--bogus'");
        assertThat(r.get(8).get("host").asText()).isEqualTo("warn.test");
        assertThat(r.get(9).get("output").asText()).isEqualTo("SMTP MX UNKNOWN - line 9: a single quote is not closed");
        assertThat(r.get(9).has("host")).isFalse();
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("entries").asInt()).isEqualTo(8);
        assertThat(summary.get("ok").asInt()).isEqualTo(2);
        assertThat(summary.get("warning").asInt()).isEqualTo(1);
        assertThat(summary.get("unknown").asInt()).isEqualTo(5);
        assertThat(summary.get("delivered").asInt()).isEqualTo(8);
        assertThat(summary.get("cpuMillis").asLong()).isEqualTo(1234L);
    }

    @Test
    void aLineGivingOneDomainTwiceIsThatEntrysUnknownAndTheOthersAreChecked() throws Exception {
        int rc = run(FAKE, BatchMode.SINKS, "-D relay.test -D good.test\nwarn.test\n");

        Map<Integer, JsonNode> r = byLine(jsonLines());
        assertThat(rc).isZero();
        assertThat(r.get(1).get("output").asText()).isEqualTo("SMTP MX UNKNOWN - line 1: -D/--domain given twice"
                + " ('relay.test', 'good.test'): give one domain per line");
        assertThat(r.get(1).get("exitCode").asInt()).isEqualTo(3);
        assertThat(r.get(2).get("state").asText()).isEqualTo("WARNING");
    }

    @Test
    void anEntryStarvedOfCpuIsUnknownAndTheNextOneIsJudgedOnItsOwnTime() throws Exception {
        // The process's threads as /proc/self/task shows them: one that had waited 40 s before the batch began.
        Path task = Files.createDirectories(dir.resolve("task"));
        Path schedstat = Files.createDirectories(task.resolve("300")).resolve("schedstat");
        Files.writeString(schedstat, "1000 40000000000 10\n");
        MailChecker checker = (target, options) -> {
            if (target.name().equals("starved.test")) {
                try {  // while this entry runs, the thread waits 9 s more in the run queue
                    Files.writeString(schedstat, "2000 49000000000 20\n");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return FAKE.check(new PluginArguments.Target(target.kind(), "hang.test"), options);
        };
        BatchMode mode = new BatchMode(checker, () -> "checker.example.net", Duration.ofMillis(100), BatchMode.SINKS,
                () -> 1234L, RunQueueWaitReader.of(task));
        Files.writeString(dir.resolve("batch.txt"), "starved.test -t 0.3:WARNING\nslow.test -t 0.3:WARNING\n");

        mode.run(new String[] {"--batch", dir.resolve("batch.txt").toString(), "--parallel", "1"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        Map<Integer, JsonNode> r = byLine(jsonLines());
        assertThat(r.get(1).get("output").asText()).matches("SMTP MX UNKNOWN - check did not finish within 0\\.3 s:"
                + " this host was overloaded \\(the check's threads waited 9\\.0 s for a CPU in \\d+\\.\\d s\\);"
                + " no verdict on the mail servers");
        assertThat(r.get(1).get("exitCode").asInt()).isEqualTo(3);
        // the 49 s are older than this entry: it waited nothing, and its timeout keeps the state it chose
        assertThat(r.get(2).get("output").asText()).isEqualTo("SMTP MX WARNING - check did not finish within 0.3 s");
        assertThat(r.get(2).get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void atMostParallelChecksRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        MailChecker slow = (t, o) -> {
            seen.add(running.incrementAndGet());
            try {
                Thread.sleep(80);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return Reports.okTwoMx();
        };

        int rc = run(slow, BatchMode.SINKS, "a.test\nb.test\nc.test\nd.test\ne.test\nf.test\n", "--parallel", "2");

        assertThat(rc).isZero();
        assertThat(seen).hasSize(6);
        assertThat(Collections.max(seen)).isEqualTo(2);
    }

    @Test
    void aResultThatCannotBeDeliveredIsNamedOnStandardErrorAndTheOthersGoOn() throws Exception {
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        BatchMode.SinkFactory flaky = (batch, out, source) -> new ResultSink() {
            @Override
            public void deliver(BatchResult result) throws IOException {
                if (result.entry().engineHost().equals("b.test")) {
                    throw new IOException("HTTP 404 No objects found.");
                }
                delivered.add(result.entry().engineHost() + "!" + result.entry().engineService() + " from " + source);
            }

            @Override
            public void close() {}

            @Override
            public String describe() {
                return "test sink";
            }
        };

        int rc = run(FAKE, flaky, "a.test\nb.test\nwarn.test\n", "--submit", "nagios-cmd=" + Files.createFile(dir.resolve("cmd")));

        assertThat(rc).isEqualTo(State.WARNING.exitCode());
        assertThat(delivered).containsExactlyInAnyOrder("a.test!smtp-mx from checker.example.net",
                "warn.test!smtp-mx from checker.example.net");
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .isEqualTo("check_smtp_mx: line 2 (b.test!smtp-mx) not submitted (OK): HTTP 404 No objects found.\n");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith(
                "SMTP MX WARNING - batch of 3 entries, 2 submitted to test sink, 1 not submitted (2 OK, 1 WARNING, 0 CRITICAL,"
                + " 0 UNKNOWN) | entries=3;;;0 submitted=2;;;0 failed=1;;;0 ok=2;;;0 warning=1;;;0 critical=0;;;0"
                + " unknown=0;;;0 time=");
    }

    @Test
    void aUsageErrorChecksNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        int rc = run((t, o) -> {
            calls.incrementAndGet();
            return Reports.okTwoMx();
        }, BatchMode.SINKS, "a.test\n", "-w", "x");

        assertThat(rc).isEqualTo(3);
        assertThat(calls).hasValue(0);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("SMTP MX UNKNOWN - invalid -w/--warning 'x'")
                .contains(BatchArguments.USAGE);
    }

    @Test
    void theNagiosCommandFileGetsOneCommandPerLine() throws Exception {
        Path cmd = Files.createFile(dir.resolve("nagios.cmd"));

        int rc = run(FAKE, BatchMode.SINKS, "good.test\nwarn.test --engine-host mail\n", "--submit", "nagios-cmd=" + cmd);

        assertThat(rc).isZero();
        List<String> commands = Files.readAllLines(cmd);
        assertThat(commands).hasSize(2).allMatch(c -> c.matches("\\[\\d+\\] PROCESS_SERVICE_CHECK_RESULT;.*"));
        assertThat(commands).anyMatch(c -> c.contains(";good.test;smtp-mx;0;SMTP MX OK - "))
                .anyMatch(c -> c.contains(";mail;smtp-mx;1;SMTP MX WARNING - "));
    }

    @Test
    void theFrontEndHandsBatchCommandLinesToBatchMode() throws Exception {
        Path f = dir.resolve("b.txt");
        Files.writeString(f, "good.test\n");
        CheckSmtpMx plugin = new CheckSmtpMx(FAKE, r -> "{}", () -> null, Duration.ofSeconds(1));

        int rc = plugin.run(new String[] {"--batch", f.toString()}, new PrintStream(stdout, true, StandardCharsets.UTF_8));

        assertThat(rc).isZero();
        assertThat(jsonLines()).extracting(n -> n.get("type").asText()).containsExactly("result", "summary");
    }
}
