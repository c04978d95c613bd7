package dev.smtpmxcheck.core.testing;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Ehlo;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.Greeting;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.SmtpReply;
import java.util.List;

/** Factories of probe results for tests of the judgement and the renderers. */
public final class Reports {
    private Reports() {}

    /** An address that greeted with 220 and answered EHLO (no STARTTLS, relay refused). */
    public static AddressReport accepting(String address) {
        SmtpReply greeting = new SmtpReply(220, null, List.of("mx.example.test ESMTP"));
        SmtpReply ehlo = new SmtpReply(250, null, List.of("mx.example.test", "PIPELINING", "SIZE 10240000"));
        SmtpReply mail = new SmtpReply(250, "2.1.0", List.of("2.1.0 Ok"));
        SmtpReply rcpt = new SmtpReply(554, "5.7.1", List.of("5.7.1 <relay-probe@example.net>: Relay access denied"));
        return new AddressReport(address, 25, null, null, null, 3L,
                new Greeting(greeting, 5, "mx.example.test", null, null),
                new Ehlo("EHLO", ehlo, List.of(new EhloKeyword("PIPELINING", List.of()),
                        new EhloKeyword("SIZE", List.of("10240000")))),
                null, null,
                new RelayFacts("relay-probe@example.org", "relay-probe@example.net", mail, rcpt, RelayVerdict.REFUSED,
                        "relay refused with 5.7.1"),
                20, List.of("S: 220 mx.example.test ESMTP"));
    }

    /** An address whose port refused or timed out: {@code failure} is e.g. "connection refused". */
    public static AddressReport unreachable(String address, String failure) {
        return new AddressReport(address, 25, ProbeStage.CONNECT, FindingCode.MX_UNREACHABLE, failure, null, null,
                null, null, null, null, 10, List.of());
    }
}
