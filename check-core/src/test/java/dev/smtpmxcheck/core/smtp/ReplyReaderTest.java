package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyReaderTest {
    private final List<String> heard = new ArrayList<>();

    private ReplyReader reader(String raw) {
        return reader(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private ReplyReader reader(InputStream in) {
        return new ReplyReader(in, ms -> { }, heard::add);
    }

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            220 mx.example.com ESMTP Postfix\\r\\n                          | 220 | null  | 1 | mx.example.com ESMTP Postfix
            250-mx.example.com\\r\\n250-SIZE 100\\r\\n250 8BITMIME\\r\\n   | 250 | null  | 3 | mx.example.com
            250\\r\\n                                                       | 250 | null  | 1 | ''
            250-\\r\\n250 ok\\r\\n                                          | 250 | null  | 2 | ''
            554 5.7.1 <a@example.net>: Relay access denied\\r\\n            | 554 | 5.7.1 | 1 | 5.7.1 <a@example.net>: Relay access denied
            550 5.1.10 RESOLVER.ADR.RecipientNotFound\\r\\n                 | 550 | 5.1.10 | 1 | 5.1.10 RESOLVER.ADR.RecipientNotFound
            450 4.7.1 <a@example.net>: Recipient address rejected: greylisted\\r\\n | 450 | 4.7.1 | 1 | 4.7.1 <a@example.net>: Recipient address rejected: greylisted
            250 2.1.5 Ok\\r\\n                                              | 250 | 2.1.5 | 1 | 2.1.5 Ok
            550 4.7.1 class does not match the code\\r\\n                   | 550 | null  | 1 | 4.7.1 class does not match the code
            550 5.7.1234 too many digits\\r\\n                              | 550 | null  | 1 | 5.7.1234 too many digits
            220 bare line feed\\n                                           | 220 | null  | 1 | bare line feed
            220 tab\\there\\r\\n                                            | 220 | null  | 1 | tab\there
            """)
    void parsesValidReplies(String raw, int code, String enhanced, int lines, String firstLine) throws IOException {
        SmtpReply reply = reader(unescape(raw)).read(soon());

        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.enhancedCode()).isEqualTo("null".equals(enhanced) ? null : enhanced);
        assertThat(reply.lines()).hasSize(lines);
        assertThat(reply.lines().get(0)).isEqualTo(unescape(firstLine));
    }

    @Test
    void reportsBareLineFeedButAcceptsIt() throws IOException {
        ReplyReader r = reader("220 hello\n");

        r.read(soon());

        assertThat(r.bareLineFeedSeen()).isTrue();
        assertThat(heard).containsExactly("220 hello");
    }

    @Test
    void readsConsecutiveRepliesAndKnowsWhatIsBuffered() throws IOException {
        ReplyReader r = reader("220 a\r\n250 b\r\n");

        assertThat(r.read(soon()).lines()).containsExactly("a");
        assertThat(r.hasBufferedInput()).isTrue();
        assertThat(r.read(soon()).lines()).containsExactly("b");
        assertThat(r.hasBufferedInput()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            250-a\\r\\n251 b\\r\\n          | reply code changes from 250 to 251
            hello\\r\\n                     | not an SMTP reply line
            25\\r\\n                        | not an SMTP reply line
            250x\\r\\n                      | not an SMTP reply line
            120 one hundred\\r\\n           | not an SMTP reply line
            650 six hundred\\r\\n           | not an SMTP reply line
            220 a\\rb\\r\\n                 | CR not followed by LF
            220 nul\\u0000\\r\\n            | octet 0x00
            220 esc\\u001b[31m\\r\\n       | octet 0x1B
            HTTP/1.1 400 Bad Request\\r\\n  | not an SMTP reply line
            """)
    void rejectsMalformedReplies(String raw, String message) {
        assertThatThrownBy(() -> reader(unescape(raw)).read(soon()))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsBinaryGarbage() {
        byte[] garbage = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00};

        assertThatThrownBy(() -> reader(new ByteArrayInputStream(garbage)).read(soon()))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("a control character");
    }

    @Test
    void readsLocalizedBannersInUtf8OrLatin1() throws IOException {
        byte[] utf8 = "220 mx.example.de ESMTP Grüße\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "220 mx.example.de ESMTP Grüße\r\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(reader(new ByteArrayInputStream(utf8)).read(soon()).lines()).containsExactly("mx.example.de ESMTP Grüße");
        assertThat(reader(new ByteArrayInputStream(latin1)).read(soon()).lines()).containsExactly("mx.example.de ESMTP Grüße");
    }

    @Test
    void boundsTheLineLength() {
        String huge = "220 " + "x".repeat(ReplyReader.MAX_LINE_OCTETS) + "\r\n";

        assertThatThrownBy(() -> reader(huge).read(soon()))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("longer than 4096 octets");
    }

    @Test
    void acceptsALineAtTheLimit() throws IOException {
        String line = "220 " + "x".repeat(ReplyReader.MAX_LINE_OCTETS - 4) + "\r\n";

        assertThat(reader(line).read(soon()).code()).isEqualTo(220);
    }

    @Test
    void boundsTheNumberOfLines() {
        String many = "250-more\r\n".repeat(ReplyReader.MAX_REPLY_LINES) + "250 end\r\n";

        assertThatThrownBy(() -> reader(many).read(soon()))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("longer than 100 lines");
    }

    @Test
    void boundsTheReplySize() {
        String line = "250-" + "y".repeat(1000) + "\r\n";
        String big = line.repeat(40) + "250 end\r\n";

        assertThatThrownBy(() -> reader(big).read(soon()))
                .isInstanceOf(SmtpProtocolException.class)
                .hasMessageContaining("longer than 32768 octets");
    }

    @Test
    void endOfStreamMidReplyIsEof() {
        assertThatThrownBy(() -> reader("250-first\r\n250-sec").read(soon()))
                .isInstanceOf(EOFException.class);
        assertThat(heard).contains("250-first", "250-sec [incomplete]");
    }

    @Test
    void aDrippingStreamCannotOutliveTheDeadline() {
        InputStream drip = new InputStream() {
            @Override
            public int read() throws IOException {
                sleep(200);
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                b[off] = (byte) read();
                return 1;
            }
        };
        long start = System.nanoTime();

        assertThatThrownBy(() -> reader(drip).read(Deadline.after(Duration.ofMillis(800))))
                .isInstanceOf(SocketTimeoutException.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(700L, 1500L);
    }

    @Test
    void setsTheSocketTimeoutToTheTimeLeft() throws IOException {
        List<Integer> timeouts = new ArrayList<>();
        ReplyReader r = new ReplyReader(new ByteArrayInputStream("220 ok\r\n".getBytes(StandardCharsets.US_ASCII)),
                timeouts::add, line -> { });

        r.read(Deadline.after(Duration.ofSeconds(3)));

        assertThat(timeouts).hasSize(1);
        assertThat(timeouts.get(0)).isBetween(2000, 3000);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the table's \r, \n, \t and \\uXXXX escapes into characters. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'r') {
                    sb.append('\r');
                } else if (n == 'n') {
                    sb.append('\n');
                } else if (n == 't') {
                    sb.append('\t');
                } else if (n == 'u') {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
