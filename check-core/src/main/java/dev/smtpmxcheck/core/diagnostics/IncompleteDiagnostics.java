package dev.smtpmxcheck.core.diagnostics;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.NotRunReason;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import dev.smtpmxcheck.core.report.TlsVersionScan;
import dev.smtpmxcheck.core.report.TlsVersionScan.Outcome;
import dev.smtpmxcheck.core.report.TlsVersionScan.VersionResult;
import dev.smtpmxcheck.core.tls.TlsVersionFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says which opt-in diagnostic of one address was asked for but did not run, ran only in part, or could not
 * decide, so that a missing result is never silent. Pure: reads the facts in the {@link AddressReport}.
 *
 * <ul>
 *   <li>TLS version scan ({@code --tls-scan}): versions and the DHE / weak-suite probes whose outcome is
 *       {@link Outcome#UNKNOWN}; "not tried" ones are named apart from those that were tried without a verdict.</li>
 *   <li>Relay variants ({@code --relay-variants}): forms that were never sent (no MAIL FROM reply).</li>
 *   <li>STARTTLS injection test ({@code --starttls-injection-test}): an {@link StartTlsInjectionVerdict#INCONCLUSIVE}
 *       verdict, with its reason.</li>
 * </ul>
 * A diagnostic that was not asked for is {@link NotRunReason#NOT_ASKED} and is never mentioned.
 */
public final class IncompleteDiagnostics {
    /** Upper bound of the finding's message, in characters. */
    static final int MAX_MESSAGE = 400;

    private IncompleteDiagnostics() {}

    /**
     * @param subject the address subject ({@code host [address]:port})
     * @param a the address report
     * @return one {@link FindingCode#DIAGNOSTIC_INCOMPLETE} (INFO) naming every incomplete diagnostic of the
     *     address, or empty when all that were asked for completed
     */
    public static Optional<Finding> of(String subject, AddressReport a) {
        List<String> parts = new ArrayList<>();
        tlsScan(a.tlsVersions()).ifPresent(parts::add);
        List<RelayVariantFacts> variants = a.relay().seen().map(RelayFacts::variants).orElse(null);
        if (variants != null) {
            List<RelayVariantFacts> unsent = variants.stream()
                    .filter(v -> v.verdict() == RelayVerdict.INCONCLUSIVE && v.mailReply() == null).toList();
            if (!unsent.isEmpty()) {
                RelayVariantFacts first = unsent.get(0);
                parts.add("relay variants: " + unsent.size() + " of " + variants.size()
                        + " forms not tried (" + String.join(", ", unsent.stream()
                                .map(v -> v.variant().description()).distinct().toList())
                        + "): " + (first.notTried() != null ? first.notTried().words() : first.reason()));
            }
        }
        a.starttlsInjection().seen().filter(i -> i.verdict() == StartTlsInjectionVerdict.INCONCLUSIVE)
                .ifPresent(i -> parts.add("STARTTLS injection test inconclusive: " + i.reason()));
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String message = String.join("; ", parts);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return Optional.of(Finding.of(FindingCode.DIAGNOSTIC_INCOMPLETE, subject, message));
    }

    private static Optional<String> tlsScan(dev.smtpmxcheck.core.report.Outcome<TlsVersionScan> outcome) {
        TlsVersionScan scan = outcome.seen().orElse(null);
        if (scan == null) {
            return Optional.empty();
        }
        List<String> notTried = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        String reason = null;
        for (VersionResult v : scan.versions()) {
            if (v.outcome() == Outcome.UNKNOWN) {
                if (v.notTriedBecause() != null) {
                    notTried.add(TlsVersionFindings.display(v.version()));
                    reason = reason == null ? v.notTriedBecause() : reason;
                } else {
                    undecided.add(TlsVersionFindings.display(v.version()));
                }
            }
        }
        if (scan.probesNotTriedBecause() != null) {
            notTried.add(scan.dhPrimeBits() == null ? "the DHE and weak-suite probes" : "the weak-suite probe");
            reason = reason == null ? scan.probesNotTriedBecause() : reason;
        }
        if (notTried.isEmpty() && undecided.isEmpty()) {
            return Optional.empty();
        }
        List<String> says = new ArrayList<>();
        if (!notTried.isEmpty()) {
            says.add("not tried: " + String.join(", ", notTried) + " (" + reason + ")");
        }
        if (!undecided.isEmpty()) {
            says.add("no verdict for " + String.join(", ", undecided));
        }
        List<String> tried = scan.versions().stream().filter(v -> v.outcome() != Outcome.UNKNOWN)
                .map(v -> TlsVersionFindings.display(v.version())).toList();
        return Optional.of("TLS version scan incomplete, " + String.join("; ", says) + "; verdicts only for "
                + (tried.isEmpty() ? "no version" : String.join(", ", tried)));
    }
}
