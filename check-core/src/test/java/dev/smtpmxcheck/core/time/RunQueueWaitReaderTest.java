package dev.smtpmxcheck.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.smtpmxcheck.core.time.RunQueueWaitReader.ThreadWaits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunQueueWaitReaderTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            21003417 5845921 79\\n | 5845921
            0 0 0                 | 0
            '  7 8 9  '           | 8
            """)
    void theSecondFieldIsTheRunQueueWait(String text, long wait) {
        assertThat(RunQueueWaitReader.parseRunQueueWait(text.replace("\\n", "\n"))).hasValue(wait);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "1 2", "1 2 3 4", "1 x 3", "1 -2 3", "-1 2 3", "1 99999999999999999999 3"})
    void anythingElseIsNoFigure(String text) {
        assertThat(RunQueueWaitReader.parseRunQueueWait(text)).isEmpty();
    }

    @Test
    void readsEveryThreadOfADirectoryLaidOutAsProcSelfTask(@TempDir Path task) throws IOException {
        thread(task, "100", "5000 2000000000 10\n");
        thread(task, "101", "5000 500000000 3\n");
        thread(task, "102", "garbage\n");
        Files.createDirectory(task.resolve("103"));  // a thread that ended between the listing and the read

        Optional<ThreadWaits> waits = RunQueueWaitReader.of(task).read();

        assertThat(waits).isPresent();
        assertThat(waits.get().waitNanosByThread()).isEqualTo(Map.of("100", 2_000_000_000L, "101", 500_000_000L));
        assertThat(waits.get().totalNanos()).isEqualTo(2_500_000_000L);
    }

    @Test
    void noDirectoryOrNoReadableThreadIsNoMeasurement(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path unreadable = Files.createDirectory(dir.resolve("unreadable"));
        thread(unreadable, "7", "not three numbers");

        assertThat(RunQueueWaitReader.of(dir.resolve("missing")).read()).isEmpty();
        assertThat(RunQueueWaitReader.of(empty).read()).isEmpty();
        assertThat(RunQueueWaitReader.of(unreadable).read()).isEmpty();
        assertThat(RunQueueWaitReader.none().read()).isEmpty();
    }

    @Test
    void theWaitSinceAnEarlierReadingCountsWhatEachThreadAdded() {
        ThreadWaits before = new ThreadWaits(Map.of("1", 100L, "2", 1_000L, "3", 50L));
        // 1 added 400, 2 added nothing, 3 ended (lost), 4 started since (all of its wait counts)
        ThreadWaits now = new ThreadWaits(Map.of("1", 500L, "2", 1_000L, "4", 70L));

        assertThat(now.nanosSince(before)).isEqualTo(470L);
        assertThat(now.nanosSince(new ThreadWaits(Map.of()))).isEqualTo(now.totalNanos()).isEqualTo(1_570L);
    }

    @Test
    void aThreadIdReusedWithASmallerFigureAddsNothingRatherThanANegativeWait() {
        ThreadWaits before = new ThreadWaits(Map.of("1", 900L));
        ThreadWaits now = new ThreadWaits(Map.of("1", 30L));

        assertThat(now.nanosSince(before)).isZero();
    }

    @Test
    void onLinuxThisProcessHasAPlausibleFigureForEveryLiveThread() throws InterruptedException {
        assumeThat(Files.isDirectory(RunQueueWaitReader.PROC_SELF_TASK)).as("Linux /proc").isTrue();
        CountDownLatch release = new CountDownLatch(1);
        Thread extra = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        extra.start();
        try {
            Optional<ThreadWaits> waits = RunQueueWaitReader.ofThisProcess().read();

            assertThat(waits).isPresent();
            // the process's first thread (its id is the process id), the extra one, and the JVM's own
            assertThat(waits.get().waitNanosByThread()).hasSizeGreaterThan(2)
                    .containsKey(Long.toString(ProcessHandle.current().pid()));
            assertThat(waits.get().waitNanosByThread().values()).allSatisfy(w -> assertThat(w).isNotNegative());
            // no thread can have waited longer than the process has existed
            long alive = ProcessHandle.current().info().startInstant()
                    .map(s -> java.time.Duration.between(s, java.time.Instant.now()).toNanos()).orElse(Long.MAX_VALUE);
            assertThat(waits.get().waitNanosByThread().values())
                    .allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(alive + 1_000_000_000L));
        } finally {
            release.countDown();
            extra.join();
        }
    }

    private static void thread(Path task, String tid, String schedstat) throws IOException {
        Files.writeString(Files.createDirectory(task.resolve(tid)).resolve("schedstat"), schedstat);
    }
}
