package dev.smtpmxcheck.core.delivery;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.DaneAddress;
import dev.smtpmxcheck.core.report.DaneReport;
import dev.smtpmxcheck.core.report.DnssecStatus;
import dev.smtpmxcheck.core.report.Failure;
import dev.smtpmxcheck.core.report.FailureReason;
import dev.smtpmxcheck.core.report.MtaStsFacts;
import dev.smtpmxcheck.core.report.MxReport;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.Outcome;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.TlsFacts;
import dev.smtpmxcheck.core.report.TrustStatus;
import dev.smtpmxcheck.core.testing.Reports;
import java.util.List;

/** Probe results and policies for the delivery tests. */
final class DeliveryFixtures {
    static final String TLSA = "3 1 1 " + "ab".repeat(32);

    private DeliveryFixtures() {}

    /** An address that takes sessions and negotiates TLS with {@code trust} and {@code nameMatches}. */
    static AddressReport withTls(String address, TrustStatus trust, boolean nameMatches) {
        TlsFacts good = Reports.goodTls();
        TlsFacts tls = new TlsFacts(good.protocol(), good.cipherSuite(), good.handshakeMillis(), good.sni(),
                good.chain(), trust, trust == TrustStatus.TRUSTED ? null : "not trusted", nameMatches);
        return Reports.accepting(address).toBuilder().tls(tls).build();
    }

    /**
     * An address that offered STARTTLS and failed the handshake with an alert; {@code retried}: the relay probe then
     * ran in a new plain-text session and was refused, else it was skipped (the retry got no session).
     */
    static AddressReport handshakeFailed(String address, boolean retried) {
        AddressReport accepting = Reports.accepting(address);
        return accepting.toBuilder()
                .tls(Outcome.failed(Failure.of(ProbeStage.TLS_HANDSHAKE, FailureReason.TLS_ALERT, "handshake_failure")))
                .ehloAfterTls(Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE))
                .relay(retried ? accepting.relay() : Outcome.notRun(NotRunReason.SKIPPED_AFTER_FAILURE))
                .build();
    }

    static MxReport mx(String host, int preference, AddressReport... addresses) {
        return new MxReport(host, preference, List.of(), null, List.of(addresses), null, null, null, List.of());
    }

    /** Secure TLSA records at {@code mx}, with the comparison result of each address. */
    static MxReport dane(MxReport mx, DaneAddress.Result... results) {
        List<DaneAddress> compared = new java.util.ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            String address = mx.addresses().get(i).address();
            compared.add(results[i] == DaneAddress.Result.MATCHED ? DaneAddress.matched(address, TLSA, 0)
                    : DaneAddress.unmatched(address, results[i], "why"));
        }
        return mx.withDane(new DaneReport("_25._tcp." + mx.host(), DnssecStatus.SECURE, null, List.of(TLSA), compared));
    }

    /** A valid policy in {@code mode} that leaves out the hosts {@code notCovered}. */
    static MtaStsFacts sts(String mode, String... notCovered) {
        return new MtaStsFacts(List.of("v=STSv1; id=1"), "1", "https://mta-sts.example.test/.well-known/mta-sts.txt",
                200, "text/plain", mode, List.of("*.example.test"), 86400L, List.of(notCovered), List.of());
    }
}
