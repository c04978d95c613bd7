package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.EhloName;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.time.RunQueueWaitReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code check_smtp_mx --batch FILE}: one process checks every line of a batch file ({@link BatchFile}), at most
 * {@code --parallel} at once ({@link BatchRunner}), and delivers one result per line to standard output, Icinga 2's
 * API or a Nagios command file ({@link ResultSink}).
 *
 * <p>Exit status, so that the batch itself can run as a check: 0 when every result was delivered, 1 when some were
 * not, 2 when none was, 3 for a usage error, an unreadable batch file or a destination that cannot be opened
 * (nothing is checked then). With {@code --submit stdout} the summary is the last JSON line; with the other
 * destinations it is a plugin status line on standard output ({@link BatchSummary#pluginOutput}). Every result
 * that could not be delivered is named on standard error, one line each.
 */
public final class BatchMode {

    /** Opens the destination of {@code --submit}. */
    @FunctionalInterface
    public interface SinkFactory {
        /**
         * Opens the sink for {@code batch}.
         *
         * @param out standard output
         * @param checkSource the name of this host, the source of the results
         * @throws IOException when the destination cannot be used
         */
        ResultSink open(BatchArguments.Batch batch, PrintStream out, String checkSource) throws IOException;
    }

    /** The real destinations. */
    public static final SinkFactory SINKS = (batch, out, checkSource) -> {
        BatchArguments.Submit submit = batch.submit();
        switch (submit.kind()) {
            case ICINGA2_API:
                Icinga2ApiSink.Credentials credentials;
                try {
                    credentials = Icinga2ApiSink.Credentials.parse(Files.readString(batch.apiCredentials(),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new IOException("credentials file " + batch.apiCredentials() + ": " + e.getMessage(), e);
                }
                return new Icinga2ApiSink(submit.apiUrl(), credentials, batch.apiCaFile(), checkSource);
            case NAGIOS_CMD:
                return NagiosCommandSink.open(submit.commandFile(), () -> System.currentTimeMillis() / 1000);
            default:
                return new StdoutSink(out);
        }
    };

    private final MailChecker checker;
    private final Supplier<String> localHostName;
    private final Duration grace;
    private final SinkFactory sinks;
    private final LongSupplier cpuMillis;
    private final RunQueueWaitReader cpuWaits;

    /** Batch mode wired to check-core and the real destinations. */
    public BatchMode() {
        this(MailChecker.CORE, EhloName::canonicalNameOfThisHost, Duration.ofSeconds(CheckSmtpMx.GRACE_SECONDS), SINKS,
                BatchMode::processCpuMillis, RunQueueWaitReader.ofThisProcess());
    }

    /**
     * Batch mode with its collaborators replaced, for tests.
     *
     * @param checker runs one check
     * @param localHostName the canonical name of this host (default EHLO name and check source)
     * @param grace how long past an entry's {@code -t} its check may still return
     * @param sinks opens the destination
     * @param cpuMillis the process's CPU time so far in ms, -1 when unknown
     */
    public BatchMode(MailChecker checker, Supplier<String> localHostName, Duration grace, SinkFactory sinks,
            LongSupplier cpuMillis) {
        this(checker, localHostName, grace, sinks, cpuMillis, RunQueueWaitReader.none());
    }

    /**
     * Batch mode with its collaborators replaced, including where it reads how long its threads waited for a CPU.
     *
     * @param checker runs one check
     * @param localHostName the canonical name of this host (default EHLO name and check source)
     * @param grace how long past an entry's {@code -t} its check may still return
     * @param sinks opens the destination
     * @param cpuMillis the process's CPU time so far in ms, -1 when unknown
     * @param cpuWaits reads the run-queue wait of the process's threads, to tell an entry starved of CPU (see
     *     {@link BatchRunner})
     */
    public BatchMode(MailChecker checker, Supplier<String> localHostName, Duration grace, SinkFactory sinks,
            LongSupplier cpuMillis, RunQueueWaitReader cpuWaits) {
        this.cpuWaits = Objects.requireNonNull(cpuWaits, "cpuWaits");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.localHostName = Objects.requireNonNull(localHostName, "localHostName");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.sinks = Objects.requireNonNull(sinks, "sinks");
        this.cpuMillis = Objects.requireNonNull(cpuMillis, "cpuMillis");
    }

    /**
     * Runs a batch.
     *
     * @param args the command line, with {@code --batch}
     * @param out standard output: JSON lines or the summary line
     * @param err standard error: one line per result that could not be delivered
     * @return the exit code, 0 to 3 (see the class comment)
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        BatchArguments.Batch batch;
        String text;
        try {
            batch = BatchArguments.parse(args);
            text = readFile(batch);
        } catch (UsageException e) {
            out.print(PluginOutput.line(State.UNKNOWN, NagiosOutput.safe(e.getMessage())).text());
            out.println(PluginArguments.USAGE);
            out.println(BatchArguments.USAGE);
            out.flush();
            return State.UNKNOWN.exitCode();
        }
        List<BatchEntry> entries = entries(batch, BatchFile.parse(text));

        String hostName = EhloName.ofThisHost(localHostName);
        ResultSink sink;
        try {
            sink = sinks.open(batch, out, hostName);
        } catch (IOException | RuntimeException e) {
            out.print(PluginOutput.line(State.UNKNOWN, "cannot submit: " + CheckSmtpMx.oneLine(e)).text());
            out.flush();
            return State.UNKNOWN.exitCode();
        }
        AtomicIntegerArray states = new AtomicIntegerArray(State.values().length);
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        BatchRunner runner = new BatchRunner(checker, grace, batch.parallel(), hostName, cpuWaits);
        try {
            runner.run(entries, result -> {
                states.incrementAndGet(result.state().ordinal());
                if (!result.entry().hasObjectNames() && batch.submit().kind() != BatchArguments.SubmitKind.STDOUT) {
                    failed.incrementAndGet();
                    notDelivered(err, result, "the line names no usable host and service: " + result.output().summary());
                    return;
                }
                try {
                    sink.deliver(result);
                    delivered.incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                    notDelivered(err, result, PluginArguments.firstLine(e.getMessage()));
                }
            }, (result, e) -> {
                failed.incrementAndGet();
                notDelivered(err, result, "internal error: " + CheckSmtpMx.oneLine(e));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BatchSummary summary = new BatchSummary(entries.size(), states.get(State.OK.ordinal()),
                states.get(State.WARNING.ordinal()), states.get(State.CRITICAL.ordinal()),
                states.get(State.UNKNOWN.ordinal()), delivered.get(), failed.get(),
                (System.nanoTime() - start) / 1_000_000, cpuMillis.getAsLong());
        if (batch.submit().kind() == BatchArguments.SubmitKind.STDOUT) {
            out.println(summary.json());
        } else {
            out.print(summary.pluginOutput(sink.describe()).text());
        }
        out.flush();
        err.flush();
        sink.close();
        return summary.state().exitCode();
    }

    /** The entries of the batch: every line of the file with its options parsed and its engine object names. */
    static List<BatchEntry> entries(BatchArguments.Batch batch, List<BatchFile.Line> lines) {
        List<BatchEntry> entries = new ArrayList<>(lines.size());
        for (BatchFile.Line line : lines) {
            entries.add(entry(batch, line));
        }
        return entries;
    }

    private static BatchEntry entry(BatchArguments.Batch batch, BatchFile.Line line) {
        String target = targetOf(line.args());
        String host = null;
        String service = null;
        try {
            if (target != null || line.engineHost() != null) {
                host = BatchArguments.checkObjectName(line.engineHost() != null ? line.engineHost()
                        : BatchArguments.objectName(batch.hostTemplate(), target), "--engine-host");
            }
            if (target != null || line.engineService() != null) {
                service = BatchArguments.checkObjectName(line.engineService() != null ? line.engineService()
                        : BatchArguments.objectName(batch.serviceTemplate(), target), "--engine-service");
            }
        } catch (UsageException e) {
            return new BatchEntry(line.line(), null, target, null, null, e.getMessage());
        }
        if (line.error() != null) {
            return new BatchEntry(line.line(), null, target, host, service, line.error());
        }
        try {
            return BatchEntry.of(line.line(), BatchArguments.entry(batch.common(), line.args()), host, service);
        } catch (UsageException e) {
            return new BatchEntry(line.line(), null, target, host, service, e.getMessage());
        }
    }

    /** The value of the line's last {@code -D}/{@code -H} (as written), or null: for naming an invalid line's result. */
    static String targetOf(List<String> args) {
        String target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-D") || a.equals("-H") || a.equals("--domain") || a.equals("--hostname")) && i + 1 < args.size()) {
                target = args.get(++i);
            } else if (a.startsWith("--domain=") || a.startsWith("--hostname=")) {
                target = a.substring(a.indexOf('=') + 1);
            } else if ((a.startsWith("-D") || a.startsWith("-H")) && a.length() > 2) {
                target = a.substring(2);
            }
        }
        return target == null || target.isBlank() ? null : target;
    }

    private static String readFile(BatchArguments.Batch batch) {
        try {
            byte[] bytes = Files.readAllBytes(batch.file());
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("batch file " + PluginArguments.quote(batch.file().toString()) + " is not UTF-8");
        } catch (IOException e) {
            throw new UsageException("cannot read batch file " + PluginArguments.quote(batch.file().toString()) + ": "
                    + CheckSmtpMx.oneLine(e));
        }
    }

    private static void notDelivered(PrintStream err, BatchResult result, String why) {
        BatchEntry e = result.entry();
        synchronized (err) {
            err.println(PluginArguments.PROGRAM + ": line " + e.line()
                    + (e.hasObjectNames() ? " (" + e.engineHost() + "!" + e.engineService() + ")" : "")
                    + " not submitted (" + result.state().name() + "): " + NagiosOutput.safe(why));
        }
    }

    /** The CPU time of this process so far (user and system) in milliseconds, -1 when the platform cannot tell. */
    static long processCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
