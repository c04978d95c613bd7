package dev.smtpmxcheck.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GreetingAnalysisTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            mx.example.com ESMTP Postfix                                                        | mx.example.com   | Postfix | -
            mail.example.org ESMTP Postfix (Debian/GNU)                                         | mail.example.org | Postfix | -
            mail.example.org ESMTP Postfix (Ubuntu)                                             | mail.example.org | Postfix | -
            smtp.example.com ESMTP Postfix 3.5.6                                                | smtp.example.com | Postfix | 3.5.6
            mx1.example.com ESMTP Exim 4.96 Mon, 30 Nov 2026 10:00:00 +0000                     | mx1.example.com  | Exim    | 4.96
            mx1.example.com ESMTP Exim 4.94.2 #2 Mon, 30 Nov 2026 10:00:00 +0000                | mx1.example.com  | Exim    | 4.94.2
            mail.example.net ESMTP Sendmail 8.15.2/8.15.2; Mon, 30 Nov 2026 10:00:00 GMT        | mail.example.net | Sendmail | 8.15.2
            mail.example.net ESMTP Sendmail 8.14.7/8.14.7/Submit ready                          | mail.example.net | Sendmail | 8.14.7
            EX01.corp.example.com Microsoft ESMTP MAIL Service ready at Mon, 30 Nov 2026 10:00:00 +0100 | EX01.corp.example.com | Microsoft ESMTP MAIL Service | -
            mail.example.com Microsoft ESMTP MAIL Service, Version: 10.0.17763.1 ready at  Mon, 30 Nov 2026 | mail.example.com | Microsoft ESMTP MAIL Service | 10.0.17763.1
            mail.example.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.4675 ready         | mail.example.com | Microsoft ESMTP MAIL Service | 6.0.3790.4675
            mail.example.com Microsoft Exchange Server 2003 ESMTP                               | mail.example.com | Microsoft Exchange | -
            mx.example.org ESMTP OpenSMTPD                                                      | mx.example.org   | OpenSMTPD | -
            haraka.example.com ESMTP Haraka/2.8.25 ready                                        | haraka.example.com | Haraka | 2.8.25
            haraka.example.com ESMTP Haraka 3.0.2 ready                                         | haraka.example.com | Haraka | 3.0.2
            mail.example.com ESMTP hMailServer                                                  | mail.example.com | hMailServer | -
            mail.example.com ESMTP MailEnable Service, Version: 10.27-- ready at 11/30/26 10:00:00 | mail.example.com | MailEnable | 10.27
            mail.example.com ESMTP MDaemon 21.0.3; Mon, 30 Nov 2026 10:00:00 +0100               | mail.example.com | MDaemon | 21.0.3
            mail.example.com Kerio Connect 9.2.7 ESMTP ready                                    | mail.example.com | Kerio Connect | 9.2.7
            mx.google.com ESMTP a640c23a62f3a-a9a0e5c1234si12345 - gsmtp                         | mx.google.com    | Google | -
            mx.example.com ESMTP ready                                                          | mx.example.com   | -       | -
            ESMTP ready at Mon, 30 Nov 2026 10:00:00                                            | -                | -       | -
            [192.0.2.1] ESMTP                                                                   | [192.0.2.1]      | -       | -
            """)
    void recognisesBanners(String text, String host, String software, String version) {
        Greeting greeting = GreetingAnalysis.analyse(new SmtpReply(220, null, List.of(text)), 12);

        assertThat(greeting.announcedHost()).isEqualTo(host);
        assertThat(greeting.software()).isEqualTo(software);
        assertThat(greeting.version()).isEqualTo(version);
        assertThat(greeting.millis()).isEqualTo(12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            554 | 5.7.1 Service unavailable; Client host [198.51.100.1] blocked using zen.spamhaus.org | -
            421 | mx.example.com Service not available, closing transmission channel                  | mx.example.com
            """)
    void refusalsStillNameTheHost(int code, String text, String host) {
        Greeting greeting = GreetingAnalysis.analyse(new SmtpReply(code, null, List.of(text)), 0);

        assertThat(greeting.announcedHost()).isEqualTo(host);
    }
}
