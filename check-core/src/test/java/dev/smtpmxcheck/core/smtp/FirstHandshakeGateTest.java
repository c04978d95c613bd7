package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.smtpmxcheck.core.time.Deadline;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FirstHandshakeGateTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void theFirstCallerLeadsAndTheOthersFollow() {
        FirstHandshakeGate gate = new FirstHandshakeGate(0);

        assertThat(gate.enter(Deadline.after(Duration.ofSeconds(30)))).isTrue();
        assertThat(gate.enter(Deadline.after(Duration.ofSeconds(30)))).isFalse();
        assertThat(gate.enter(Deadline.after(Duration.ofSeconds(30)))).isFalse();
    }

    @Test
    void aFollowerWaitsUntilTheLeaderIsDone() throws Exception {
        FirstHandshakeGate gate = new FirstHandshakeGate(60_000);
        assertThat(gate.enter(Deadline.after(Duration.ofSeconds(30)))).isTrue();
        AtomicBoolean leaderDone = new AtomicBoolean();

        CompletableFuture<Boolean> followerSawLeaderDone = CompletableFuture.supplyAsync(() -> {
            gate.enter(Deadline.after(Duration.ofSeconds(30)));
            return leaderDone.get();
        });
        Thread.sleep(100);
        leaderDone.set(true);
        gate.leaderDone();

        assertThat(assertTimeoutPreemptively(BOUND, () -> followerSawLeaderDone.get())).isTrue();
    }

    @Test
    void aFollowerWaitsNoLongerThanTheLimitWhenTheLeaderHangs() {
        FirstHandshakeGate gate = new FirstHandshakeGate(50);
        gate.enter(Deadline.after(Duration.ofSeconds(30)));

        // The leader never ends: the follower goes on after 50 ms, long before the 30 s deadline.
        assertThat(assertTimeoutPreemptively(BOUND, () -> gate.enter(Deadline.after(Duration.ofSeconds(30)))))
                .isFalse();
    }

    @Test
    void aFollowerDoesNotWaitWhenTheDeadlineHasPassed() {
        FirstHandshakeGate gate = new FirstHandshakeGate(600_000);
        gate.enter(Deadline.after(Duration.ofSeconds(30)));

        assertThat(assertTimeoutPreemptively(BOUND, () -> gate.enter(Deadline.after(Duration.ZERO)))).isFalse();
    }

    @Test
    void theGateStaysOpenOnceTheLeaderIsDone() {
        FirstHandshakeGate gate = new FirstHandshakeGate(600_000);
        gate.enter(Deadline.after(Duration.ofSeconds(30)));
        gate.leaderDone();

        assertThat(assertTimeoutPreemptively(BOUND, () -> gate.enter(Deadline.after(Duration.ofSeconds(30)))))
                .isFalse();
        assertThat(assertTimeoutPreemptively(BOUND, () -> gate.enter(Deadline.after(Duration.ofSeconds(30)))))
                .isFalse();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new FirstHandshakeGate(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHandshakeCutOffBeforeItBeganStillOpensTheGate() throws Exception {
        FirstHandshakeGate gate = new FirstHandshakeGate(60_000);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            // The first handshake of the process finds the deadline passed: it fails before any octet is sent.
            SmtpSession session = new SmtpSession(client, new Transcript(), Deadline.after(Duration.ZERO),
                    Duration.ofSeconds(5), gate);
            assertThatThrownBy(() -> session.startTls("mx.test")).isInstanceOf(SocketTimeoutException.class);
        }

        // The next one, with 10 minutes left, does not wait a minute for a leader that has ended.
        assertThat(assertTimeoutPreemptively(BOUND, () -> gate.enter(Deadline.after(Duration.ofMinutes(10)))))
                .isFalse();
    }
}
