package dev.smtpmxcheck.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.testing.FakeSmtpServer.Script;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeSmtpServerTest {

    @Test
    void recordsCommandsAndCatchesData() throws IOException {
        try (FakeSmtpServer server = new FakeSmtpServer()) {
            server.enqueue(Script.wellBehaved());
            try (Socket s = new Socket(server.address(), server.port())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();

                assertThat(in.readLine()).startsWith("220 ");
                out.write("NOOP\r\nDATA\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("250");
                assertThat(in.readLine()).startsWith("554");
                assertThat(in.readLine()).startsWith("221");
            }

            assertThat(server.receivedCommands()).containsExactly("NOOP", "DATA", "QUIT");
            assertThatThrownBy(server::assertNoDataSent).isInstanceOf(AssertionError.class).hasMessageContaining("DATA");
        }
    }

    @Test
    void closeEndsAStallAndTheThread() throws IOException {
        FakeSmtpServer server = new FakeSmtpServer();
        server.enqueue(Script.script().stall(Duration.ofMinutes(5)));
        try (Socket s = new Socket(server.address(), server.port())) {
            s.setSoTimeout(3000);
            assertThat(s.getInputStream().available()).isZero();
            long waitUntil = System.nanoTime() + 3_000_000_000L;
            while (server.connectionCount() == 0 && System.nanoTime() < waitUntil) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();

            server.close();

            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
            assertThat(server.isRunning()).isFalse();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionWithoutScriptIsClosed() throws IOException {
        try (FakeSmtpServer server = new FakeSmtpServer(); Socket s = new Socket(server.address(), server.port())) {
            s.setSoTimeout(3000);

            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
