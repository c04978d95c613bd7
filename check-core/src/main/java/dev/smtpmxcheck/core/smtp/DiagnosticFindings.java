package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVariantFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionFacts;
import dev.smtpmxcheck.core.report.StartTlsInjectionVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of the deeper SMTP diagnostics of one address: relay variants, STARTTLS command injection and the
 * service extensions. Pure.
 */
public final class DiagnosticFindings {
    private DiagnosticFindings() {}

    /**
     * <ul>
     *   <li>{@code RELAY_VARIANT_ACCEPTED} (CRITICAL), once per address, naming every accepted form with its
     *       RCPT TO and reply;</li>
     *   <li>{@code STARTTLS_COMMAND_INJECTION} (CRITICAL) when the injection test found the server vulnerable;</li>
     *   <li>the findings of {@link ExtensionFindings#of}.</li>
     * </ul>
     *
     * @param subject the address subject, {@code Subjects.address(mx, address, port)}
     * @param report what the probe saw
     */
    public static List<Finding> of(String subject, AddressReport report) {
        List<Finding> out = new ArrayList<>();
        List<RelayVariantFacts> variants = report.relay().seen().map(RelayFacts::variants).orElse(null);
        if (variants != null) {
            List<RelayVariantFacts> accepted = variants.stream().filter(RelayVariantFacts::accepted)
                    .toList();
            if (!accepted.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (RelayVariantFacts v : accepted) {
                    parts.add(v.variant().description() + " (MAIL FROM:<" + v.reversePath() + "> RCPT TO:<"
                            + v.forwardPath() + ">: \"" + v.rcptReply().summary() + "\")");
                }
                out.add(Finding.of(FindingCode.RELAY_VARIANT_ACCEPTED, subject, accepted.size() + " of "
                        + variants.size() + " relay-test address forms accepted: "
                        + String.join("; ", parts)));
            }
        }
        StartTlsInjectionFacts injection = report.starttlsInjection().seen().orElse(null);
        if (injection != null && injection.verdict() == StartTlsInjectionVerdict.VULNERABLE) {
            out.add(Finding.of(FindingCode.STARTTLS_COMMAND_INJECTION, subject, injection.reason()));
        }
        out.addAll(ExtensionFindings.of(subject, report));
        return out;
    }
}
