package dev.smtpmxcheck.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The deadline on a fake ticker: time left, the limit of one stage, expiry and waiting for tasks, all without a
 * real clock. Every future is completed (or not) by hand before the wait, so no test depends on scheduling.
 */
class DeadlineTest {
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void timeLeftShrinksAsTheTickerAdvancesAndNeverGoesBelowZero() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);

        ticker.advance(Duration.ofMillis(2500));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(7500));
        assertThat(deadline.remainingMillis()).isEqualTo(7500);
        assertThat(deadline.expired()).isFalse();

        ticker.advance(Duration.ofSeconds(8));

        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        assertThat(deadline.remainingMillis()).isEqualTo(-500);
        assertThat(deadline.expired()).isTrue();
    }

    @Test
    void remainingMillisRoundsUpSoThatASocketTimeoutIsNeverZero() throws SocketTimeoutException {
        Deadline deadline = Deadline.after(Duration.ofNanos(1), ticker);

        assertThat(deadline.remainingMillis()).isEqualTo(1);
        assertThat(deadline.soTimeoutMillis()).isEqualTo(1);
    }

    @Test
    void theDeadlineIsExpiredAtItsInstantExactly() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), ticker);

        ticker.advance(Duration.ofSeconds(1));

        assertThat(deadline.expired()).isTrue();
        assertThatThrownBy(deadline::soTimeoutMillis).isInstanceOf(SocketTimeoutException.class)
                .hasMessage("deadline reached");
    }

    @Test
    void aStageEndsAtItsOwnLimitOrAtTheWholeDeadlineWhicheverComesFirst() {
        Deadline whole = Deadline.after(Duration.ofSeconds(10), ticker);

        Deadline shortStage = whole.limit(Duration.ofSeconds(3));
        ticker.advance(Duration.ofSeconds(8));
        Deadline lateStage = whole.limit(Duration.ofSeconds(3));

        assertThat(shortStage.remaining()).as("3 s from the start, 8 s ago").isZero();
        assertThat(lateStage.remaining()).as("cut to what is left of the whole").isEqualTo(Duration.ofSeconds(2));
        assertThat(lateStage.isBefore(whole)).isFalse();
        assertThat(shortStage.isBefore(whole)).isTrue();
    }

    @Test
    void hugeDurationsAreClampedAndDoNotOverflowNearTheEndOfTheTickerRange() {
        Deadline forever = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), ticker);

        Deadline stage = forever.limit(Duration.ofSeconds(5));
        Deadline past = Deadline.after(Duration.ofSeconds(Long.MIN_VALUE), ticker);

        assertThat(forever.expired()).isFalse();
        assertThat(stage.remaining()).isEqualTo(Duration.ofSeconds(5));
        assertThat(forever.limit(Duration.ofSeconds(Long.MAX_VALUE)).expired()).isFalse();
        assertThat(past.expired()).isTrue();
    }

    @Test
    void aReserveEndsAPartEarlyAndAGraceLetsAWaiterWaitLonger() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);

        assertThat(deadline.minus(Duration.ofMillis(300)).remaining()).isEqualTo(Duration.ofMillis(9700));
        assertThat(deadline.plus(Duration.ofMillis(150)).remaining()).isEqualTo(Duration.ofMillis(10_150));
    }

    @Test
    void aFinishedTaskIsReportedWithItsValueEvenAfterTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), ticker);
        CompletableFuture<String> task = CompletableFuture.completedFuture("250 OK");
        ticker.advance(Duration.ofSeconds(5));

        Waited<String> waited = deadline.await(task);

        assertThat(waited).isEqualTo(new Waited.Completed<>("250 OK"));
    }

    @Test
    void aFailedTaskIsReportedWithItsOwnExceptionNotTheWrapper() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), ticker);
        IOException cause = new IOException("connection reset");
        CompletableFuture<String> task = CompletableFuture.failedFuture(cause);

        Waited<String> waited = deadline.await(task);

        assertThat(waited).isEqualTo(new Waited.Failed<>(cause));
    }

    @Test
    void aTaskStillRunningAtTheDeadlineTimesOutAndIsCancelled() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), ticker);
        CompletableFuture<String> task = new CompletableFuture<>();
        ticker.advance(Duration.ofSeconds(1));

        Waited<String> waited = deadline.await(task);

        assertThat(waited).isEqualTo(new Waited.TimedOut<>());
        assertThat(task).isCancelled();
    }

    @Test
    void waitingForSeveralTasksReportsEachInOrderAndCancelsOnlyTheUnfinishedOnes() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(2), ticker);
        CompletableFuture<String> done = CompletableFuture.completedFuture("mx1");
        CompletableFuture<String> stuck = new CompletableFuture<>();
        IllegalStateException bug = new IllegalStateException("bug");
        CompletableFuture<String> failed = CompletableFuture.failedFuture(bug);
        CompletableFuture<String> alsoStuck = new CompletableFuture<>();
        ticker.advance(Duration.ofSeconds(3));

        List<Waited<String>> waited = deadline.awaitAll(List.of(done, stuck, failed, alsoStuck));

        assertThat(waited).containsExactly(new Waited.Completed<>("mx1"), new Waited.TimedOut<>(),
                new Waited.Failed<>(bug), new Waited.TimedOut<>());
        assertThat(stuck).isCancelled();
        assertThat(alsoStuck).isCancelled();
        assertThat(done).isNotCancelled();
        assertThat(failed).isNotCancelled();
    }

    @Test
    void anInterruptedWaitCancelsTheTaskAndKeepsTheInterruptFlag() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);
        CompletableFuture<String> task = new CompletableFuture<>();
        Thread.currentThread().interrupt();

        Waited<String> waited;
        boolean flag;
        try {
            waited = deadline.await(task);
        } finally {
            flag = Thread.interrupted(); // clears it for the next test
        }

        assertThat(waited).isEqualTo(new Waited.Interrupted<>());
        assertThat(flag).isTrue();
        assertThat(task).isCancelled();
    }

    @Test
    void aTaskCancelledElsewhereCountsAsNotFinishedInTime() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), ticker);
        CompletableFuture<String> task = new CompletableFuture<>();
        task.cancel(true);

        assertThat(deadline.await(task)).isEqualTo(new Waited.TimedOut<>());
    }

    @Test
    void theCheckReserveIsAtMostAFifthOfTheTimeoutAndTheProbeGraceAtMostATwentieth() {
        assertThat(TimeBudget.checkReserveMillis(30_000)).isEqualTo(TimeBudget.CHECK_RESERVE_MILLIS);
        assertThat(TimeBudget.checkReserveMillis(2_000)).isEqualTo(400);
        assertThat(TimeBudget.probeWaitGraceMillis(30_000)).isEqualTo(TimeBudget.PROBE_WAIT_GRACE_MILLIS);
        assertThat(TimeBudget.probeWaitGraceMillis(1_000)).isEqualTo(50);
    }
}
