package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.SmtpReply;
import dev.smtpmxcheck.core.testing.Fuzzing;
import dev.smtpmxcheck.core.time.Deadline;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the parsers that read what an SMTP server sends: {@link ReplyReader} (octets to replies),
 * {@link EhloKeywords} and {@link GreetingAnalysis} (reply text to facts). Whatever the input, they end with a
 * result or a documented exception, and the results keep the documented bounds.
 */
class SmtpParsersFuzzTest {

    /** Reads replies from arbitrary octets until the input ends or is refused. */
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void replyReader(byte[] input) {
        List<String> listened = new ArrayList<>();
        ReplyReader reader = new ReplyReader(new ByteArrayInputStream(input), millis -> { }, listened::add);
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        for (int replies = 0; ; replies++) {
            SmtpReply reply;
            try {
                reply = reader.read(deadline);
            } catch (EOFException | SmtpProtocolException e) {
                assertThat(e.getMessage()).isNotBlank();
                break;
            } catch (IOException e) {
                throw new AssertionError("only EOF or a protocol error can end in-memory input", e);
            }
            assertThat(reply.code()).isBetween(200, 599);
            assertThat(reply.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(ReplyReader.MAX_REPLY_LINES)
                    .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ReplyReader.MAX_LINE_OCTETS));
            if (reply.enhancedCode() != null) {
                assertThat(reply.enhancedCode()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}")
                        .startsWith(Integer.toString(reply.code() / 100));
            }
            checkKeywords(reply);
            checkGreeting(reply);
            assertThat(replies).isLessThan(input.length + 1);
        }
        // What reaches the transcript and the plugin output carries no control character that a terminal acts on.
        for (String line : listened) {
            assertThat(line.chars().noneMatch(SmtpParsersFuzzTest::isControl)).as("line %s", line).isTrue();
        }
    }

    /** Parses the EHLO keywords of a 250 reply whose lines are the input's CRLF-separated parts. */
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void ehloKeywords(byte[] input) {
        checkKeywords(new SmtpReply(250, null, lines(input)));
    }

    /** Analyses a 220 greeting whose lines are the input's CRLF-separated parts. */
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void greeting(byte[] input) {
        checkGreeting(new SmtpReply(220, null, lines(input)));
    }

    private static List<String> lines(byte[] input) {
        return List.of(new String(input, StandardCharsets.UTF_8).split("\r\n", -1));
    }

    private static void checkKeywords(SmtpReply reply) {
        List<EhloKeyword> keywords = EhloKeywords.parse(reply);
        assertThat(keywords.size()).isLessThanOrEqualTo(reply.lines().size());
        for (EhloKeyword k : keywords) {
            assertThat(k.keyword()).matches("[A-Z0-9][A-Z0-9-]*");
        }
        EhloKeywords.domain(reply);
    }

    private static void checkGreeting(SmtpReply reply) {
        Greeting g = GreetingAnalysis.analyse(reply, 0);
        if (g.announcedHost() != null) {
            assertThat(g.announcedHost()).matches("[A-Za-z0-9._:\\[\\]-]+");
        }
        if (g.version() != null) {
            assertThat(g.software()).isNotNull();
            assertThat(String.join(" ", reply.lines())).contains(g.version());
        }
    }

    /** C0 controls except HT, DEL, and the C1 controls (U+0080 to U+009F: CSI is U+009B). */
    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }
}
