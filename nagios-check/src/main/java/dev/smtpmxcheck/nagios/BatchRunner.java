package dev.smtpmxcheck.nagios;

import dev.smtpmxcheck.core.CheckOptions;
import dev.smtpmxcheck.core.report.CheckReport;
import dev.smtpmxcheck.core.report.State;
import dev.smtpmxcheck.core.time.CpuWait;
import dev.smtpmxcheck.core.time.Deadline;
import dev.smtpmxcheck.core.time.RunQueueWaitReader;
import dev.smtpmxcheck.core.time.RunQueueWaitReader.ThreadWaits;
import dev.smtpmxcheck.core.time.Waited;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs the entries of a batch, at most {@code parallel} at a time, each under its own deadline: its {@code -t}
 * (counted from the moment the entry starts) plus the watchdog's grace. Each check runs on a daemon thread of its
 * own, watched by one of {@code parallel} supervisor threads, so that a check stuck in a library call costs its
 * entry a timeout result and never holds up the others. Whatever happens to one entry (an invalid line, an
 * exception, an {@link Error} in a probe, a hang) becomes that entry's result, in the words a single run would
 * print; the sink is called once per entry, on the supervisor's thread, as soon as the entry ends.
 *
 * <p>An entry that runs out of time is judged as a single run is ({@link TimeoutOutput}): UNKNOWN, "this host was
 * overloaded", when the process's threads waited for a CPU for at least half of the entry's wall time. The wait is
 * the whole process's over the entry's time (the run-queue wait each thread added since the entry started, read
 * with {@link RunQueueWaitReader}; threads that ended in between are lost): the threads of one entry cannot be told
 * from those of the entries running beside it, and a batch process that starves has starved them all. The reading
 * at an entry's start costs about 0.2 ms of CPU with 50 threads alive (a second one is taken only on a timeout).
 */
public final class BatchRunner {

    private final MailChecker checker;
    private final Duration grace;
    private final int parallel;
    private final String defaultEhloName;
    private final RunQueueWaitReader cpuWaits;

    /**
     * A runner.
     *
     * @param checker runs one check
     * @param grace how long past an entry's {@code -t} its check may still return
     * @param parallel how many entries run at once, at least 1
     * @param defaultEhloName the EHLO name of entries without {@code -e}
     */
    public BatchRunner(MailChecker checker, Duration grace, int parallel, String defaultEhloName) {
        this(checker, grace, parallel, defaultEhloName, RunQueueWaitReader.none());
    }

    /**
     * A runner that tells entries starved of CPU from those whose servers were slow.
     *
     * @param checker runs one check
     * @param grace how long past an entry's {@code -t} its check may still return
     * @param parallel how many entries run at once, at least 1
     * @param defaultEhloName the EHLO name of entries without {@code -e}
     * @param cpuWaits reads the run-queue wait of the process's threads, at an entry's start and when it runs out
     *     of time ({@link RunQueueWaitReader#none()}: a timeout keeps the state of {@code -t N:STATE})
     * @throws IllegalArgumentException when {@code parallel} is below 1
     */
    public BatchRunner(MailChecker checker, Duration grace, int parallel, String defaultEhloName,
            RunQueueWaitReader cpuWaits) {
        this.cpuWaits = Objects.requireNonNull(cpuWaits, "cpuWaits");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        this.parallel = parallel;
        this.defaultEhloName = Objects.requireNonNull(defaultEhloName, "defaultEhloName");
    }

    /**
     * Runs every entry and hands each result to {@code sink}; returns when all have been handed over. An exception
     * thrown by the sink is the sink's to report: it is passed to {@code sinkFailure} and the other entries go on.
     *
     * @param entries the entries, started in this order
     * @param sink receives each result, from several threads at once
     * @param sinkFailure receives what the sink threw, with the result it was given
     * @throws InterruptedException when the calling thread is interrupted while waiting (the entries are cancelled)
     */
    public void run(List<BatchEntry> entries, Consumer<BatchResult> sink,
            BiConsumer<BatchResult, RuntimeException> sinkFailure) throws InterruptedException {
        ExecutorService supervisors = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, entries.size())),
                daemonThreads("check_smtp_mx-batch-"));
        try {
            for (BatchEntry entry : entries) {
                supervisors.execute(() -> {
                    BatchResult result = runOne(entry);
                    try {
                        sink.accept(result);
                    } catch (RuntimeException e) {
                        sinkFailure.accept(result, e);
                    }
                });
            }
            supervisors.shutdown();
            while (!supervisors.awaitTermination(1, TimeUnit.MINUTES)) {
                // every entry is bounded by its deadline and the sink by its own timeouts: keep waiting
            }
        } finally {
            supervisors.shutdownNow();
        }
    }

    /** Runs one entry on a thread of its own and waits for it until its deadline; never throws. */
    BatchResult runOne(BatchEntry entry) {
        if (entry.error() != null) {
            return new BatchResult(entry, PluginOutput.line(State.UNKNOWN,
                    NagiosOutput.safe("line " + entry.line() + ": " + entry.error())), null, 0);
        }
        PluginArguments.Invocation inv = entry.invocation();
        Duration timeout = inv.options().timeout();
        CheckOptions options = inv.options();
        if (options.stageTimeout().compareTo(timeout) > 0) {
            options = options.withStageTimeout(timeout);
        }
        if (!inv.ehloGiven()) {
            options = options.withEhloName(defaultEhloName);
        }
        CheckOptions finalOptions = options;
        Optional<ThreadWaits> waitsBefore = cpuWaits.read();
        long start = System.nanoTime();
        FutureTask<CheckReport> task = new FutureTask<>(() -> {
            CheckReport report = checker.check(inv.target(), finalOptions);
            if (report == null) {
                throw new IllegalStateException("the check returned no report");
            }
            return report;
        });
        Thread worker = new Thread(task, "check_smtp_mx-batch-line-" + entry.line());
        worker.setDaemon(true);
        worker.start();
        Waited<CheckReport> waited = Deadline.after(timeout.plus(grace)).await(task);
        long elapsedNanos = System.nanoTime() - start;
        long elapsed = elapsedNanos / 1_000_000;
        if (waited instanceof Waited.Completed<CheckReport> done) {
            try {
                return new BatchResult(entry, NagiosOutput.render(done.value(), finalOptions, inv.verbosity(), inv.perfdata()),
                        done.value(), elapsed);
            } catch (RuntimeException e) {
                return new BatchResult(entry, PluginOutput.line(State.UNKNOWN, "internal error: " + CheckSmtpMx.oneLine(e)),
                        null, elapsed);
            }
        }
        if (waited instanceof Waited.TimedOut) {
            CpuWait wait = waitsBefore.flatMap(before -> cpuWaits.read().map(now -> now.nanosSince(before)))
                    .map(nanos -> CpuWait.of(elapsedNanos, nanos))
                    .orElseGet(() -> CpuWait.unmeasured(elapsedNanos));
            return new BatchResult(entry, TimeoutOutput.of(inv.timeoutState(), timeout, wait), null, elapsed);
        }
        if (waited instanceof Waited.Failed<CheckReport> failed) {
            Throwable cause = failed.cause();
            String text = cause instanceof IllegalArgumentException
                    ? NagiosOutput.safe(CheckSmtpMx.oneLineMessage(cause))
                    : "internal error: " + CheckSmtpMx.oneLine(cause);
            return new BatchResult(entry, PluginOutput.line(State.UNKNOWN, text), null, elapsed);
        }
        return new BatchResult(entry, PluginOutput.line(State.UNKNOWN, "internal error: interrupted"), null, elapsed);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
