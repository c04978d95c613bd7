package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EhloKeywordsTest {

    @Test
    void parsesAPostfixEhloReply() {
        SmtpReply reply = new SmtpReply(250, null, List.of("mx.example.com", "PIPELINING", "SIZE 10240000", "VRFY",
                "ETRN", "STARTTLS", "AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8",
                "CHUNKING"));

        List<EhloKeyword> keywords = EhloKeywords.parse(reply);

        assertThat(EhloKeywords.domain(reply)).isEqualTo("mx.example.com");
        assertThat(keywords).extracting(EhloKeyword::keyword).containsExactly("PIPELINING", "SIZE", "VRFY", "ETRN",
                "STARTTLS", "AUTH", "ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING");
        assertThat(keywords.get(1).params()).containsExactly("10240000");
        assertThat(keywords.get(5).params()).containsExactly("PLAIN", "LOGIN");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            size 100                | SIZE     | 100
            AUTH=LOGIN              | AUTH     | LOGIN
            AUTH=LOGIN PLAIN        | AUTH     | LOGIN,PLAIN
            AUTH  PLAIN   LOGIN     | AUTH     | PLAIN,LOGIN
            X-EXPS GSSAPI NTLM      | X-EXPS   | GSSAPI,NTLM
            starttls                | STARTTLS | ''
            """)
    void parsesOneKeywordLine(String line, String keyword, String params) {
        SmtpReply reply = new SmtpReply(250, null, List.of("mx", line));

        List<EhloKeyword> keywords = EhloKeywords.parse(reply);

        assertThat(keywords).hasSize(1);
        assertThat(keywords.get(0).keyword()).isEqualTo(keyword);
        assertThat(keywords.get(0).params()).containsExactlyElementsOf(
                params.isEmpty() ? List.of() : List.of(params.split(",")));
    }

    @Test
    void skipsLinesThatAreNoKeywords() {
        SmtpReply reply = new SmtpReply(250, null, List.of("mx", "-BAD", "", "OK"));

        assertThat(EhloKeywords.parse(reply)).extracting(EhloKeyword::keyword).containsExactly("OK");
    }

    @Test
    void aRefusalOrOneLineReplyHasNoKeywords() {
        assertThat(EhloKeywords.parse(new SmtpReply(502, "5.5.2", List.of("5.5.2 Error")))).isEmpty();
        assertThat(EhloKeywords.parse(new SmtpReply(250, null, List.of("mx.example.com Hello")))).isEmpty();
    }
}
