package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"DATA", "data", "BDAT 100 LAST", "bdat 0", "Data"})
    void neverSendsMessageContent(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandWriter writer = new CommandWriter(out, new Transcript());

        assertThatThrownBy(() -> writer.send(command))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never sends message content");
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO a\r\nDATA", "EHLO a\nDATA", "RCPT TO:<a@b>\u0000", "HELO a\rb", "VRFY root",
        "EXPN staff", "AUTH PLAIN x", "EHLO caf\u00e9"})
    void refusesInjectionAndUnusedVerbs(String command) {
        assertThatThrownBy(() -> CommandWriter.validate(command)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverlongCommands() {
        assertThatThrownBy(() -> CommandWriter.validate("EHLO " + "a".repeat(510)))
                .hasMessageContaining("longer than 510");
    }

    @Test
    void writesCommandsWithCrLfAndRecordsThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Transcript transcript = new Transcript();

        new CommandWriter(out, transcript).send("MAIL FROM:<a@example.org>");

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("MAIL FROM:<a@example.org>\r\n");
        assertThat(transcript.lines()).containsExactly("C: MAIL FROM:<a@example.org>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b@example.org", "a>@example.org", "<a@example.org", "a@example.org\r\nDATA"})
    void refusesMailboxesThatCouldBreakTheCommand(String mailbox) {
        assertThatThrownBy(() -> CommandWriter.validateArgument("x", mailbox))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheNullReversePath() {
        assertThatCode(() -> CommandWriter.validateArgument("x", "")).doesNotThrowAnyException();
    }

    @Test
    void transcriptIsBounded() {
        Transcript t = new Transcript();

        for (int i = 0; i < 500; i++) {
            t.server("250-" + "z".repeat(1000));
        }

        assertThat(t.lines()).hasSize(Transcript.MAX_LINES);
        assertThat(t.lines().get(0)).hasSize(Transcript.MAX_LINE_CHARS).endsWith("...");
        assertThat(t.lines().get(Transcript.MAX_LINES - 1)).startsWith("== transcript truncated");
    }
}
