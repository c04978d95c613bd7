package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CommandWriter#sendAll}: the one write of the STARTTLS injection test. */
class PipelinedCommandsTest {

    /** Counts write calls, to show the group leaves in one write. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }
    }

    @Test
    void theGroupLeavesInOneWriteAndIsTranscribedCommandByCommand() throws IOException {
        CountingStream out = new CountingStream();
        Transcript transcript = new Transcript();

        new CommandWriter(out, transcript).sendAll(List.of("STARTTLS", "NOOP"));

        assertThat(out.writes).isEqualTo(1);
        assertThat(out.bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("STARTTLS\r\nNOOP\r\n");
        assertThat(transcript.lines()).containsExactly("C: STARTTLS", "C: NOOP");
    }

    @Test
    void oneForbiddenCommandStopsTheWholeGroupBeforeAnyOctet() {
        CountingStream out = new CountingStream();
        Transcript transcript = new Transcript();
        CommandWriter writer = new CommandWriter(out, transcript);

        assertThatThrownBy(() -> writer.sendAll(List.of("STARTTLS", "DATA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never sends message content");
        assertThatThrownBy(() -> writer.sendAll(List.of("STARTTLS", "NOOP\r\nDATA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR, LF or NUL");
        assertThat(out.writes).isZero();
        assertThat(transcript.lines()).isEmpty();
    }
}
