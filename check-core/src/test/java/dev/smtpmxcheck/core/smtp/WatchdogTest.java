package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.testing.NativeThreads;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The backstop that closes sockets: after the deadline, or all at once when the check is over. */
class WatchdogTest {

    @Test
    void closeAllNowEndsAReadThatNoDeadlineWouldEndYet() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
            Socket silent = server.accept();  // says nothing: the read below blocks in native code
            Set<Thread> before = NativeThreads.snapshot();
            Watchdog.closeAfter(Deadline.after(Duration.ofHours(1)), socket);
            CompletableFuture<String> reader = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (InputStream in = socket.getInputStream()) {
                    reader.complete("read " + in.read());
                } catch (IOException e) {
                    reader.complete("ended by " + e.getClass().getSimpleName());
                }
            }, "blocked-reader");
            t.start();
            while (!NativeThreads.inNative(t)) {
                Thread.sleep(5);
            }

            int closed = Watchdog.closeAllNow();

            assertThat(closed).isGreaterThanOrEqualTo(1);
            assertThat(reader.get(5, TimeUnit.SECONDS)).startsWith("ended by");
            assertThat(socket.isClosed()).isTrue();
            assertThat(NativeThreads.startedSinceAndInNative(before)).isEmpty();
            silent.close();
        }
    }

    @Test
    void aCancelledCloseIsNotRunByCloseAllNow() throws Exception {
        try (Socket socket = new Socket()) {
            Watchdog.closeAfter(Deadline.after(Duration.ofHours(1)), socket).cancel(false);

            Watchdog.closeAllNow();

            assertThat(socket.isClosed()).isFalse();
        }
    }
}
