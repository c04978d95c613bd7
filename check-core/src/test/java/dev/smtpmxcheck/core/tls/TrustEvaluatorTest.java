package dev.smtpmxcheck.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.TestCertificates;
import dev.smtpmxcheck.core.testing.TestCertificates.Held;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The memo of {@link TrustEvaluator}: one verdict per chain and second, the same as without it. */
class TrustEvaluatorTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Held root;
    private TrustEvaluator evaluator;

    @BeforeEach
    void trustTestRoot() {
        root = TestCertificates.ca("Memo Root");
        evaluator = new TrustEvaluator(List.of(root.certificate()));
    }

    private X509Certificate[] chain(String name, Held issuer) {
        return new X509Certificate[] {TestCertificates.builder().commonName(name).dnsName(name).signedBy(issuer)
                .build().certificate()};
    }

    @Test
    void theSameChainInTheSameSecondIsJudgedOnce() {
        X509Certificate[] chain = chain("mx1.example.com", root);

        TrustEvaluator.Verdict first = evaluator.evaluate(chain, NOW.plusMillis(10));
        TrustEvaluator.Verdict second = evaluator.evaluate(chain.clone(), NOW.plusMillis(900));

        assertThat(first.status()).isEqualTo(TrustStatus.TRUSTED);
        assertThat(second).isSameAs(first);
    }

    @Test
    void anotherChainOrSecondIsJudgedAfresh() {
        X509Certificate[] trusted = chain("mx1.example.com", root);
        X509Certificate[] untrusted = chain("mx2.example.com", TestCertificates.ca("Unknown Root"));

        TrustEvaluator.Verdict first = evaluator.evaluate(trusted, NOW);
        TrustEvaluator.Verdict other = evaluator.evaluate(untrusted, NOW);
        TrustEvaluator.Verdict later = evaluator.evaluate(trusted, NOW.plus(Duration.ofSeconds(1)));

        assertThat(other.status()).isEqualTo(TrustStatus.INCOMPLETE);
        assertThat(later).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void onlyTheLastChainsAreRemembered() {
        X509Certificate[] oldest = chain("mx0.example.com", root);
        TrustEvaluator.Verdict first = evaluator.evaluate(oldest, NOW);
        for (int i = 1; i <= TrustEvaluator.REMEMBERED; i++) {
            evaluator.evaluate(chain("mx" + i + ".example.com", root), NOW);
        }

        TrustEvaluator.Verdict again = evaluator.evaluate(oldest, NOW);

        assertThat(again).isNotSameAs(first).isEqualTo(first);
    }
}
