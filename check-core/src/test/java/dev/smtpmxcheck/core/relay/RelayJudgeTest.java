package dev.smtpmxcheck.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayJudgeTest {
    private static final Pattern ENHANCED = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}(?= |$)");
    private static final SmtpReply MAIL_OK = reply("250 2.1.0 Ok");

    /** A one-line reply from its wire form, enhanced code taken from the text. */
    static SmtpReply reply(String line) {
        String text = line.length() > 4 ? line.substring(4) : "";
        Matcher m = ENHANCED.matcher(text);
        return new SmtpReply(Integer.parseInt(line.substring(0, 3)), m.find() ? m.group() : null, List.of(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            250 2.1.5 Ok                                                                          | OPEN
            250 Accepted                                                                          | OPEN
            251 2.1.5 User not local; will forward                                                | OPEN
            554 5.7.1 <relay-probe@example.net>: Relay access denied                              | REFUSED
            550 5.7.1 Unable to relay                                                             | REFUSED
            550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain                     | REFUSED
            550 relay not permitted                                                               | REFUSED
            550 5.1.1 <relay-probe@example.net>: Recipient address rejected: User unknown         | REFUSED
            550 5.0.0 Access denied                                                               | REFUSED
            501 5.5.4 Invalid address                                                             | REFUSED
            554 5.7.1 Service unavailable; Client host [198.51.100.1] blocked using zen.spamhaus.org | REFUSED
            450 4.2.0 <relay-probe@example.net>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/ | INCONCLUSIVE
            450 4.7.1 <relay-probe@example.net>: Recipient address rejected: greylisted           | INCONCLUSIVE
            451 4.7.1 Please try again later                                                      | INCONCLUSIVE
            421 4.7.0 Too many connections                                                        | INCONCLUSIVE
            550 5.1.2 <relay-probe@example.net>: Recipient address rejected: Domain not found     | INCONCLUSIVE
            550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup | INCONCLUSIVE
            554 5.4.4 Unable to route                                                              | INCONCLUSIVE
            450 4.1.2 <relay-probe@example.net>: Recipient address rejected: Domain not found     | INCONCLUSIVE
            550 5.1.8 <relay-probe@example.org>: Sender address rejected: Domain not found        | INCONCLUSIVE
            554 5.7.1 <relay-probe@example.org>: Sender address rejected: Access denied           | INCONCLUSIVE
            550 5.7.27 sender domain does not accept mail                                         | INCONCLUSIVE
            """)
    void judgesTheRcptReply(String rcpt, RelayVerdict verdict) {
        RelayFacts facts = RelayJudge.judge("relay-probe@example.org", "relay-probe@example.net", MAIL_OK, reply(rcpt));

        assertThat(facts.verdict()).isEqualTo(verdict);
        assertThat(facts.reason()).isNotBlank();
        assertThat(facts.rcptReply().code()).isEqualTo(Integer.parseInt(rcpt.substring(0, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            553 5.7.1 Sender address rejected: not owned by user | refused
            550 5.1.8 Sender domain does not exist              | refused
            451 4.3.0 Temporary lookup failure                   | temporarily
            """)
    void aRefusedMailFromIsNeverProofOfAClosedRelay(String mail, String reasonWord) {
        RelayFacts facts = RelayJudge.judge("a@example.org", "b@example.net", reply(mail), null);

        assertThat(facts.verdict()).isEqualTo(RelayVerdict.INCONCLUSIVE);
        assertThat(facts.reason()).contains(reasonWord);
        assertThat(facts.rcptReply()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.2 Host unknown | configure a relay-test address whose domain has working MX
            450 4.7.1 Greylisted   | greylisting
            """)
    void inconclusiveReasonsGiveAdvice(String rcpt, String advice) {
        RelayFacts facts = RelayJudge.judge("a@example.org", "b@example.net", MAIL_OK, reply(rcpt));

        assertThat(facts.reason()).contains(advice);
    }
}
