package dev.smtpmxcheck.core.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads how long each live thread of this process has waited for a CPU, from Linux's per-thread scheduler
 * statistics: {@code /proc/self/task/<tid>/schedstat} holds three numbers, the time the thread spent on a CPU, the
 * time it spent runnable in a run queue waiting for one (both in nanoseconds since the thread started), and the
 * number of time slices it ran (Linux {@code Documentation/scheduler/sched-stats.rst}, "/proc/&lt;pid&gt;/schedstat";
 * the kernel keeps them when {@code CONFIG_SCHED_INFO} is set, as every distribution kernel does). This reader
 * takes the second.
 *
 * <p>Only live threads can be read: a thread that ended took its figures with it, so a sum over the threads can
 * only fall short of the process's real wait. Where the directory does not exist (not Linux, {@code /proc} not
 * mounted) or no thread's file can be read, there is no measurement ({@link Optional#empty()}). Never throws.
 */
public final class RunQueueWaitReader {
    /** The directory of this process's threads on Linux. */
    public static final Path PROC_SELF_TASK = Path.of("/proc/self/task");

    private static final RunQueueWaitReader NONE = new RunQueueWaitReader(null);

    private final Path taskDirectory;

    private RunQueueWaitReader(Path taskDirectory) {
        this.taskDirectory = taskDirectory;
    }

    /** The reader of this process's threads, {@link #PROC_SELF_TASK}. */
    public static RunQueueWaitReader ofThisProcess() {
        return new RunQueueWaitReader(PROC_SELF_TASK);
    }

    /**
     * A reader of {@code taskDirectory}, laid out as {@code /proc/self/task}: one directory per thread holding a
     * {@code schedstat} file (a directory of files written by a test, for instance).
     */
    public static RunQueueWaitReader of(Path taskDirectory) {
        return new RunQueueWaitReader(Objects.requireNonNull(taskDirectory, "taskDirectory"));
    }

    /** A reader that never measures anything: {@link #read()} is always empty. */
    public static RunQueueWaitReader none() {
        return NONE;
    }

    /**
     * The run-queue wait of every thread alive now, by thread id; empty when there is nothing to read. A thread
     * that ends while the directory is read, or whose file does not parse, is left out.
     */
    public Optional<ThreadWaits> read() {
        if (taskDirectory == null || !Files.isDirectory(taskDirectory)) {
            return Optional.empty();
        }
        Map<String, Long> waits = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(taskDirectory)) {
            for (Path thread : threads) {
                OptionalLong wait = readOne(thread.resolve("schedstat"));
                if (wait.isPresent()) {
                    waits.put(thread.getFileName().toString(), wait.getAsLong());
                }
            }
        } catch (IOException | DirectoryIteratorException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
        return waits.isEmpty() ? Optional.empty() : Optional.of(new ThreadWaits(waits));
    }

    private static OptionalLong readOne(Path schedstat) {
        try {
            return parseRunQueueWait(new String(Files.readAllBytes(schedstat), StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();  // the thread ended since the listing, or the file is not there
        }
    }

    /**
     * The run-queue wait, in nanoseconds, from the text of one {@code schedstat} file: its second field of three
     * ({@code "21003417 5845921 79\n"} gives 5845921); empty when the text is not three non-negative numbers.
     */
    public static OptionalLong parseRunQueueWait(String schedstat) {
        String[] fields = schedstat.strip().split("\\s+");
        if (fields.length != 3) {
            return OptionalLong.empty();
        }
        try {
            for (String f : fields) {
                if (Long.parseLong(f) < 0) {
                    return OptionalLong.empty();
                }
            }
            return OptionalLong.of(Long.parseLong(fields[1]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The run-queue wait of each thread alive at one reading, in nanoseconds since that thread started.
     *
     * @param waitNanosByThread the wait of each thread, by its thread id (the directory's name)
     */
    public record ThreadWaits(Map<String, Long> waitNanosByThread) {
        /** Copies the map. */
        public ThreadWaits {
            waitNanosByThread = Map.copyOf(waitNanosByThread);
        }

        /** The wait of all these threads together, in nanoseconds. */
        public long totalNanos() {
            long sum = 0;
            for (long w : waitNanosByThread.values()) {
                sum += w;
            }
            return sum;
        }

        /**
         * The wait these threads added since {@code earlier}, in nanoseconds: for a thread read both times, the
         * difference; for a thread started since, all of its wait. Threads that ended in between are lost.
         */
        public long nanosSince(ThreadWaits earlier) {
            long sum = 0;
            for (Map.Entry<String, Long> e : waitNanosByThread.entrySet()) {
                long before = earlier.waitNanosByThread().getOrDefault(e.getKey(), 0L);
                sum += Math.max(0, e.getValue() - before);
            }
            return sum;
        }
    }
}
