package dev.smtpmxcheck.core.smtp;

import dev.smtpmxcheck.core.report.AddressReport;
import dev.smtpmxcheck.core.report.EhloKeyword;
import dev.smtpmxcheck.core.report.Finding;
import dev.smtpmxcheck.core.report.FindingCode;
import dev.smtpmxcheck.core.report.ProbeStage;
import dev.smtpmxcheck.core.report.RelayFacts;
import dev.smtpmxcheck.core.report.RelayVerdict;
import dev.smtpmxcheck.core.report.Severity;
import dev.smtpmxcheck.core.report.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Findings of the SMTP dialogue and relay probe of one address (everything except certificates). Pure. */
public final class SmtpFindings {
    private SmtpFindings() {}

    /**
     * The findings of one address, in dialogue order.
     *
     * <ul>
     *   <li>The failure ({@code report.failureCode()}) with the stage and what went wrong. A failure during the
     *       relay probe ({@link ProbeStage#RELAY_PROBE}) is lowered to WARNING: the server took the session, it only
     *       stalled or broke on the probe.</li>
     *   <li>{@code BANNER_VERSION_LEAK} (INFO) when the greeting reveals a version.</li>
     *   <li>{@code EHLO_REJECTED} when only HELO worked; {@code STARTTLS_NOT_OFFERED} when a successful EHLO lacks
     *       STARTTLS; {@code STARTTLS_REJECTED} when STARTTLS was offered but not answered with 220;
     *       {@code AUTH_OFFERED_WITHOUT_TLS} when the plain-text EHLO offers AUTH.</li>
     *   <li>{@code OPEN_RELAY} (CRITICAL) quoting the RCPT TO reply; {@code RELAY_TEST_INCONCLUSIVE} (INFO) with the
     *       reason and reply.</li>
     * </ul>
     *
     * @param mxName the MX host name
     * @param report what the probe saw
     * @return the failure finding (from {@code report.failureCode()}), greeting, EHLO, STARTTLS, AUTH,
     *     banner and relay findings, each with subject {@code Subjects.address(mxName, address, port)}
     */
    public static List<Finding> of(String mxName, AddressReport report) {
        String subject = Subjects.address(mxName, report.address(), report.port());
        List<Finding> findings = new ArrayList<>();
        if (report.failureCode() != null) {
            String stage = report.failedStage() == null ? "" : stageName(report.failedStage()) + ": ";
            String message = stage + (report.failure() == null ? report.failureCode().title() : report.failure());
            Severity severity = report.failedStage() == ProbeStage.RELAY_PROBE
                    ? Severity.WARNING : report.failureCode().defaultSeverity();
            findings.add(Finding.of(report.failureCode(), severity, subject, message));
        }
        if (report.greeting() != null && report.greeting().version() != null) {
            findings.add(Finding.of(FindingCode.BANNER_VERSION_LEAK, subject, "the banner names "
                    + report.greeting().software() + " " + report.greeting().version() + ": \""
                    + report.greeting().reply().summary() + "\""));
        }
        if (report.ehlo() != null && report.ehlo().command().equals("HELO") && report.ehlo().reply().positive()) {
            findings.add(Finding.of(FindingCode.EHLO_REJECTED, subject, "EHLO was refused"
                    + refusedEhloReply(report.transcript()) + "; HELO was accepted"));
        }
        boolean ehloOk = report.ehlo() != null && report.ehlo().command().equals("EHLO")
                && report.ehlo().reply().positive();
        if (ehloOk && !report.ehlo().has("STARTTLS")) {
            findings.add(Finding.of(FindingCode.STARTTLS_NOT_OFFERED, subject,
                    "the EHLO reply does not offer STARTTLS"));
        }
        if (ehloOk && report.ehlo().has("STARTTLS") && report.tls() == null
                && (report.failedStage() == null || report.failedStage().compareTo(ProbeStage.RELAY_PROBE) >= 0)) {
            Optional<String> reply = replyAfter(report.transcript(), "C: STARTTLS");
            if (reply.isEmpty() || !reply.get().startsWith("220")) {
                findings.add(Finding.of(FindingCode.STARTTLS_REJECTED, subject, "STARTTLS is offered but refused"
                        + reply.map(r -> ": " + r).orElse("")));
            }
        }
        if (ehloOk) {
            Optional<EhloKeyword> auth = report.ehlo().find("AUTH");
            if (auth.isPresent()) {
                findings.add(Finding.of(FindingCode.AUTH_OFFERED_WITHOUT_TLS, subject,
                        "the plain-text EHLO reply offers AUTH " + String.join(" ", auth.get().params())));
            }
        }
        RelayFacts relay = report.relay();
        if (relay != null && relay.verdict() == RelayVerdict.OPEN) {
            findings.add(Finding.of(FindingCode.OPEN_RELAY, subject, "RCPT TO:<" + relay.forwardPath()
                    + "> after MAIL FROM:<" + relay.reversePath() + "> was accepted: \""
                    + relay.rcptReply().summary() + "\""));
        } else if (relay != null && relay.verdict() == RelayVerdict.INCONCLUSIVE) {
            String reply = relay.rcptReply() != null ? "RCPT TO answered \"" + relay.rcptReply().summary() + "\""
                    : "MAIL FROM answered \"" + relay.mailReply().summary() + "\"";
            findings.add(Finding.of(FindingCode.RELAY_TEST_INCONCLUSIVE, subject, relay.reason() + "; " + reply));
        }
        return List.copyOf(findings);
    }

    /** The stage as the messages name it: "connect", "greeting", "EHLO", "STARTTLS"... */
    static String stageName(ProbeStage stage) {
        switch (stage) {
            case CONNECT:
                return "connect";
            case GREETING:
                return "greeting";
            case EHLO:
                return "EHLO";
            case STARTTLS:
                return "STARTTLS";
            case TLS_HANDSHAKE:
                return "TLS handshake";
            case EHLO_AFTER_TLS:
                return "EHLO after STARTTLS";
            case RELAY_PROBE:
                return "relay probe";
            default:
                return "QUIT";
        }
    }

    private static String refusedEhloReply(List<String> transcript) {
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).startsWith("C: EHLO ")) {
                return replyAfter(transcript.subList(i, transcript.size()), transcript.get(i))
                        .map(r -> " (" + r + ")").orElse("");
            }
        }
        return "";
    }

    /** The last line of the reply that follows the first {@code commandLine} in the transcript, without "S: ". */
    private static Optional<String> replyAfter(List<String> transcript, String commandLine) {
        int i = transcript.indexOf(commandLine);
        if (i < 0) {
            return Optional.empty();
        }
        for (int j = i + 1; j < transcript.size(); j++) {
            String line = transcript.get(j);
            if (!line.startsWith("S: ")) {
                return Optional.empty();
            }
            String text = line.substring(3);
            if (text.length() < 4 || text.charAt(3) != '-') {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
