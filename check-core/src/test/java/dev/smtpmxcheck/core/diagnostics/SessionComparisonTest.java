package dev.smtpmxcheck.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.SessionSample;
import dev.smtpmxcheck.core.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionComparisonTest {
    private static final String SUBJECT = "mx1.example.test [192.0.2.1]:25";
    private static final String CERT_A = "aa".repeat(32);
    private static final String CERT_B = "bb".repeat(32);

    private static SessionSample tls(String host, String leaf) {
        return new SessionSample(null, null, host, true, leaf, 40);
    }

    @Test
    void sessionsThatAgreeGiveNoFinding() {
        assertThat(SessionComparison.of(SUBJECT, List.of(tls("mx1", CERT_A), tls("mx1", CERT_A), tls("mx1", CERT_A))))
                .isEmpty();
        assertThat(SessionComparison.of(SUBJECT, List.of(tls("mx1", CERT_A)))).isEmpty();
    }

    @Test
    void everyDifferenceIsNamedWithItsCount() {
        List<SessionSample> samples = List.of(tls("mx1", CERT_A), new SessionSample(null, null, "mx2", false, null, 30),
                tls("mx1", CERT_B), new SessionSample(FindingCode.MX_UNREACHABLE, "connection refused", null, false,
                        null, 1));

        Finding f = SessionComparison.of(SUBJECT, samples).orElseThrow();

        assertThat(f.code()).isEqualTo(FindingCode.PROBES_DISAGREE);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.subject()).isEqualTo(SUBJECT);
        assertThat(f.message()).isEqualTo("4 sessions answered differently: failed in 1 of 4 (MX_UNREACHABLE in 1 of 4);"
                + " STARTTLS offered in 2 of 4; 2 certificates (sha256 aaaaaaaa… in 1 of 4, sha256 bbbbbbbb… in 1 of 4);"
                + " greeting host names mx1 in 2 of 4, mx2 in 1 of 4");
    }

    @Test
    void anAddressThatFailsEveryTimeIsNotAFlappingOne() {
        SessionSample refused = new SessionSample(FindingCode.MX_UNREACHABLE, "connection refused", null, false, null, 1);

        assertThat(SessionComparison.of(SUBJECT, List.of(refused, refused))).isEmpty();
    }
}
